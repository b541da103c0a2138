import express, { type Request, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type CommandOutcome, fromError, invalidBody, outcome } from '../api/command-result.ts';
import { HubCallError } from '../hub/hub-client.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { type PaymentReceipts, ReceiptRefusedError } from './payment-receipts.ts';

const PRINT_PATH = '/agent/receipts/payment';
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
 * `payment-not-printable`; a receipt already printed answers success with `alreadyPrinted`, also
 * to a session the agent no longer knows (a screen that outlived the agent's restart, whose
 * recovery printed the receipt: the resident is told to take it, and nothing prints twice).
 *
 * `POST /agent/receipts/payment/reprint` `{ paymentId }`: that receipt once more, marked as a
 * reprint, for the session it was printed for, while it is the last receipt and at most two
 * minutes old; otherwise `invalidData` `nothing-to-reprint`.
 */
export function receiptRoutes(deps: {
  session: ResidentSession;
  receipts: PaymentReceipts;
  logger: Logger;
}): Router {
  const router = express.Router();
  const json = express.json({ limit: '4kb' });
  router.post(PRINT_PATH, json, async (req, res) => {
    const answer = await handle(req, async ({ paymentId, requestId, sessionId }) => {
      const payment = await deps.receipts.fetch(paymentId);
      const key = await deps.receipts.keyOf(paymentId);
      const printed = await deps.receipts.print(payment, { jobId: requestId, key, sessionId });
      return outcome(requestId, 'success', {
        printedAt: printed.printedAt,
        ...(printed.alreadyPrinted ? { alreadyPrinted: true } : {}),
      });
    });
    res.status(answer.status).set('cache-control', 'no-store').json(answer.body);
  });
  router.post('/agent/receipts/payment/reprint', json, async (req, res) => {
    const answer = await handle(req, async ({ paymentId, requestId, sessionId }) => {
      const { printedAt } = await deps.receipts.reprint(paymentId, { jobId: requestId, sessionId });
      return outcome(requestId, 'success', { printedAt });
    });
    res.status(answer.status).set('cache-control', 'no-store').json(answer.body);
  });

  /** Checks the request and the session, then runs `print` once per request id, mapping refusals. */
  async function handle(
    req: Request,
    print: (r: { paymentId: string; requestId: string; sessionId: string }) => Promise<CommandOutcome>,
  ): Promise<CommandOutcome> {
    const id = requestIdSchema.safeParse(req.get('x-request-id') ?? req.body?.requestId);
    if (!id.success) return outcome('', 'invalidData', { error: 'invalid-request-id', field: 'requestId' });
    const requestId = id.data;
    const body = bodySchema.safeParse(req.body ?? {});
    if (!body.success) return invalidBody(requestId, body.error);
    const { paymentId } = body.data;
    const sessionId = req.get('x-session-id');
    if (!sessionId || !deps.session.isCurrent(sessionId)) {
      const printedAt = req.path === PRINT_PATH ? await deps.receipts.printedAt(paymentId) : undefined;
      if (printedAt) return outcome(requestId, 'success', { printedAt, alreadyPrinted: true });
      return outcome(requestId, 'canceled', { error: 'session-ended', message: 'no such active session' });
    }
    return deps.session.once(sessionId, requestId, async () => {
      try {
        return await print({ paymentId, requestId, sessionId });
      } catch (err) {
        const failed = refusal(requestId, err);
        deps.logger.warn(
          { paymentId, requestId, completionCode: failed.body.completionCode, error: failed.body.error },
          `payment receipt not printed (${req.path})`,
        );
        return failed;
      }
    });
  }
  return router;
}

function refusal(requestId: string, err: unknown): CommandOutcome {
  if (err instanceof ReceiptRefusedError) {
    const code =
      err.code === 'payment-not-printable' || err.code === 'nothing-to-reprint'
        ? 'invalidData'
        : 'deviceNotReady';
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
