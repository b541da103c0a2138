import { type Request, type RequestHandler, Router } from 'express';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import { IdempotencyStore } from './idempotency.store.ts';

export interface IdempotencyRoutesDeps {
  db: Database;
  requireKiosk: RequestHandler;
  kioskIdOf: (req: Request) => string;
}

/**
 * `GET /idempotency/:key` (mounted at /api/v1/kiosk): what became of a request the kiosk sent
 * with that key. 404 `unknown-key` means the hub never received it; the agent's journal
 * resolves an intent left open by a crash or a lost answer with this.
 */
export function idempotencyRoutes({ db, requireKiosk, kioskIdOf }: IdempotencyRoutesDeps): Router {
  const store = new IdempotencyStore(db);
  const r = Router();
  r.get('/idempotency/:key', requireKiosk, async (req, res) => {
    const key = String(req.params.key);
    const found = await store.find(kioskIdOf(req), key);
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
