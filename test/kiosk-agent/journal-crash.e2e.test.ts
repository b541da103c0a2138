import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub-server/main.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import type { AgentStatus } from '../../kiosk-agent/api/contract.ts';
import { Journal } from '../../kiosk-agent/journal/journal.ts';
import { Outbox } from '../../kiosk-agent/outbox/outbox.ts';
import { AgentDb } from '../../kiosk-agent/store/agent-db.ts';
import { enrollmentCode, hubAt } from '../support/enrolled-hub.ts';
import { type PausableProxy, pausableProxy } from '../support/pausable-proxy.ts';
import { png } from '../support/png.ts';
import { tempDir } from '../support/temp-dir.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEY = 'case-crash-0001';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until<T>(
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve()
      .then(fn)
      .catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Child {
  proc: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

/** The agent as its own process (test/support/agent-child.ts, main()'s env), journaling screenshots as a case step. */
async function spawnAgent(configFile: string, code?: string): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/agent-child.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      AGENT_CONFIG: configFile,
      AGENT_PORT: '0',
      AGENT_ENROLLMENT_CODE: code ?? '',
      AGENT_TEST_DELIVERY: JSON.stringify({
        journaledRoutes: [{ prefix: 'screenshots', kind: 'case' }],
        resolveRetryMs: 100,
        maxBackoffMs: 500,
        lookupTimeoutMs: 1000,
        minBackoffMs: 100,
      }),
    },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  proc.stderr?.on('data', (c) => {
    stderr += c;
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  cleanups.push(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    return exited;
  });
  const url = await new Promise<string>((resolve, reject) => {
    proc.once('message', (m: { url: string }) => resolve(m.url));
    proc.once('exit', (c) => reject(new Error(`agent exited ${c}: ${stderr}`)));
  });
  return { proc, url, exited };
}

const status = async (c: Child) => (await (await fetch(`${c.url}/agent/status`)).json()) as AgentStatus;

async function setUp(): Promise<{
  hub: RunningHub;
  proxy: PausableProxy;
  configFile: string;
  stateDir: string;
}> {
  const data = tempDir();
  const hub = await hubAt(data.dir);
  const proxy = await pausableProxy(hub.port);
  const state = tempDir();
  cleanups.push(
    data.remove,
    () => hub.close(),
    () => proxy.close(),
    state.remove,
  );
  const configFile = path.join(state.dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      kiosk: {
        id: DEMO_KIOSK.id,
        name: '测试亭',
        address: '测试路 1 号',
        district: '鼓楼区',
        coordinates: { latitude: 26.08, longitude: 119.3 },
      },
      hub: { url: proxy.url, heartbeatSeconds: 30 },
      devices: {},
    }),
  );
  return { hub, proxy, configFile, stateDir: state.dir };
}

/** Posts the case step through the agent and kills the agent with SIGKILL once `reached` says so. */
async function killMidCall(c: Child, reached: () => Promise<unknown>): Promise<void> {
  const pending = fetch(`${c.url}/hub/screenshots`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', 'idempotency-key': KEY },
    body: new Uint8Array(png(6, 6)),
  }).catch((err: Error) => err);
  await reached();
  c.proc.kill('SIGKILL');
  await c.exited;
  expect(await pending).toBeInstanceOf(Error); // the page never got an answer
}

/** Restarts the agent, waits until the open intent is resolved, stops it and reads the journal. */
async function restartAndResolve(configFile: string, stateDir: string) {
  const again = await spawnAgent(configFile);
  await until(async () => {
    const s = await status(again);
    return s.journal?.unresolved === 0 && s.journal.blocked === false;
  });
  const db = await AgentDb.open(path.join(stateDir, 'agent.sqlite'));
  cleanups.push(() => db.close());
  return { again, state: await new Journal(db, new Outbox(db)).state(KEY) };
}

const screenshots = async (h: RunningHub) =>
  (await h.db.get<{ n: number; id: string }>('SELECT COUNT(*) AS n, MAX(id) AS id FROM screenshots'))!;

describe('kill -9 between a journal intent and the hub answer (issue 5)', () => {
  it('when the request never reached the hub, then after restart the intent is resolved not-sent and the hub did nothing', async () => {
    const { hub, proxy, configFile, stateDir } = await setUp();
    const first = await spawnAgent(configFile, await enrollmentCode(hub));
    await until(async () => (await status(first)).link.enrollment === 'enrolled');
    proxy.setMode('hold-requests');
    await killMidCall(first, () => proxy.sawRequest(`POST /api/v1/kiosk/screenshots`));
    proxy.setMode('pass');
    const { state } = await restartAndResolve(configFile, stateDir);
    expect(state?.outcome).toMatchObject({ result: 'not-sent', source: 'resolved' });
    expect((await screenshots(hub)).n).toBe(0);
  });

  it('when the hub acted but its answer was lost, then after restart the intent gets the hub outcome and a retry is not run again', async () => {
    const { hub, proxy, configFile, stateDir } = await setUp();
    const first = await spawnAgent(configFile, await enrollmentCode(hub));
    await until(async () => (await status(first)).link.enrollment === 'enrolled');
    proxy.setMode('drop-responses');
    await killMidCall(first, () =>
      until(() =>
        hub.db.get("SELECT 1 AS done FROM kiosk_idempotency WHERE key = ? AND state = 'done'", [KEY]),
      ),
    );
    proxy.setMode('pass');
    const { again, state } = await restartAndResolve(configFile, stateDir);
    const stored = await screenshots(hub);
    expect(stored.n).toBe(1);
    expect(state?.outcome).toMatchObject({
      result: 'done',
      httpStatus: 201,
      source: 'resolved',
      summary: { id: stored.id },
    });
    const retry = await fetch(`${again.url}/hub/screenshots`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'idempotency-key': KEY },
      body: new Uint8Array(png(6, 6)),
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replay')).toBe('true');
    expect((await screenshots(hub)).n).toBe(1);
  });
});
