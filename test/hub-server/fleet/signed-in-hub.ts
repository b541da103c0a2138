import pino from 'pino';
import { type RunningHub, startHub } from '../../../hub-server/main.ts';
import { tempDir } from '../../support/temp-dir.ts';

export interface Session {
  cookie: string;
  csrf: string;
}

/** A whole hub (startHub, port 0, temp data dir) and a way to sign people in over real HTTP. */
export async function startSignedInHub(opts: { demo?: boolean; heartbeatIntervalMs?: number } = {}) {
  const temp = tempDir();
  const hub: RunningHub = await startHub({
    port: 0,
    dataDir: temp.dir,
    logger: pino({ level: 'silent' }),
    demo: opts.demo ?? false,
    ...(opts.heartbeatIntervalMs ? { heartbeatIntervalMs: opts.heartbeatIntervalMs } : {}),
  });

  async function call(method: string, route: string, body?: unknown, session?: Session) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrf;
    }
    const res = await fetch(hub.url + route, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies field by field
    const json: any = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return { status: res.status, body: json, headers: res.headers };
  }

  async function login(username: string, password: string): Promise<Session> {
    const res = await fetch(`${hub.url}/api/v1/console/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, csrf: csrfToken };
  }

  /** Signs the first-run admin in, sets its password, and creates a person with `role`. */
  async function person(username: string, role: string, password: string): Promise<Session> {
    const adminPassword = 'admin-password-for-tests-1';
    let admin: Session;
    if (hub.firstRunAdminPassword) {
      admin = await login('admin', hub.firstRunAdminPassword);
      const changed = await call(
        'POST',
        '/api/v1/console/password',
        { current: hub.firstRunAdminPassword, next: adminPassword },
        admin,
      );
      if (changed.status !== 200) throw new Error(`password change: ${JSON.stringify(changed.body)}`);
      hub.firstRunAdminPassword = undefined;
    }
    admin = await login('admin', adminPassword);
    const made = await call(
      'POST',
      '/api/v1/console/people',
      { username, displayName: `${username} 测试`, role, password },
      admin,
    );
    if (made.status !== 201) throw new Error(`create person: ${JSON.stringify(made.body)}`);
    return login(username, password);
  }

  return {
    hub,
    call,
    login,
    person,
    async close() {
      await hub.close();
      temp.remove();
    },
  };
}
