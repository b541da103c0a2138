import path from 'node:path';
import type { Express } from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHubApp } from '../../../hub-server/app.ts';
import { Database } from '../../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../../hub-server/db/migrate.ts';
import { createMetrics } from '../../../hub-server/http/metrics.ts';
import { createAudit } from '../../../hub-server/modules/audit/audit.ts';
import { heartbeatSchema } from '../../../hub-server/modules/fleet/fleet.schemas.ts';
import { FleetService } from '../../../hub-server/modules/fleet/fleet.service.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { serve } from './serve.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every (method, path) an Express app mounts, read from its router stack, `:id` written `{id}`. */
function mountedRoutes(app: Express): Set<string> {
  const found = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') found.add(`${method} ${join(prefix, String(layer.route.path))}`);
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
        walk(layer.handle.stack, join(prefix, mount));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return new Set([...found].map((r) => r.replace(/:([A-Za-z0-9_]+)/g, '{$1}')));
}

const join = (a: string, b: string) => a.replace(/\/$/, '') + (b === '/' ? '' : b) || '/';

// biome-ignore lint/suspicious/noExplicitAny: the document is read as plain JSON
let doc: any;
let app: Express;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  const t = tempDir();
  cleanups.push(t.remove);
  const db = await Database.open(path.join(t.dir, 'hub.sqlite'));
  cleanups.push(() => db.close());
  await migrate(db, await loadMigrations());
  const now = () => new Date('2026-03-02T08:00:00.000Z');
  app = buildHubApp({
    db,
    logger: pino({ level: 'silent' }),
    version: '0.0.0-test',
    metrics: createMetrics({ processMetrics: false }),
    audit: createAudit(db, now),
    now,
    cookieSecure: false,
    fleet: new FleetService({ db, now, heartbeatIntervalMs: 5000 }),
  });
  const server = await serve(app);
  cleanups.unshift(server.close);
  const res = await fetch(`${server.url}/api/docs/openapi.json`);
  expect(res.status).toBe(200);
  doc = await res.json();
});

afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('OpenAPI coverage (issue 4: the document cannot drift from the routes)', () => {
  it('when the hub is built, then every mounted /api route is documented and every documented route is mounted', () => {
    const mounted = [...mountedRoutes(app)].filter((r) => r.split(' ')[1]!.startsWith('/api/'));
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((m) => `${m} ${p}`),
    );
    const undocumented = mounted.filter((r) => !documented.includes(r));
    const phantom = documented.filter((r) => !mounted.includes(r));
    expect({ undocumented, phantom }).toEqual({ undocumented: [], phantom: [] });
    // The walk itself must have found the routers, or the comparison proves nothing.
    expect(mounted).toEqual(
      expect.arrayContaining(['post /api/v1/kiosk/heartbeat', 'get /api/v1/console/fleet']),
    );
    expect(mounted.length).toBeGreaterThan(20);
  });

  it('when served, then the document is OpenAPI 3.1 with the console, kiosk, health and docs tags', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const tags = new Set(
      Object.values(doc.paths).flatMap((item) =>
        Object.values(item as Record<string, { tags: string[] }>).flatMap((op) => op.tags),
      ),
    );
    expect([...tags].sort()).toEqual(['console', 'docs', 'health', 'kiosk']);
  });

  it('when a heartbeat names a device state outside the enum, then zod rejects it and the document lists the same enum', () => {
    const beat = {
      agentVersion: '1.0.0',
      uptimeSec: 1,
      freeDiskBytes: 1,
      devices: [{ name: 'p', kind: 'printer' }],
    };
    const bad = { ...beat, devices: [{ ...beat.devices[0], state: 'on-fire' }] };
    expect(heartbeatSchema.safeParse(bad).success).toBe(false);
    expect(
      heartbeatSchema.safeParse({ ...beat, devices: [{ ...beat.devices[0], state: 'fault' }] }).success,
    ).toBe(true);
    const op = doc.paths['/api/v1/kiosk/heartbeat'].post;
    const body = op.requestBody.content['application/json'].schema;
    const state = body.properties.devices.items.properties.state;
    expect(state.enum).toEqual(['ok', 'warning', 'fault', 'absent']);
    expect(state.enum).not.toContain('on-fire');
    expect(body.required).toEqual(expect.arrayContaining(['agentVersion', 'uptimeSec', 'freeDiskBytes']));
  });

  it('when a console route changes state, then it needs the session cookie and the CSRF header; a kiosk route the bearer credential', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      consoleSession: { type: 'apiKey', in: 'cookie', name: 'tingzi_session' },
      csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      kioskCredential: { type: 'http', scheme: 'bearer' },
    });
    const post = doc.paths['/api/v1/console/kiosks/{id}/commands'].post;
    expect(post.security).toEqual([{ consoleSession: [], csrfToken: [] }]);
    expect(post.responses['403']['x-error-codes']).toEqual(
      expect.arrayContaining(['csrf-token-missing', 'csrf-token-invalid', 'role-denied']),
    );
    expect(doc.paths['/api/v1/console/fleet'].get.security).toEqual([{ consoleSession: [] }]);
    expect(doc.paths['/api/v1/kiosk/config'].get.security).toEqual([{ kioskCredential: [] }]);
    expect(doc.paths['/api/v1/kiosk/enroll'].post.responses['410']['x-error-codes']).toEqual([
      'enrollment-code-expired',
    ]);
  });

  it('when a kiosk uploads a screenshot, then the document describes a raw PNG body, not JSON', () => {
    const op = doc.paths['/api/v1/kiosk/screenshots'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['image/png']);
    expect(op.parameters).toEqual([expect.objectContaining({ name: 'commandId', in: 'query' })]);
    expect(Object.keys(doc.paths['/api/v1/console/screenshots/{id}'].get.responses['200'].content)).toEqual([
      'image/png',
    ]);
  });
});
