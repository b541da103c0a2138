import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub-server/main.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import type { DeliveryOptions } from '../../kiosk-agent/journal/delivery.ts';
import { type RunningAgent, startAgent } from '../../kiosk-agent/main.ts';
import { enrollmentCode, hubAt } from '../support/enrolled-hub.ts';
import { type PausableProxy, pausableProxy } from '../support/pausable-proxy.ts';
import { png } from '../support/png.ts';
import { tempDir } from '../support/temp-dir.ts';
import { until } from '../support/until.ts';
import { testAgentConfig } from './test-config.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const FAST: DeliveryOptions = {
  minBackoffMs: 50,
  maxBackoffMs: 400,
  resolveRetryMs: 50,
  journaledRoutes: [{ prefix: 'screenshots', kind: 'case' }],
};

async function hub(dataDir = tempDir().dir, port = 0): Promise<RunningHub> {
  const h = await hubAt(dataDir, port);
  cleanups.push(() => h.close().catch(() => {}));
  return h;
}

async function agent(
  hubUrl: string,
  code: string | undefined,
  delivery: DeliveryOptions = FAST,
  stateDir = tempDir().dir,
  waitEnrolled = true,
): Promise<RunningAgent> {
  const config = testAgentConfig(DEMO_KIOSK.id, { hub: { url: hubUrl, heartbeatSeconds: 30 } });
  const a = await startAgent({
    config,
    logger: pino({ level: 'silent' }),
    port: 0,
    stateDir,
    enrollmentCode: code,
    delivery,
  });
  cleanups.push(() => a.close());
  if (waitEnrolled) await until(() => a.status().link.enrollment === 'enrolled');
  return a;
}

const outboxRows = async (h: RunningHub, marker: string) =>
  h.db.all<{ id: string; kind: string }>(
    "SELECT id, kind FROM kiosk_outbox_items WHERE body LIKE '%' || ? || '%'",
    [marker],
  );

describe('agent outbox against a real hub (issue 5)', () => {
  it('when the hub is down while telemetry and journal entries pile up, then after it is back on the same port and data they all drain, each held once', async () => {
    const data = tempDir().dir;
    let h = await hub(data);
    const port = h.port;
    const a = await agent(h.url, await enrollmentCode(h));
    await h.close();
    for (let i = 0; i < 40; i++) await a.delivery.telemetry({ probe: 'down-test', i });
    for (let i = 0; i < 10; i++)
      await a.delivery.journal.intent('money', `down-test-${i}`, {
        method: 'POST',
        path: '/p',
        body: { amount: i },
      });
    await new Promise((r) => setTimeout(r, 500)); // several failed, backed-off attempts
    expect(await a.delivery.depth()).toMatchObject({ telemetry: 40, journal: 10 });
    h = await hub(data, port);
    await until(async () => (await a.delivery.depth()).telemetry + (await a.delivery.depth()).journal === 0);
    const rows = await outboxRows(h, 'down-test');
    expect(rows.filter((r) => r.kind === 'telemetry')).toHaveLength(40);
    expect(rows.filter((r) => r.kind === 'journal')).toHaveLength(10);
    expect(new Set(rows.map((r) => r.id)).size).toBe(50);
  });
});

describe('agent outbox across an agent restart while offline (issue 5)', () => {
  it('when the agent restarts while the hub is down, then what it queued before is delivered once the hub is back', async () => {
    const data = tempDir().dir;
    let h = await hub(data);
    const port = h.port;
    const stateDir = tempDir().dir;
    const first = await agent(h.url, await enrollmentCode(h), FAST, stateDir);
    await h.close();
    for (let i = 0; i < 5; i++) await first.delivery.telemetry({ probe: 'restart-test', i });
    await first.delivery.journal.intent('money', 'restart-test-1', { method: 'POST', path: '/p', body: {} });
    await first.close();
    const second = await agent(h.url, undefined, FAST, stateDir, false);
    expect(await second.delivery.depth()).toMatchObject({ telemetry: 5, journal: 1 });
    h = await hub(data, port);
    await until(async () => {
      const d = await second.delivery.depth();
      return d.telemetry + d.journal === 0;
    });
    const rows = await outboxRows(h, 'restart-test');
    expect(rows.filter((r) => r.kind === 'telemetry')).toHaveLength(5);
    // The intent itself, and, when the restarted agent's resolver got to it before the queue
    // drained, its resolution for the same key: a journal row each, never one twice.
    const journal = rows.filter((r) => r.kind === 'journal');
    expect(journal.length).toBeGreaterThanOrEqual(1);
    expect(journal.length).toBeLessThanOrEqual(2);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });
});

