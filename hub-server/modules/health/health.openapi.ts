import { z } from 'zod';
import { type OpenAPIRegistry, registerRoute } from '../../http/openapi.ts';

/** The body of `GET /api/v1/health`, as health.routes.ts sends it. */
export const HealthResponse = z
  .object({
    status: z.literal('ok'),
    version: z.string().openapi({ example: '0.1.0' }),
  })
  .openapi('Health');

/** Documents `GET /api/v1/health` in the hub's OpenAPI registry. */
export function registerHealthOpenApi(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'get',
    path: '/api/v1/health',
    summary: 'Liveness and version, for load balancers and kiosks checking the link.',
    tags: ['health'],
    auth: 'none',
    responses: { 200: { description: 'The hub is up.', schema: HealthResponse } },
  });
}
