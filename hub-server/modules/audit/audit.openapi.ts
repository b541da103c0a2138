import { z } from 'zod';
import { type OpenAPIRegistry, registerRoute } from '../../http/openapi.ts';
import { auditQuery } from './audit.schemas.ts';

const ref = z.object({ kind: z.string(), id: z.string().nullable() });

/** One audit log entry as `GET /console/audit` lists it (secrets already redacted). */
export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({ kind: z.string().openapi({ example: 'person' }), id: z.string().nullable() }),
    action: z.string().openapi({ example: 'command.create' }),
    target: ref.nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry');

/** Documents `GET /api/v1/console/audit`. */
export function registerAuditOpenApi(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'get',
    path: '/api/v1/console/audit',
    tags: ['console'],
    auth: 'session',
    roles: ['admin', 'maintainer'],
    summary: 'The audit log, newest first; page with `before` = the previous page’s `nextBefore`.',
    query: auditQuery,
    responses: {
      200: {
        description: 'One page of entries.',
        schema: z.object({ entries: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() }),
      },
    },
  });
}
