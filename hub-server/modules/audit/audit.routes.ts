import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { requirePerson } from '../auth/middleware.ts';
import type { Audit } from './audit.ts';

export interface AuditRoutesDeps {
  db: Database;
  now: () => Date;
  audit: Audit;
}

const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.coerce.number().int().min(1).optional(),
  actorId: z.string().min(1).max(100).optional(),
  action: z.string().min(1).max(100).optional(),
});

/** Mounted at /api/v1/console: `GET /audit?limit&before&actorId&action`, newest first (admin, maintainer). */
export function auditRoutes(deps: AuditRoutesDeps): Router {
  const router = Router();
  router.get('/audit', requirePerson(deps)('admin', 'maintainer'), async (req, res) => {
    res.json(await deps.audit.list(query.parse(req.query)));
  });
  return router;
}
