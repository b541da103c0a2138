import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { KioskDevices } from '../devices/build-devices.ts';
import type { ReceiptMemory } from '../session/receipt-memory.ts';
import type { ResidentSession } from '../session/resident-session.ts';
import { type CommandOutcome, fromError, invalidBody, outcome } from './command-result.ts';
import type { SessionStarted } from './contract.ts';
import { DEVICE_COMMANDS } from './device-command-table.ts';

export interface DeviceRoutesDeps {
  devices: KioskDevices;
  session: ResidentSession;
  receipts: ReceiptMemory;
  logger: Logger;
  /**
   * A print that belongs to a money, booking or case step (header `x-journal-key`: that step's
   * idempotency key) has its result journaled: the receipt is part of the step's record.
   */
  onPrinted?: (journalKey: string, result: { ok: boolean; code?: string }) => Promise<void>;
}

const journalKeySchema = z.string().regex(/^[\w.:-]{8,200}$/);

const requestIdSchema = z.string().regex(/^[\w.:-]{1,100}$/, 'letters, digits, . : _ - (1 to 100)');
const endSchema = z.strictObject({ reason: z.enum(['done', 'cancelled', 'idle']) });

/**
 * `POST /agent/session/start|end` and `POST /agent/devices/<device>/<command>`.
 * A device command must name the current session (`x-session-id`) and carry a
 * request id; it runs once per request id within the session (a repeat gets
 * the first answer, failures included: a deliberate retry takes a new id),
 * and always answers a CommandResult.
 */
export function deviceRoutes({ devices, session, receipts, logger, onPrinted }: DeviceRoutesDeps): Router {
  const router = express.Router();
  router.use('/agent/session', express.json({ limit: '4kb' }));
  router.use('/agent/devices', express.json({ limit: '256kb' }));

  router.post('/agent/session/start', async (_req, res) => {
    const sessionId = await session.start();
    res.json({ sessionId } satisfies SessionStarted);
  });

  router.post('/agent/session/end', async (req, res) => {
    const parsed = endSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const { body } = invalidBody('', parsed.error);
      res.status(400).json({ error: { code: 'invalid-body', message: body.message, field: body.field } });
      return;
    }
    const claimed = req.get('x-session-id');
    if (claimed !== undefined && !session.isCurrent(claimed)) {
      res.status(409).json({ completionCode: 'canceled', error: 'session-ended' });
      return;
    }
    const sessionId = await session.end(parsed.data.reason);
    res.json({ sessionId: sessionId ?? null, ended: sessionId !== undefined });
  });

  router.post('/agent/devices/:device/:command', async (req, res) => {
    const answer = await handle(req);
    res.status(answer.status).set('cache-control', 'no-store').json(answer.body);
  });

  async function handle(req: Request): Promise<CommandOutcome> {
    const raw: Record<string, unknown> = isObject(req.body) ? req.body : {};
    const { requestId: bodyRequestId, ...rest } = raw;
    const id = requestIdSchema.safeParse(req.get('x-request-id') ?? bodyRequestId);
    if (!id.success) {
      return outcome('', 'invalidData', {
        error: 'invalid-request-id',
        field: 'requestId',
        message: 'x-request-id (or body requestId) is required: letters, digits, . : _ - (1 to 100)',
      });
    }
    const requestId = id.data;
    const name = `${req.params.device}/${req.params.command}`;
    const cmd = DEVICE_COMMANDS[name];
    if (!cmd) {
      return {
        ...outcome(requestId, 'invalidData', { error: 'unknown-command', field: 'command' }),
        status: 404,
      };
    }
    const sessionId = req.get('x-session-id');
    if (!sessionId || !session.isCurrent(sessionId)) {
      return outcome(requestId, 'canceled', { error: 'session-ended', message: 'no such active session' });
    }
    // A refused body ran nothing, so it is not remembered: the corrected request may reuse the id.
    const body = cmd.body.safeParse(rest);
    if (!body.success) return invalidBody(requestId, body.error);
    const journalKey = journalKeySchema.safeParse(req.get('x-journal-key'));
    const journal = async (result: CommandOutcome) => {
      if (name !== 'printer/print' || !journalKey.success || !onPrinted) return result;
      const { completionCode } = result.body;
      await onPrinted(journalKey.data, {
        ok: completionCode === 'success',
        ...(completionCode === 'success' ? {} : { code: result.body.error ?? completionCode }),
      }).catch((err) => logger.error({ err: (err as Error).message }, 'print result not journaled'));
      return result;
    };
    return session.once(sessionId, requestId, async () => {
      const driver = devices[cmd.device];
      if (!driver) {
        return outcome(requestId, 'deviceNotReady', {
          error: 'not-configured',
          message: `this kiosk has no ${cmd.device}`,
        });
      }
      try {
        const result = await cmd.run({
          driver: driver as never,
          body: body.data as never,
          sessionId,
          requestId,
          session,
          receipts,
        });
        return journal(outcome(requestId, 'success', result));
      } catch (err) {
        const failed = fromError(requestId, err);
        logger.warn(
          { command: name, requestId, completionCode: failed.body.completionCode, error: failed.body.error },
          'device command failed',
        );
        return journal(failed);
      }
    });
  }

  // A body that is not JSON is still answered in the command's shape.
  router.use('/agent', (err: unknown, req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (!e.type?.startsWith('entity.')) return next(err);
    const requestId = req.get('x-request-id') ?? '';
    const code = e.type === 'entity.too.large' ? 'body-too-large' : 'invalid-json';
    res
      .status(e.status === 413 ? 413 : 400)
      .json(outcome(requestId, 'invalidData', { error: code, field: 'body' }).body);
  });
  return router;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
