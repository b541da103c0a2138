import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { RigDevice } from '../../hardware/rig/rig.ts';
import { RIG_DEVICES } from '../../hardware/rig/rig-devices.ts';
import type { AgentEvent, AgentStatus } from '../../kiosk-agent/api/contract.ts';
import { buildAgent } from '../../scripts/build-agent.ts';
import { startTestRig } from '../support/rig-client.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type BenchRow, median, percentile } from './table.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A child started the way systemd starts the agent (node with the tsx loader), with its IPC ready message. */
interface Child {
  proc: ChildProcess;
  spawnedAt: number;
  ready: Promise<{ url: string; at: number }>;
  stop(): Promise<void>;
}

function spawnNode(entry: string, env: Record<string, string>, loader = ['--import', 'tsx']): Child {
  const spawnedAt = performance.now();
  const proc = spawn(process.execPath, [...loader, entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = new Promise<{ url: string; at: number }>((resolve, reject) => {
    proc.on('message', (m: { url?: string }) => resolve({ url: m.url ?? '', at: performance.now() }));
    proc.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)));
  });
  ready.catch(() => {});
  return {
    proc,
    spawnedAt,
    ready,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!line?.[1]) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) * 1024;
}

/** The agent's config for the rig's five devices; no browser (the screen is Chromium's memory, not the agent's). */
function writeConfig(dir: string, devices: RigDevice[]): string {
  const entry = (d: RigDevice) =>
    'socket' in d
      ? [d.device, { transport: 'hid-socket', socket: d.socket, profile: d.sim.profile }]
      : [d.device, { transport: 'serial', path: d.tty, baudRate: d.baudRate }];
  const config = {
    kiosk: {
      id: 'bench-kiosk',
      name: '基准测试亭',
      address: '鼓楼区 1 号',
      district: '鼓楼区',
      coordinates: { latitude: 26.08, longitude: 119.3 },
    },
    hub: { url: 'http://127.0.0.1:9' },
    browser: { enabled: false },
    devices: Object.fromEntries(devices.map(entry)),
  };
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

async function allOnline(url: string): Promise<boolean> {
  const res = await fetch(`${url}/agent/status`).catch(() => undefined);
  if (!res?.ok) return false;
  const status = (await res.json()) as AgentStatus;
  return status.devices.length === 5 && status.devices.every((d) => d.state === 'online');
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** The agent as a kiosk PC runs it: `npm run build:agent`'s one ES module, no tsx loader. */
async function bundleAgent(): Promise<{ entry: string; remove(): void }> {
  return { entry: await buildAgent(), remove: () => {} };
}

/** The node flags in the systemd unit's ExecStart, so the bench runs the agent exactly as a kiosk does. */
function unitNodeFlags(): string[] {
  const unit = readFileSync(path.join(ROOT, 'deploy/tingzi-agent.service'), 'utf8');
  const exec = unit.split('\n').find((l) => l.startsWith('ExecStart='));
  if (!exec) throw new Error('deploy/tingzi-agent.service has no ExecStart');
  return exec
    .slice('ExecStart='.length)
    .trim()
    .split(/\s+/)
    .slice(1)
    .filter((a) => a.startsWith('--'));
}

/** Ms from spawn to all five devices online. */
async function startOnly(child: Child): Promise<number> {
  const { url } = await child.ready;
  while (!(await allOnline(url))) await sleep(5);
  return performance.now() - child.spawnedAt;
}

/** Ms from spawn to all five devices online, then the RSS after 10 s idle. */
async function startAndIdle(child: Child): Promise<{ startMs: number; rss: number }> {
  const { url } = await child.ready;
  while (!(await allOnline(url))) await sleep(5);
  const startMs = performance.now() - child.spawnedAt;
  await sleep(10_000);
  return { startMs, rss: rssBytes(child.proc.pid as number) };
}

/** Scans on the rig's scanner (9600 baud pty) until the session's screen socket has the scan event. */
async function scanLatencies(agentUrl: string, rigUrl: string, rounds: number): Promise<number[]> {
  const { sessionId } = (await post(`${agentUrl}/agent/session/start`, {})) as { sessionId: string };
  const ws = new WebSocket(`${agentUrl.replace('http', 'ws')}/agent/events`);
  const waiting: ((e: AgentEvent) => void)[] = [];
  ws.on('message', (data) => {
    const e = JSON.parse(String(data)) as AgentEvent;
    for (const w of waiting.splice(0)) w(e);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ type: 'ui.session', sessionId }));
  const scannerOn = async () => {
    const { devices } = (await (await fetch(new URL('/rig/api/devices', rigUrl))).json()) as {
      devices: RigDevice[];
    };
    return devices.find((d) => d.device === 'scanner')?.sim.trigger === 'on';
  };
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      await post(
        `${agentUrl}/agent/devices/scanner/enable`,
        {},
        { 'x-session-id': sessionId, 'x-request-id': `bench-enable-${i}` },
      );
      while (!(await scannerOn())) await sleep(1);
      const text = `28${String(1e15 + i).padStart(16, '0')}`;
      const got = new Promise<void>((resolve) => {
        const wait = (e: AgentEvent) => {
          if (e.type === 'device.event' && e.event.kind === 'scan' && e.event.text === text) resolve();
          else waiting.push(wait);
        };
        waiting.push(wait);
      });
      const t0 = performance.now();
      await post(new URL('/rig/api/scanner/scan', rigUrl).href, { text });
      await got;
      times.push(performance.now() - t0);
    }
  } finally {
    ws.close();
  }
  return times;
}

