import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import pino from 'pino';
import { Database } from '../../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../../hub-server/db/migrate.ts';
import { errorHandler, HttpError } from '../../../hub-server/http/errors.ts';
import { fleetConsoleRoutes, fleetKioskRoutes } from '../../../hub-server/modules/fleet/fleet.routes.ts';
import { FleetService } from '../../../hub-server/modules/fleet/fleet.service.ts';
import { FleetStore } from '../../../hub-server/modules/fleet/fleet.store.ts';
import { tempDir } from '../../support/temp-dir.ts';

export const INTERVAL_MS = 60_000;

/**
 * A small app with only the fleet routers, on port 0, over a real sqlite file.
 * TEST-ONLY stand-ins for auth: `x-test-kiosk` names the kiosk, `x-test-person`
 * the person (`id:role`). The real middlewares come from the auth slice.
 */
export async function startFleetApp(kioskIds: string[] = ['k1', 'k2', 'k3']) {
  const temp = tempDir();
  const db = await Database.open(path.join(temp.dir, 'hub.sqlite'));
  await migrate(db, await loadMigrations());
  let nowMs = Date.parse('2026-03-01T08:00:00.000Z');
  const clock = {
    now: () => new Date(nowMs),
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
  await db.transaction(async (tx) => {
    const store = new FleetStore(tx);
    for (const [i, id] of kioskIds.entries()) {
      await store.insert({
        id,
        name: `Kiosk ${id}`,
        address: `${i} Test Road`,
        district: i % 2 ? 'East' : 'West',
        latitude: null,
        longitude: null,
        createdAt: clock.now().toISOString(),
        groupName: 'g1',
      });
    }
  });
  const service = new FleetService({ db, now: clock.now, heartbeatIntervalMs: INTERVAL_MS });
  const audits: unknown[] = [];
  const app = express();
  app.use(express.json());
  app.use(
    '/api/v1/kiosk',
    fleetKioskRoutes({
      service,
      requireKiosk: (req, _res, next) =>
        next(req.get('x-test-kiosk') ? undefined : new HttpError(401, 'unauthenticated', 'no kiosk')),
      kioskIdOf: (req) => req.get('x-test-kiosk')!,
    }),
  );
  app.use(
    '/api/v1/console',
    fleetConsoleRoutes({
      service,
      requirePerson:
        (...roles) =>
        (req, _res, next) => {
          const [, role] = (req.get('x-test-person') ?? '').split(':');
          next(roles.includes(role ?? '') ? undefined : new HttpError(403, 'forbidden', 'role'));
        },
      personIdOf: (req) => (req.get('x-test-person') ?? '').split(':')[0]!,
      audit: { record: async (e) => void audits.push(e) },
    }),
  );
  app.use(errorHandler(pino({ level: 'silent' })));
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async (
    method: string,
    url: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const raw = Buffer.isBuffer(init.body);
    const res = await fetch(base + url, {
      method,
      headers: {
        ...(init.body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body:
        init.body === undefined
          ? undefined
          : raw
            ? new Uint8Array(init.body as Buffer)
            : JSON.stringify(init.body),
    });
    const type = res.headers.get('content-type') ?? '';
    const body = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON responses loosely
    return { status: res.status, body: body as any, type };
  };
  const kiosk = (id: string) => ({
    post: (url: string, body?: unknown, headers: Record<string, string> = {}) =>
      call('POST', `/api/v1/kiosk${url}`, { body, headers: { 'x-test-kiosk': id, ...headers } }),
    get: (url: string) => call('GET', `/api/v1/kiosk${url}`, { headers: { 'x-test-kiosk': id } }),
  });
  const person = { 'x-test-person': 'p-maint:maintainer' };
  const console_ = {
    get: (url: string) => call('GET', `/api/v1/console${url}`, { headers: person }),
    post: (url: string, body?: unknown) => call('POST', `/api/v1/console${url}`, { body, headers: person }),
    put: (url: string, body?: unknown) => call('PUT', `/api/v1/console${url}`, { body, headers: person }),
  };
  return {
    db,
    service,
    clock,
    audits,
    kiosk,
    console: console_,
    call,
    async close() {
      await new Promise((r) => server.close(r));
      await db.close();
      temp.remove();
    },
  };
}

export function heartbeat(
  over: { paper?: string; printerState?: string; version?: string; freeDisk?: number } = {},
) {
  return {
    agentVersion: over.version ?? '1.2.0',
    uptimeSec: 100,
    screen: 'home',
    lastTransactionAt: null,
    freeDiskBytes: over.freeDisk ?? 10 * 1024 ** 3,
    devices: [
      {
        name: 'printer',
        kind: 'printer',
        state: over.printerState ?? 'ok',
        detail: { paper: over.paper ?? 'ok' },
      },
      { name: 'card-reader', kind: 'card-reader', state: 'ok' },
    ],
  };
}
