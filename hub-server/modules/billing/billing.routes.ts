import { type Request, type RequestHandler, Router } from 'express';
import { HttpError } from '../../http/errors.ts';
import { parseBody } from '../../http/validate.ts';
import { LookupRequest, PayRequest, QuoteRequest } from './billing.schemas.ts';
import type { BillingService } from './billing.service.ts';
import type { PaymentService } from './payment.service.ts';

export interface BillingRoutesDeps {
  billing: BillingService;
  payments: PaymentService;
  requireKiosk: RequestHandler;
  kioskIdOf: (req: Request) => string;
  /** The idempotency layer; paying requires its key. */
  idempotent: RequestHandler;
}

/** Money never moves on a request that could not be safely retried. */
const requireKey: RequestHandler = (req, _res, next) => {
  if (!req.get('idempotency-key'))
    throw new HttpError(400, 'idempotency-key-required', 'Paying needs an Idempotency-Key header.');
  next();
};

/** The kiosk's billing routes, mounted at /api/v1/kiosk (billing.contract.ts). */
export function billingKioskRoutes({
  billing,
  payments,
  requireKiosk,
  kioskIdOf,
  idempotent,
}: BillingRoutesDeps): Router {
  const r = Router();
  const id = (req: Request) => String(req.params.id);
  r.get('/billing/catalog', requireKiosk, (_req, res) => {
    res.json(billing.catalog());
  });
  r.post('/billing/lookup', requireKiosk, async (req, res) => {
    res.json(await billing.lookup(kioskIdOf(req), parseBody(LookupRequest, req)));
  });
  r.post('/billing/quotes', requireKiosk, async (req, res) => {
    res.status(201).json(await billing.quote(kioskIdOf(req), parseBody(QuoteRequest, req)));
  });
  r.post('/billing/payments', requireKiosk, requireKey, idempotent, async (req, res) => {
    res.status(201).json(await payments.pay(kioskIdOf(req), parseBody(PayRequest, req)));
  });
  r.get('/billing/payments/:id', requireKiosk, async (req, res) => {
    res.json(await payments.get(kioskIdOf(req), id(req)));
  });
  r.post('/billing/payments/:id/cancel', requireKiosk, idempotent, async (req, res) => {
    res.json(await payments.cancel(kioskIdOf(req), id(req)));
  });
  return r;
}
