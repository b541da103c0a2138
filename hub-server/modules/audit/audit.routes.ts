import { Router } from 'express';
import type { Database } from '../../db/database.ts';
import { requirePerson } from '../auth/middleware.ts';
import { auditQuery } from './audit.schemas.ts';
import type { Audit } from './audit.ts';

export interface AuditRoutesDeps {
  db: Database;
  now: () => Date;
  audit: Audit;
}

/** Mounted at /api/v1/console: `GET /audit?limit&before&actorId&action`, newest first (admin, maintainer). */
export function auditRoutes(deps: AuditRoutesDeps): Router {
  const router = Router();
  router.get('/audit', requirePerson(deps)('admin', 'maintainer'), async (req, res) => {
    res.json(await deps.audit.list(auditQuery.parse(req.query)));
  });
  return router;
}
