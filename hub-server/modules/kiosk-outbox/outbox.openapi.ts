import { z } from 'zod';
import { type OpenAPIRegistry, registerRoute } from '../../http/openapi.ts';
import { outboxBatchSchema } from './outbox.schemas.ts';

/** Documents `POST /api/v1/kiosk/outbox`. */
export function registerKioskOutboxOpenApi(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'post',
    path: '/api/v1/kiosk/outbox',
    summary: 'A batch of the kiosk’s queued telemetry and journal rows, each id stored once.',
    description:
      'Delivery is at least once: a batch may arrive again after a lost answer. Every id in `stored` ' +
      'is held by the hub (new or already there) and may be forgotten by the kiosk.',
    tags: ['kiosk'],
    auth: 'kiosk',
    body: outboxBatchSchema,
    responses: {
      200: {
        description: 'Stored.',
        schema: z.object({ stored: z.array(z.string()), duplicates: z.number().int() }),
      },
    },
  });
}
