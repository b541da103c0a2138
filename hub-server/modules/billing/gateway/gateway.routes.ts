import express, { Router } from 'express';
import type { Logger } from 'pino';
import { HttpError } from '../../../http/errors.ts';
import type { PaymentService } from '../payment.service.ts';
import type { PaymentGateway } from './gateway-adapter.ts';
import { SIGNATURE_HEADER } from './signature.ts';

/**
 * `POST /notify` (mounted at /api/v1/gateway, before the JSON parser: the signature is over the
 * raw bytes). Not kiosk-authenticated: the gateway's HMAC signature is the authentication.
 */
export function gatewayNotifyRoutes({
  gateway,
  payments,
  logger,
}: {
  gateway: PaymentGateway;
  payments: PaymentService;
  logger: Logger;
}): Router {
  const r = Router();
  r.post('/notify', express.raw({ type: () => true, limit: '16kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const notice = gateway.verifyNotice(raw, req.get(SIGNATURE_HEADER));
    if (!notice) {
      logger.warn({ bytes: raw.length }, 'gateway notice with a bad signature');
      throw new HttpError(401, 'bad-signature', 'The notification signature does not verify.');
    }
    await payments.onNotice(notice);
    res.json({ ok: true });
  });
  return r;
}