describe('idempotency keys on the agent traffic of today (issue 5)', () => {
  it('when the agent answers a command, then the result carries an Idempotency-Key the hub recorded', async () => {
    const h = await hub();
    await agent(h.url, await enrollmentCode(h));
    const c = await h.fleet.createCommand(DEMO_KIOSK.id, 'take-screenshot', {}, 'p-test', 60_000);
    const row = await until(() =>
      h.db.get<{ state: string; status: number }>(
        "SELECT state, status FROM kiosk_idempotency WHERE key = ? AND state = 'done'",
        [`command-result-${c.id}`],
      ),
    );
    expect(row).toEqual({ state: 'done', status: 200 });
  });
});

describe('the /hub/* proxy (issue 5)', () => {
  it('when the page calls /hub/config with its own Authorization, then the kiosk credential is used and never returned', async () => {
    const h = await hub();
    const a = await agent(h.url, await enrollmentCode(h));
    const res = await fetch(`${a.url}/hub/config`, {
      headers: { authorization: 'Bearer page-made-this-up' },
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text)).toHaveProperty('maintenance');
    const credential = a.hubLink.client.authorization()?.split(' ')[1] ?? 'none';
    expect(text).not.toContain(credential);
    expect(res.headers.get('authorization')).toBeNull();
    const traversal = await fetch(`${a.url}/hub/..%2F..%2Fconsole%2Ffleet`);
    expect([400, 404]).toContain(traversal.status);
    // A proxied call counts in the hub round-trip metric like the agent's own calls (a 404 is "refused").
    const refused = async () => {
      const text = await (await fetch(`${a.url}/agent/metrics`)).text();
      return Number(
        /tingzi_agent_hub_round_trip_seconds_count\{outcome="refused"\} (\d+)/.exec(text)?.[1] ?? 0,
      );
    };
    const before = await refused();
    expect((await fetch(`${a.url}/hub/no-such-route`)).status).toBe(404);
    expect(await refused()).toBe(before + 1);
  });

  it('when a journaled step is posted, then it needs a key, its intent and outcome are journaled, and a retry is replayed by the hub', async () => {
    const h = await hub();
    const a = await agent(h.url, await enrollmentCode(h));
    const post = (key?: string) =>
      fetch(`${a.url}/hub/screenshots`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', ...(key ? { 'idempotency-key': key } : {}) },
        body: new Uint8Array(png(3, 4)),
      });
    const none = await post();
    expect(none.status).toBe(400);
    expect((await none.json()).error.code).toBe('idempotency-key-required');
    const first = await post('case-00001');
    expect(first.status).toBe(201);
    const stored = await first.json();
    expect(await a.delivery.journal.state('case-00001')).toMatchObject({
      kind: 'case',
      outcome: { result: 'done', httpStatus: 201, source: 'answer', summary: { id: stored.id } },
    });
    const again = await post('case-00001');
    expect(again.headers.get('idempotent-replay')).toBe('true');
    expect((await again.json()).id).toBe(stored.id);
    const n = await h.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM screenshots');
    expect(n?.n).toBe(1);
  });

  it('when the hub does not answer, then 504 hub-timeout, the intent stays open and money steps wait until the hub resolves it', async () => {
    const h = await hub();
    const proxy: PausableProxy = await pausableProxy(h.port);
    cleanups.push(() => proxy.close());
    const a = await agent(proxy.url, await enrollmentCode(h), {
      ...FAST,
      proxyTimeoutMs: 1000,
      lookupTimeoutMs: 500,
    });
    proxy.setMode('hold-requests');
    const post = (key: string) =>
      fetch(`${a.url}/hub/screenshots`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', 'idempotency-key': key },
        body: new Uint8Array(png(3, 4)),
      });
    const lost = await post('case-00002');
    expect(lost.status).toBe(504);
    expect((await lost.json()).error.code).toBe('hub-timeout');
    expect(a.status().journal).toMatchObject({ unresolved: 1, blocked: true });
    const refused = await post('case-00003');
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe('journal-unresolved');
    proxy.setMode('pass');
    await until(() => a.status().journal?.blocked === false);
    expect((await a.delivery.journal.state('case-00002'))?.outcome).toMatchObject({
      result: 'not-sent',
      source: 'resolved',
    });
    expect((await post('case-00002')).status).toBe(201);
  });
});
