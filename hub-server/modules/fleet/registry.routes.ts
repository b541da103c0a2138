import { type Request, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import type { AuditEntry } from './fleet.routes.ts';
import { FleetStore, type KioskRecord } from './fleet.store.ts';

/** A new kiosk in the registry: the console's enroll form. */
export const newKioskSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'lower-case letters, digits and - (2 to 60)'),
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(200),
  district: z.string().trim().min(1).max(60),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  group: z.string().trim().max(60).nullable().default(null),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});

export interface RegistryRoutesDeps {
  db: Database;
  now: () => Date;
  requirePerson: (...roles: string[]) => RequestHandler;
  personIdOf: (req: Request) => string;
  audit: { record(entry: AuditEntry & { requestId?: string }): Promise<void> };
}

/** Mounted at /api/v1/console: `POST /kiosks` adds a kiosk to the registry (admin, maintainer). */
export function registryRoutes({ db, now, requirePerson, personIdOf, audit }: RegistryRoutesDeps): Router {
  const r = Router();
  r.post('/kiosks', requirePerson('admin', 'maintainer'), async (req, res) => {
    const body = newKioskSchema.parse(req.body ?? {});
    const record: KioskRecord = {
      id: body.id,
      name: body.name,
      address: body.address,
      district: body.district,
      latitude: body.latitude,
      longitude: body.longitude,
      createdAt: now().toISOString(),
      groupName: body.group || null,
      tags: body.tags,
    };
    const created = await db.transaction(async (tx) => {
      const store = new FleetStore(tx);
      if (await store.get(record.id)) return false;
      await store.insert(record);
      return true;
    });
    if (!created)
      throw new HttpError(409, 'kiosk-exists', `A kiosk with the id ${record.id} already exists.`);
    const requestId = (req as { id?: unknown }).id;
    await audit.record({
      actor: { kind: 'person', id: personIdOf(req) },
      action: 'kiosk.create',
      target: { kind: 'kiosk', id: record.id },
      after: record,
      ...(requestId === undefined ? {} : { requestId: String(requestId) }),
    });
    res.status(201).json({ kiosk: (await new FleetStore(db).get(record.id))! });
  });
  return r;
}
