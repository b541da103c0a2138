import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type RunningHub, startHub } from '../../hub-server/main.ts';
import { mintEnrollmentCode } from '../../hub-server/modules/auth/kiosk-auth.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import type { AgentEvent } from '../../kiosk-agent/api/contract.ts';
import { RecentLogs } from '../../kiosk-agent/logging/recent-logs.ts';
import { startAgent } from '../../kiosk-agent/main.ts';
import { tempDir } from '../support/temp-dir.ts';
import { until } from '../support/until.ts';
import { testAgentConfig } from './test-config.ts';

const logger = pino({ level: 'silent' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A real hub on a real sqlite file, with the seeded demo kiosk and no demo heartbeats. */
async function hub(): Promise<{ hub: RunningHub; fleet: RunningHub['fleet'] }> {
  const data = tempDir();
  const running = await startHub({ port: 0, dataDir: data.dir, logger });
  cleanups.push(async () => {
    await running.close();
    data.remove();
  });
  return { hub: running, fleet: running.fleet };
}

/** Signs in as the first-run admin (changing the one-time password) and revokes the kiosk over HTTP. */
async function revokeAsMaintainer(h: RunningHub, kioskId: string): Promise<void> {
  const api = (p: string) => `${h.url}/api/v1/console${p}`;
  const json = { 'content-type': 'application/json' };
  const login = await fetch(api('/login'), {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: 'admin', password: h.firstRunAdminPassword }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { ...json, cookie, 'x-csrf-token': csrfToken };
  const changed = await fetch(api('/password'), {
    method: 'POST',
    headers,
    body: JSON.stringify({ current: h.firstRunAdminPassword, next: 'a long new password 2026' }),
  });
  expect(changed.status).toBe(200);
  const revoked = await fetch(api(`/kiosks/${kioskId}/revoke`), { method: 'POST', headers });
  expect(revoked.status).toBe(200);
}

function configFor(hubUrl: string, kioskId = DEMO_KIOSK.id, extra: Record<string, unknown> = {}) {
  return testAgentConfig(kioskId, { hub: { url: hubUrl, heartbeatSeconds: 1 }, ...extra });
}

async function agent(
  hubUrl: string,
  opts: { code?: string; stateDir?: string; extra?: Record<string, unknown>; recentLogs?: RecentLogs } = {},
) {
  const state = opts.stateDir ?? tempDir().dir;
  const running = await startAgent({
    config: configFor(hubUrl, DEMO_KIOSK.id, opts.extra),
    logger: opts.recentLogs ? pino({ level: 'info' }, opts.recentLogs) : logger,
    recentLogs: opts.recentLogs,
    port: 0,
    stateDir: state,
    enrollmentCode: opts.code,
    hubCheckIntervalMs: 200,
  });
  cleanups.push(() => running.close());
  return { agent: running, stateDir: state };
}

/** The command once the agent has answered it (done or failed). */
async function answered(fleet: RunningHub['fleet'], id: string) {
  return until(async () => {
    const [c] = (await fleet.listCommands(DEMO_KIOSK.id)).filter((x) => x.id === id);
    return c && c.state !== 'queued' && c.state !== 'picked' ? c : undefined;
  });
}

describe('agent ↔ hub link', () => {
  it('when the agent starts with an enrollment code, then it enrolls, keeps the credential 0600, and its heartbeats bring the kiosk online', async () => {
    const { hub: h, fleet } = await hub();
    const { code } = await mintEnrollmentCode({ db: h.db, now: () => new Date() }, DEMO_KIOSK.id, null);
    const { agent: a, stateDir } = await agent(h.url, { code });
    await until(() => a.status().link.enrollment === 'enrolled');
    const file = path.join(stateDir, 'credential.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ kioskId: DEMO_KIOSK.id });
    const seen = await until(async () => {
      const k = await fleet.getKiosk(DEMO_KIOSK.id);
      return k.kiosk.state === 'online' ? k : undefined;
    });
    expect(seen.latestHeartbeat).not.toBeNull();
    expect(a.status().link.lastHeartbeatAt).not.toBeNull();
  });

  it('when the agent restarts, then it uses its stored credential and the spent code is not needed', async () => {
    const { hub: h } = await hub();
    const { code } = await mintEnrollmentCode({ db: h.db, now: () => new Date() }, DEMO_KIOSK.id, null);
    const first = await agent(h.url, { code });
    await until(() => first.agent.status().link.enrollment === 'enrolled');
    await first.agent.close();
    const second = await agent(h.url, { stateDir: first.stateDir });
    await until(() => second.agent.status().link.lastHeartbeatAt !== null);
    expect(second.agent.status().link.enrollment).toBe('enrolled');
  });

  it('when the code is for another kiosk or already spent, then the agent stays unenrolled and says why', async () => {
    const { hub: h } = await hub();
    const { code } = await mintEnrollmentCode({ db: h.db, now: () => new Date() }, 'gl-aofeng-02', null);
    const wrong = await agent(h.url, { code });
    const reason = await until(() =>
      wrong.agent.status().link.reason?.includes('gl-aofeng-02')
        ? wrong.agent.status().link.reason
        : undefined,
    );
    expect(reason).toMatch(/not gl-dongjie-01/);
    const spent = await agent(h.url, { code });
    const refused = await until(() =>
      spent.agent.status().link.reason?.includes('refused') ? spent.agent.status().link.reason : undefined,
    );
    expect(refused).toMatch(/not valid/);
  });

  it('when a maintainer switches maintenance on, then the agent pushes it to the screen within a second, and off again', async () => {
    const { hub: h, fleet } = await hub();
    const { code } = await mintEnrollmentCode({ db: h.db, now: () => new Date() }, DEMO_KIOSK.id, null);
    const { agent: a } = await agent(h.url, { code });
    await until(() => a.status().link.enrollment === 'enrolled');
    const ws = new WebSocket(`${a.url.replace('http', 'ws')}/agent/events`);
    const events: AgentEvent[] = [];
    ws.on('message', (d) => events.push(JSON.parse(String(d))));
    cleanups.push(() => ws.close());
    await until(() => events.length > 0);
    // Let the command long poll settle at the hub.
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    const command = await fleet.setMaintenance(DEMO_KIOSK.id, true, 'p-test');
    await until(() => events.find((e) => e.type === 'maintenance' && e.maintenance.on), 3000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(a.status().maintenance.on).toBe(true);
    expect(await answered(fleet, command.id)).toMatchObject({ state: 'done', result: { ok: true } });
    await fleet.setMaintenance(DEMO_KIOSK.id, false, 'p-test');
    await until(() => events.find((e) => e.type === 'maintenance' && !e.maintenance.on), 3000);
  });

  it('when the hub already has the kiosk in maintenance, then a starting agent comes up out of service', async () => {
    const { hub: h, fleet } = await hub();
    await fleet.setMaintenance(DEMO_KIOSK.id, true, 'p-test');
    const { code } = await mintEnrollmentCode({ db: h.db, now: () => new Date() }, DEMO_KIOSK.id, null);
    const { agent: a } = await agent(h.url, { code });
    await until(() => a.status().maintenance.on);
  });

  it('when a command the agent cannot carry out arrives, then it answers failed with the reason', async () => {
    const { hub: h, fleet } = await hub();
    const { code } = await mintEnrollmentCode({ db: h.db, now: () => new Date() }, DEMO_KIOSK.id, null);
    const { agent: a } = await agent(h.url, { code });
    await until(() => a.status().link.enrollment === 'enrolled');
    const shot = await fleet.createCommand(DEMO_KIOSK.id, 'take-screenshot', {}, 'p-test', 60_000);
    const failed = await answered(fleet, shot.id);
    expect(failed.state).toBe('failed');
    expect(failed.result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/without a supervised browser/),
    });
  });

  it('when set-config commands arrive, then a known setting is applied and kept, and a wrong key or value fails naming it', async () => {
    const { hub: h, fleet } = await hub();
    const { code } = await mintEnrollmentCode({ db: h.db, now: () => new Date() }, DEMO_KIOSK.id, null);
    const { agent: a, stateDir } = await agent(h.url, { code });
    await until(() => a.status().link.enrollment === 'enrolled');
    const good = await fleet.createCommand(
      DEMO_KIOSK.id,
      'set-config',
      { key: 'heartbeatSeconds', value: 2 },
      'p',
      60_000,
    );
    expect(await answered(fleet, good.id)).toMatchObject({ state: 'done', result: { ok: true } });
    expect(JSON.parse(await readFile(path.join(stateDir, 'settings.json'), 'utf8'))).toEqual({
      heartbeatSeconds: 2,
    });
    const badKey = await fleet.createCommand(
      DEMO_KIOSK.id,
      'set-config',
      { key: 'hub.url', value: 'http://evil' },
      'p',
      60_000,
    );
    expect(await answered(fleet, badKey.id)).toMatchObject({
      state: 'failed',
      result: { ok: false, message: expect.stringMatching(/hub\.url cannot be set remotely/) },
    });
    const badValue = await fleet.createCommand(
      DEMO_KIOSK.id,
      'set-config',
      { key: 'heartbeatSeconds', value: 0 },
      'p',
      60_000,
    );
    expect(await answered(fleet, badValue.id)).toMatchObject({
      state: 'failed',
      result: { ok: false, message: expect.stringMatching(/^heartbeatSeconds:/) },
    });
  });

  it('when send-logs arrives, then the recent log lines come back in the result', async () => {
    const { hub: h, fleet } = await hub();
    const { code } = await mintEnrollmentCode({ db: h.db, now: () => new Date() }, DEMO_KIOSK.id, null);
    const { agent: a } = await agent(h.url, { code, recentLogs: new RecentLogs(50) });
    await until(() => a.status().link.enrollment === 'enrolled');
    const cmd = await fleet.createCommand(DEMO_KIOSK.id, 'send-logs', { lines: 20 }, 'p', 60_000);
    const done = await answered(fleet, cmd.id);
    expect(done.state).toBe('done');
    const lines = (done.result as { data: { lines: string[] } }).data.lines;
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines.some((l) => l.includes('enrolled with the hub'))).toBe(true);
  });

  it('when the kiosk is revoked, then the agent stops, forgets its credential and says so', async () => {
    const { hub: h } = await hub();
    const { code } = await mintEnrollmentCode({ db: h.db, now: () => new Date() }, DEMO_KIOSK.id, null);
    const { agent: a, stateDir } = await agent(h.url, { code });
    await until(() => a.status().link.enrollment === 'enrolled');
    await revokeAsMaintainer(h, DEMO_KIOSK.id);
    await until(() => a.status().link.enrollment === 'revoked');
    await expect(readFile(path.join(stateDir, 'credential.json'))).rejects.toThrow(/ENOENT/);
  });
});
