import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import pino from 'pino';
import { Database } from '../../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../../hub-server/db/migrate.ts';
import { errorHandler, notFound } from '../../../hub-server/http/errors.ts';
import { auditRoutes } from '../../../hub-server/modules/audit/audit.routes.ts';
import { createAudit } from '../../../hub-server/modules/audit/audit.ts';
import { authRoutes } from '../../../hub-server/modules/auth/auth.routes.ts';
import { AuthService } from '../../../hub-server/modules/auth/auth.service.ts';
import type { Role } from '../../../hub-server/modules/auth/domain.ts';
import { currentKiosk, kioskAuthRoutes, requireKiosk } from '../../../hub-server/modules/auth/kiosk-auth.ts';
import { currentPerson, requirePerson } from '../../../hub-server/modules/auth/middleware.ts';
import { tempDir } from '../../support/temp-dir.ts';

export const KIOSK_ID = 'kiosk-test-1';

export interface Call {
  cookie?: string;
  csrf?: string;
  body?: unknown;
  bearer?: string;
}

/** The auth and audit routers on a small Express app, port 0, a real sqlite file and a hand-moved clock. */
export async function startAuthHub(opts: { loginLimits?: { perIp: number; perUsername: number } } = {}) {
  const t = tempDir();
  const db = await Database.open(path.join(t.dir, 'hub.sqlite'));
  await migrate(db, await loadMigrations());
  await db.run(
    "INSERT INTO kiosks (id, name, address, district, created_at) VALUES (?, 'Test kiosk', '1 Test Road', 'Test', ?)",
    [KIOSK_ID, '2026-01-01T00:00:00.000Z'],
  );
  let clock = new Date('2026-03-02T08:00:00.000Z');
  const now = () => clock;
  const logs: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => logs.push(line) });
  const audit = createAudit(db, now);

  const app = express();
  app.use(express.json());
  app.use('/api/v1/console', authRoutes({ db, logger, now, audit, cookieSecure: false, ...opts }));
  app.use('/api/v1/console', auditRoutes({ db, now, audit }));
  app.post('/api/v1/console/probe', requirePerson({ db, now })('operator', 'admin'), (req, res) => {
    res.json({ who: currentPerson(req).username });
  });
  app.use('/api/v1/kiosk', kioskAuthRoutes({ db, logger, now, audit }));
  app.get('/api/v1/kiosk/whoami', requireKiosk({ db }), (req, res) => {
    res.json({ kioskId: currentKiosk(req) });
  });
  app.use(notFound);
  app.use(errorHandler(logger));
  const server = app.listen(0);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function call(method: string, route: string, c: Call = {}) {
    const headers: Record<string, string> = {};
    if (c.body !== undefined) headers['content-type'] = 'application/json';
    if (c.cookie) headers.cookie = c.cookie;
    if (c.csrf) headers['x-csrf-token'] = c.csrf;
    if (c.bearer) headers.authorization = `Bearer ${c.bearer}`;
    const res = await fetch(url + route, {
      method,
      headers,
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: test bodies are checked field by field
    const body: any = text ? JSON.parse(text) : undefined;
    return { status: res.status, body, setCookie: res.headers.get('set-cookie') ?? '' };
  }

  async function addPerson(username: string, role: Role, password: string, mustChangePassword = false) {
    const service = new AuthService({ db, logger, now, audit });
    return service.createPerson(
      { kind: 'system', id: null },
      { username, displayName: `${username} Name`, role, password, mustChangePassword },
    );
  }

  async function login(username: string, password: string) {
    const res = await call('POST', '/api/v1/console/login', { body: { username, password } });
    const cookie = /tingzi_session=[^;]*/.exec(res.setCookie)?.[0] ?? '';
    return { ...res, cookie, csrf: res.body?.csrfToken as string };
  }

  return {
    db,
    url,
    logs,
    call,
    addPerson,
    login,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
    now,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      t.remove();
    },
  };
}

export type AuthHub = Awaited<ReturnType<typeof startAuthHub>>;
