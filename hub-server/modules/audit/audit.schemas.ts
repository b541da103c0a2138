import { z } from 'zod';

/** `GET /console/audit?limit&before&actorId&action`: parsed by audit.routes.ts, documented by audit.openapi.ts. */
export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.coerce.number().int().min(1).optional(),
  actorId: z.string().min(1).max(100).optional(),
  action: z.string().min(1).max(100).optional(),
});
