import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type CommandOutcome, fromError, invalidBody, outcome } from '../api/command-result.ts';
import { HubCallError } from '../hub/hub-client.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { type PaymentReceipts, ReceiptRefusedError } from './payment-receipts.ts';

const requestIdSchema = z.string().regex(/^[\w.:-]{1,100}$/);
const bodySchema = z.strictObject({
  paymentId: z.string().regex(/^[\w.:-]{1,100}$/),
  requestId: z.string().optional(),
});

/**
 * `POST /agent/receipts/payment` `{ paymentId }` (with `x-session-id` and `x-request-id`, like a
 * device command): the agent asks the hub for the payment, renders its receipt and prints it under
 * the payment's journal key, answering a CommandResult. Paper out is `deviceNotReady` `paper-out`
 * (the screen shows the e-receipt's QR instead); a payment with no money taken is `invalidData`
 * `payment-not-printable`; a receipt already printed answers success with `alreadyPrinted`.
 */
export function receiptRoutes(deps: {
  session: ResidentSession;
  receipts: PaymentReceipts;
  logger: Logger;
}): Router {
  const router = express.Router();
  router.post('/agent/receipts/payment', express.json({ limit: '4kb' }), async (req, res) => {
    const answer = await handle(
      req.get('x-request-id') ?? req.body?.requestId,
      req.get('x-session-id'),
      req.body,
    );
    res.status(answer.status).set('cache-control', 'no-store').json(answer.body);
  });

  async function handle(
    rawId: unknown,
    sessionId: string | undefined,
    raw: unknown,
  ): Promise<CommandOutcome> {
    const id = requestIdSchema.safeParse(rawId);
    if (!id.success) return outcome('', 'invalidData', { error: 'invalid-request-id', field: 'requestId' });
    const requestId = id.data;
    if (!sessionId || !deps.session.isCurrent(sessionId))
      return outcome(requestId, 'canceled', { error: 'session-ended', message: 'no such active session' });
    const body = bodySchema.safeParse(raw ?? {});
    if (!body.success) return invalidBody(requestId, body.error);
    const { paymentId } = body.data;
    return deps.session.once(sessionId, requestId, async () => {
      try {
        const payment = await deps.receipts.fetch(paymentId);
        const key = await deps.receipts.keyOf(paymentId);
        const printed = await deps.receipts.print(payment, { jobId: requestId, key });
        return outcome(requestId, 'success', {
          printedAt: printed.printedAt,
          ...(printed.alreadyPrinted ? { alreadyPrinted: true } : {}),
        });
      } catch (err) {
        const failed = refusal(requestId, err);
        deps.logger.warn(
          { paymentId, requestId, completionCode: failed.body.completionCode, error: failed.body.error },
          'payment receipt not printed',
        );
        return failed;
      }
    });
  }
  return router;
}

function refusal(requestId: string, err: unknown): CommandOutcome {
  if (err instanceof ReceiptRefusedError) {
    const code = err.code === 'payment-not-printable' ? 'invalidData' : 'deviceNotReady';
    return outcome(requestId, code, { error: err.code, message: err.message });
  }
  if (err instanceof HubCallError) {
    if (err.status === 404) return outcome(requestId, 'invalidData', { error: 'payment-not-found' });
    const code = err.code === 'timeout' ? 'timeOut' : 'deviceNotReady';
    return outcome(requestId, code, {
      error: err.status === 0 ? `hub-${err.code}` : err.code,
      message: err.message,
    });
  }
  return fromError(requestId, err);
}
