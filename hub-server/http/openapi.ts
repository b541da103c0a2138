import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { type ZodObject, type ZodType, z } from 'zod';
import { renderDocsPage } from './openapi-page.ts';

// Once per process, before any schema calls `.openapi(...)`; a second call is a no-op.
extendZodWithOpenApi(z);

export { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The one error envelope of http/errors.ts, as a schema every route's error responses point to. */
export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid-request' }),
      message: z.string().openapi({ example: 'name: Required' }),
    }),
  })
  .openapi('ErrorEnvelope');

/** Security scheme names; `kiosk` routes use the kiosk's credential, `session` a person's cookie. */
export const SECURITY = { kiosk: 'kioskCredential', session: 'consoleSession' } as const;

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express style (`/api/v1/console/kiosks/:id`); written `{id}` in the document. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Who may call: nobody in particular, an enrolled kiosk, or a signed-in person. */
  auth: 'none' | 'kiosk' | 'session';
  /** Console roles allowed (`admin`, `maintainer`, `operator`, `case-desk`); all signed-in if absent. */
  roles?: readonly string[];
  body?: ZodType;
  params?: ZodObject;
  query?: ZodObject;
  /** Success responses by status; error responses in the envelope are added from auth and inputs. */
  responses: Record<number, { description: string; schema?: ZodType }>;
  /** Extra error statuses this route answers, e.g. `{ 409: 'The code was already used.' }`. */
  errors?: Record<number, string>;
}

const json = (schema: ZodType) => ({ 'application/json': { schema } });

/** A registry with the error envelope and both security schemes already in it. */
export function createApiRegistry({ sessionCookie = 'tingzi_session' } = {}): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('ErrorEnvelope', ErrorEnvelope);
  registry.registerComponent('securitySchemes', SECURITY.session, {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookie,
  });
  registry.registerComponent('securitySchemes', SECURITY.kiosk, { type: 'http', scheme: 'bearer' });
  return registry;
}

/** Registers one route: its inputs, its success bodies and the error envelope for each failure. */
export function registerRoute(registry: OpenAPIRegistry, route: ApiRoute): void {
  const responses: Record<string, { description: string; content?: ReturnType<typeof json> }> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    responses[status] = { description: r.description, ...(r.schema && { content: json(r.schema) }) };
  }
  const errors: Record<number, string> = {};
  if (route.body || route.params || route.query) errors[400] = 'The request is invalid (`invalid-request`).';
  if (route.auth !== 'none') errors[401] = 'Not authenticated.';
  if (route.roles) errors[403] = `Only ${route.roles.join(', ')} may call this.`;
  Object.assign(errors, route.errors);
  for (const [status, description] of Object.entries(errors)) {
    responses[status] = { description, content: json(ErrorEnvelope) };
  }
  registry.registerPath({
    method: route.method,
    path: route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
    summary: route.summary,
    ...(route.description && { description: route.description }),
    tags: route.tags,
    security: route.auth === 'none' ? [] : [{ [SECURITY[route.auth]]: [] }],
    ...(route.roles && { 'x-roles': [...route.roles] }),
    request: {
      ...(route.body && { body: { required: true, content: json(route.body) } }),
      ...(route.params && { params: route.params }),
      ...(route.query && { query: route.query }),
    },
    responses,
  });
}

export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** The OpenAPI 3.1 document for everything registered so far. */
export function buildOpenApiDocument(registry: OpenAPIRegistry, info: ApiInfo): OpenApiDocument {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { ...info },
  });
}

/**
 * `GET /api/docs/openapi.json` and `GET /api/docs` (a self-contained page, no CDN: kiosks and
 * the hub may be offline). Generated on first request, once every module has registered.
 */
export function openApiRoutes(registry: OpenAPIRegistry, info: ApiInfo): Router {
  let cached: { doc: OpenApiDocument; page: string } | undefined;
  const get = () => {
    if (!cached) {
      const doc = buildOpenApiDocument(registry, info);
      cached = { doc, page: renderDocsPage(doc) };
    }
    return cached;
  };
  const router = Router();
  router.get('/api/docs/openapi.json', (_req, res) => {
    res.json(get().doc);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(get().page);
  });
  return router;
}
