import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler, notFound } from '../../../hub-server/http/errors.ts';
import { createLogger } from '../../../hub-server/http/logger.ts';
import {
  buildOpenApiDocument,
  createApiRegistry,
  openApiRoutes,
  registerRoute,
} from '../../../hub-server/http/openapi.ts';
import { parseBody, parseParams, parseQuery } from '../../../hub-server/http/validate.ts';
import { HealthResponse, registerHealthOpenApi } from '../../../hub-server/modules/health/health.openapi.ts';
import { healthRoutes } from '../../../hub-server/modules/health/health.routes.ts';
import { serve } from './serve.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const INFO = { title: 'Tingzi hub', version: '0.1.0' };

const CreateCommand = z
  .object({
    kind: z.enum(['restart-browser', 'screenshot']).openapi({ example: 'screenshot' }),
    note: z.string().max(200).optional(),
  })
  .openapi('CreateCommand');
const KioskParams = z.object({ id: z.string().min(1).openapi({ example: 'GL-001' }) });
const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

function registryWithExamples() {
  const registry = createApiRegistry();
  registerHealthOpenApi(registry);
  registerRoute(registry, {
    method: 'post',
    path: '/api/v1/console/kiosks/:id/commands',
    summary: 'Queue a command for a kiosk.',
    tags: ['fleet'],
    auth: 'session',
    roles: ['admin', 'maintainer'],
    params: KioskParams,
    body: CreateCommand,
    responses: { 201: { description: 'Queued.', schema: z.object({ id: z.string() }) } },
    errors: { 404: ['kiosk-not-found'] },
  });
  return registry;
}

describe('OpenAPI document', () => {
  it('when health and a console route are registered, then the 3.1 document describes both', () => {
    const doc = buildOpenApiDocument(registryWithExamples(), INFO);
    expect(doc.openapi).toBe('3.1.0');
    const health = doc.paths?.['/api/v1/health']?.get;
    expect(health?.security).toEqual([]);
    expect(health?.responses?.['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } },
    });
    const post = doc.paths?.['/api/v1/console/kiosks/{id}/commands']?.post;
    expect(post).toMatchObject({
      tags: ['fleet'],
      security: [{ consoleSession: [] }],
      'x-roles': ['admin', 'maintainer'],
      parameters: [{ name: 'id', in: 'path', required: true }],
    });
    for (const status of ['400', '401', '403', '404'])
      expect(post?.responses?.[status]).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
      });
    expect(doc.components?.securitySchemes?.consoleSession).toMatchObject({ type: 'apiKey', in: 'cookie' });
  });

  it('when the real health route answers, then its body matches the documented schema', async () => {
    const app = express();
    app.use('/api/v1', healthRoutes('0.1.0'));
    const { url, close } = await serve(app);
    cleanups.push(close);
    const body = await (await fetch(`${url}/api/v1/health`)).json();
    expect(HealthResponse.safeParse(body).success).toBe(true);
  });

  it('when served, then /api/docs/openapi.json is the document and /api/docs a readable self-contained page', async () => {
    const app = express();
    app.use(openApiRoutes(registryWithExamples(), INFO));
    const { url, close } = await serve(app);
    cleanups.push(close);
    const json = await fetch(`${url}/api/docs/openapi.json`);
    expect(json.status).toBe(200);
    expect(Object.keys((await json.json()).paths)).toContain('/api/v1/health');
    const page = await fetch(`${url}/api/docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<h2 id="tag-fleet">fleet</h2>');
    expect(html).toContain('<code>/api/v1/console/kiosks/{id}/commands</code>');
    expect(html).toContain('Roles: admin, maintainer');
    expect(html).toContain('&quot;kind&quot;: &quot;screenshot&quot;');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('when a route is registered after the router was built but before the first request, then it is served', async () => {
    const registry = createApiRegistry();
    const app = express();
    app.use(openApiRoutes(registry, INFO));
    registerHealthOpenApi(registry);
    const { url, close } = await serve(app);
    cleanups.push(close);
    const doc = await (await fetch(`${url}/api/docs/openapi.json`)).json();
    expect(doc.paths['/api/v1/health']).toBeDefined();
  });
});

describe('validate helpers', () => {
  async function appWithValidation() {
    const app = express();
    app.use(express.json());
    app.post('/kiosks/:id/commands', (req, res) => {
      const { id } = parseParams(KioskParams, req);
      const { limit } = parseQuery(ListQuery, req);
      const body = parseBody(CreateCommand, req);
      res.json({ id, limit, body });
    });
    app.use(notFound);
    app.use(errorHandler(createLogger({ level: 'silent' })));
    const s = await serve(app);
    cleanups.push(s.close);
    return s.url;
  }
  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('when body, params and query are valid, then the handler gets parsed and coerced values', async () => {
    const url = await appWithValidation();
    const res = await post(`${url}/kiosks/GL-001/commands?limit=20`, { kind: 'screenshot' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'GL-001', limit: 20, body: { kind: 'screenshot' } });
  });

  it('when the body or the query is invalid, then the answer is 400 invalid-request naming the field', async () => {
    const url = await appWithValidation();
    const badBody = await post(`${url}/kiosks/GL-001/commands`, { kind: 'format-disk' });
    expect(badBody.status).toBe(400);
    expect(await badBody.json()).toEqual({
      error: { code: 'invalid-request', message: expect.stringContaining('kind') },
    });
    const badQuery = await post(`${url}/kiosks/GL-001/commands?limit=9999`, { kind: 'screenshot' });
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json()).error.message).toContain('limit');
  });
});