/**
 * The agent as a real child process on the rig's five devices: idle memory, scan → WebSocket
 * latency over a pty, and start → all devices online; each beside a bare baseline.
 */
export async function benchAgent(runs = 3, scans = 200): Promise<BenchRow[]> {
  const rig = await startTestRig(RIG_DEVICES);
  const temp = tempDir('tingzi-bench-agent-');
  const children: Child[] = [];
  try {
    const configFile = writeConfig(temp.dir, rig.rig.devices());
    const env = { AGENT_PORT: '0', AGENT_CONFIG: configFile, LOG_LEVEL: 'warn' };
    const bareTs = path.join(temp.dir, 'bare.ts');
    writeFileSync(
      bareTs,
      `import { createRequire } from 'node:module';\nconst express = createRequire('${ROOT}package.json')('express');\n` +
        "const s = express().get('/', (_q, r) => { r.send('ok'); }).listen(0, '127.0.0.1', () => process.send?.({ url: 'up' }));\nprocess.on('SIGTERM', () => s.close(() => process.exit(0)));\n",
    );
    const starts: number[] = [];
    const bareStarts: number[] = [];
    let agent: Child | undefined;
    for (let i = 0; i < runs; i++) {
      const bare = spawnNode(bareTs, {});
      children.push(bare);
      bareStarts.push((await bare.ready).at - bare.spawnedAt);
      await bare.stop();
      await agent?.stop();
      agent = spawnNode(path.join(ROOT, 'kiosk-agent/main.ts'), env);
      children.push(agent);
      const { url } = await agent.ready;
      while (!(await allOnline(url))) await sleep(5);
      starts.push(performance.now() - agent.spawnedAt);
    }
    const running = agent as Child;
    const agentUrl = (await running.ready).url;

    // Idle: the last agent and a bare express process side by side for 10 s.
    const bare = spawnNode(bareTs, {});
    children.push(bare);
    await bare.ready;
    await sleep(10_000);
    const rss = rssBytes(running.proc.pid as number);
    const bareRss = rssBytes(bare.proc.pid as number);
    await bare.stop();

    const latencies = await scanLatencies(agentUrl, rig.rig.url, scans);
    await running.stop();
    // As a kiosk runs it: build/agent.mjs with the systemd unit's node flags; 3 starts, the last one idles.
    const bundle = await bundleAgent();
    const compiledStarts: number[] = [];
    let compiledRss = 0;
    for (let i = 0; i < runs; i++) {
      const compiled = spawnNode(bundle.entry, env, unitNodeFlags());
      children.push(compiled);
      const last = i === runs - 1;
      const measured = last ? await startAndIdle(compiled) : { startMs: await startOnly(compiled), rss: 0 };
      compiledStarts.push(measured.startMs);
      if (last) compiledRss = measured.rss;
      await compiled.stop();
    }
    bundle.remove();
    const compiledStart = median(compiledStarts);
    const lineMs = ((18 + 1) * 10 * 1000) / 9600;
    const beyond = latencies.map((t) => t - lineMs);
    const p95 = percentile(beyond, 95);
    const start = median(starts);
    const bareStart = median(bareStarts);
    const flags = unitNodeFlags().join(' ') || 'no flags';
    return [
      {
        benchmark: `agent idle RSS as a kiosk runs it (build/agent.mjs, ${flags}), five rig devices, 10 s idle`,
        value: `${(compiledRss / MB).toFixed(1)} MB`,
        baseline: `${(bareRss / MB).toFixed(1)} MB bare node+tsx+express`,
        ratio: `${(compiledRss / bareRss).toFixed(2)}×`,
        target: '< 80 MB',
        ok: compiledRss < 80 * MB,
      },
      {
        benchmark: 'the same, run through tsx (development, npm start)',
        value: `${(rss / MB).toFixed(1)} MB`,
        baseline: `${(compiledRss / MB).toFixed(1)} MB as a kiosk runs it`,
        ratio: `${(rss / compiledRss).toFixed(2)}×`,
      },
      {
        benchmark: `scan on rig → agent WS event, end to end, p50 / p95 (n=${scans})`,
        value: `${median(latencies).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} ms`,
        baseline: `${lineMs.toFixed(1)} ms line time (19 bytes at 9600 baud)`,
      },
      {
        benchmark: `scan → WS event beyond line time (rig HTTP + pty + driver + agent + WS), p50 / p95`,
        value: `${median(beyond).toFixed(1)} / ${p95.toFixed(1)} ms`,
        baseline: `${lineMs.toFixed(1)} ms line time; load ${loadavg()[0]?.toFixed(1)}`,
        target: 'p95 < 20 ms',
        ok: p95 < 20,
      },
      {
        benchmark: `agent spawn → all five devices online as a kiosk runs it (median of ${runs})`,
        value: `${(compiledStart / 1000).toFixed(2)} s`,
        baseline: `${(bareStart / 1000).toFixed(2)} s bare node+tsx+express ready`,
        ratio: `${(compiledStart / bareStart).toFixed(2)}×`,
        target: '< 2 s',
        ok: compiledStart < 2000,
      },
      {
        benchmark: `the same, run through tsx (development, median of ${runs})`,
        value: `${(start / 1000).toFixed(2)} s`,
        baseline: `${(compiledStart / 1000).toFixed(2)} s as a kiosk runs it`,
        ratio: `${(start / compiledStart).toFixed(2)}×`,
      },
    ];
  } finally {
    for (const c of children) await c.stop();
    await rig.close();
    temp.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchAgent());
