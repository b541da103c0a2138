import { type Request, type RequestHandler, Router } from 'express';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import { IdempotencyStore } from './idempotency.store.ts';

export interface IdempotencyRoutesDeps {
  db: Database;
  now?: () => Date;
  requireKiosk: RequestHandler;
  kioskIdOf: (req: Request) => string;
  /** A claim still in progress after this long was left by a hub that died; IDEMPOTENCY_ABANDON_MS by default. */
  abandonAfterMs?: number;
}

/**
 * No kiosk request runs this long (the gateway and billers are cut off after 20 s): a claim still
 * `in-progress` after it belongs to a hub process that was killed mid-request.
 */
export const IDEMPOTENCY_ABANDON_MS = 120_000;

/**
 * `GET /idempotency/:key` (mounted at /api/v1/kiosk): what became of a request the kiosk sent
 * with that key. 404 `unknown-key` means the hub never received it; the agent's journal
 * resolves an intent left open by a crash or a lost answer with this. A claim abandoned by a hub
 * that died mid-request has no answer stored: it is released and answered `unknown-key` too, so
 * the kiosk sends the request again (paying a quote again answers its one payment) instead of
 * asking for ever about a request no process is running.
 */
export function idempotencyRoutes({
  db,
  now = () => new Date(),
  requireKiosk,
  kioskIdOf,
  abandonAfterMs = IDEMPOTENCY_ABANDON_MS,
}: IdempotencyRoutesDeps): Router {
  const store = new IdempotencyStore(db);
  const r = Router();
  r.get('/idempotency/:key', requireKiosk, async (req, res) => {
    const key = String(req.params.key);
    const kioskId = kioskIdOf(req);
    let found = await store.find(kioskId, key);
    const abandonedBefore = new Date(now().getTime() - abandonAfterMs).toISOString();
    if (found?.state === 'in-progress' && found.createdAt < abandonedBefore) {
      await store.releaseAbandoned(kioskId, key, abandonedBefore);
      found = await store.find(kioskId, key);
    }
    if (!found) throw new HttpError(404, 'unknown-key', 'The hub never received a request with this key.');
    res.json({
      key,
      method: found.method,
      path: found.path,
      state: found.state,
      status: found.status,
      body: parseBody(found.contentType, found.response),
      createdAt: found.createdAt,
      completedAt: found.completedAt,
    });
  });
  return r;
}

function parseBody(contentType: string | null, text: string | null): unknown {
  if (text === null || !contentType?.includes('json')) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
