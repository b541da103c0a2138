import { z } from 'zod';
import { type OpenAPIRegistry, registerRoute } from '../../http/openapi.ts';

/** The hub's record of a kiosk request sent with an Idempotency-Key. */
export const IdempotencyOutcome = z
  .object({
    key: z.string(),
    method: z.string(),
    path: z.string(),
    state: z.enum(['in-progress', 'done']),
    status: z.number().int().nullable(),
    body: z.unknown(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .openapi('IdempotencyOutcome');

/** Documents `GET /api/v1/kiosk/idempotency/:key`. */
export function registerIdempotencyOpenApi(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'get',
    path: '/api/v1/kiosk/idempotency/:key',
    summary: 'What became of the request this kiosk sent with an Idempotency-Key.',
    description:
      'Kiosk POSTs that carry `Idempotency-Key` run once; a retry with the same body gets the stored ' +
      'response again (header `idempotent-replay: true`), another body with the key gets 422 ' +
      '`idempotency-key-reused`, a duplicate of a request still running gets 409 `request-in-progress`. ' +
      'A 404 `unknown-key` here means the hub never received the request, or that the hub process ' +
      'running it died before it answered (a claim still in progress after 2 minutes is released): ' +
      'either way nothing is stored under the key, and the kiosk may send the request again.',
    tags: ['kiosk'],
    auth: 'kiosk',
    params: z.object({ key: z.string() }),
    paramsParsed: false,
    responses: { 200: { description: 'The stored outcome.', schema: IdempotencyOutcome } },
    errors: { 404: ['unknown-key'] },
  });
}
