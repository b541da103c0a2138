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

/**
 * Security scheme names: `kiosk` routes use the kiosk's bearer credential, `session` a person's
 * cookie, and a state-changing console call also the session's `x-csrf-token` header.
 */
export const SECURITY = { kiosk: 'kioskCredential', session: 'consoleSession', csrf: 'csrfToken' } as const;

/** The error codes the auth middlewares answer with, so each route lists what it can really return. */
const AUTH_ERRORS = {
  session: { 401: ['not-signed-in'], csrf: ['csrf-token-missing', 'csrf-token-invalid'] },
  kiosk: { 401: ['kiosk-not-authenticated'], 403: ['kiosk-revoked'] },
} as const;

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
  /** A session route a person who must change their password may still call (me, password, logout). */
  passwordChangeAllowed?: boolean;
  body?: ZodType;
  /** A non-JSON body (e.g. `image/png`), sent raw. */
  rawBody?: { contentType: string; description: string };
  params?: ZodObject;
  /** False when the route reads its params as plain strings, so a bad one is a 404 rather than a 400. */
  paramsParsed?: boolean;
  query?: ZodObject;
  /** Success responses by status (`contentType` for a non-JSON body); errors are added from auth and inputs. */
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
  /** Error codes this route answers with beyond auth and validation, by status: `{ 404: ['kiosk-not-found'] }`. */
  errors?: Record<number, readonly string[]>;
}

const json = (schema: ZodType) => ({ 'application/json': { schema } });
const binary = (contentType: string) => ({
  [contentType]: { schema: { type: 'string' as const, format: 'binary' } },
});
const STATUS_TEXT: Record<number, string> = {
  400: 'The request is invalid.',
  401: 'Not authenticated.',
  403: 'Not allowed.',
  404: 'Not found.',
  409: 'Conflicts with the current state.',
  410: 'Gone.',
  423: 'Locked.',
  413: 'The body is too large.',
  429: 'Too many attempts.',
};

/** A registry with the error envelope and the security schemes already in it. */
export function createApiRegistry({
  sessionCookie = 'tingzi_session',
  csrfHeader = 'x-csrf-token',
} = {}): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('ErrorEnvelope', ErrorEnvelope);
  registry.registerComponent('securitySchemes', SECURITY.session, {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookie,
  });
  registry.registerComponent('securitySchemes', SECURITY.csrf, {
    type: 'apiKey',
    in: 'header',
    name: csrfHeader,
    description: 'The `csrfToken` from login or /me; required on every state-changing console call.',
  });
  registry.registerComponent('securitySchemes', SECURITY.kiosk, { type: 'http', scheme: 'bearer' });
  return registry;
}

/** Every error code `route` can answer with, by status: validation, auth, then the route's own. */
export function errorCodesOf(route: ApiRoute): Map<number, string[]> {
  const codes = new Map<number, string[]>();
  const add = (status: number, list: readonly string[]) =>
    codes.set(status, [...new Set([...(codes.get(status) ?? []), ...list])]);
  if (route.body) add(400, ['invalid-request', 'invalid-json']);
  if ((route.params && route.paramsParsed !== false) || route.query) add(400, ['invalid-request']);
  if (route.auth === 'kiosk') {
    add(401, AUTH_ERRORS.kiosk[401]);
    add(403, AUTH_ERRORS.kiosk[403]);
  }
  if (route.auth === 'session') {
    add(401, AUTH_ERRORS.session[401]);
    if (route.method !== 'get') add(403, AUTH_ERRORS.session.csrf);
    if (!route.passwordChangeAllowed) add(403, ['password-change-required']);
    if (route.roles) add(403, ['role-denied']);
  }
  for (const [status, list] of Object.entries(route.errors ?? {})) add(Number(status), list);
  return codes;
}

/** Registers one route: its inputs, its success bodies and the error envelope for each failure. */
export function registerRoute(registry: OpenAPIRegistry, route: ApiRoute): void {
  const responses: Record<string, object> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    const content = r.contentType ? binary(r.contentType) : r.schema && json(r.schema);
    responses[status] = { description: r.description, ...(content && { content }) };
  }
  for (const [status, codes] of errorCodesOf(route)) {
    const roles = status === 403 && route.roles ? ` Roles: ${route.roles.join(', ')}.` : '';
    responses[status] = {
      description: `${STATUS_TEXT[status] ?? 'Error.'}${roles} Codes: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
      content: json(ErrorEnvelope),
      'x-error-codes': codes,
    };
  }
  const security =
    route.auth === 'none'
      ? []
      : route.auth === 'session' && route.method !== 'get'
        ? [{ [SECURITY.session]: [], [SECURITY.csrf]: [] }]
        : [{ [SECURITY[route.auth]]: [] }];
  const body = route.body
    ? { required: true, content: json(route.body) }
    : route.rawBody && {
        required: true,
        description: route.rawBody.description,
        content: binary(route.rawBody.contentType),
      };
  registry.registerPath({
    method: route.method,
    path: route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
    summary: route.summary,
    ...(route.description && { description: route.description }),
    tags: route.tags,
    security,
    ...(route.roles && { 'x-roles': [...route.roles] }),
    request: {
      ...(body && { body }),
      ...(route.params && { params: route.params }),
      ...(route.query && { query: route.query }),
    },
    responses: responses as Parameters<OpenAPIRegistry['registerPath']>[0]['responses'],
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
  const docs: Pick<ApiRoute, 'tags' | 'auth'> = { tags: ['docs'], auth: 'none' };
  registerRoute(registry, {
    ...docs,
    method: 'get',
    path: '/api/docs/openapi.json',
    summary: 'This document, OpenAPI 3.1.',
    responses: { 200: { description: 'The document.', schema: z.record(z.string(), z.unknown()) } },
  });
  registerRoute(registry, {
    ...docs,
    method: 'get',
    path: '/api/docs',
    summary: 'This document as a page to read (no script, works offline).',
    responses: { 200: { description: 'The page.', contentType: 'text/html' } },
  });
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
