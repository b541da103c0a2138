import { type Request, type RequestHandler, Router } from 'express';
import type { Database } from '../../db/database.ts';
import { outboxBatchSchema } from './outbox.schemas.ts';
import { KioskOutboxStore } from './outbox.store.ts';

export interface KioskOutboxRoutesDeps {
  db: Database;
  now: () => Date;
  requireKiosk: RequestHandler;
  kioskIdOf: (req: Request) => string;
}

/**
 * `POST /outbox` (mounted at /api/v1/kiosk): a batch of the agent's telemetry and journal rows.
 * Delivery is at least once, so each id is stored once and a duplicate is acknowledged again.
 */
export function kioskOutboxRoutes({ db, now, requireKiosk, kioskIdOf }: KioskOutboxRoutesDeps): Router {
  const store = new KioskOutboxStore(db);
  const r = Router();
  r.post('/outbox', requireKiosk, async (req, res) => {
    const { items } = outboxBatchSchema.parse(req.body);
    const fresh = await store.store(kioskIdOf(req), items, now().toISOString());
    res.json({ stored: items.map((i) => i.id), duplicates: items.length - fresh });
  });
  return r;
}
