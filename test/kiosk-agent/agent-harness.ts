import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { WebSocket } from 'ws';
import type { AgentEvent, CommandResult } from '../../kiosk-agent/api/contract.ts';
import { type RunningAgent, startAgent } from '../../kiosk-agent/main.ts';
import { until } from '../support/until.ts';
import { type DeviceRig, deviceRig } from './device-rig.ts';
import { testAgentConfig } from './test-config.ts';

export { until } from '../support/until.ts';

const config = testAgentConfig('k-devices');

/** A screen's socket and every event it received. */
export interface Screen {
  ws: WebSocket;
  events: AgentEvent[];
  /** Resolves with the first event (already received or later) the predicate accepts. */
  next<T extends AgentEvent>(match: (e: AgentEvent) => e is T, ms?: number): Promise<T>;
  close(): void;
}

export interface Harness {
  agent: RunningAgent;
  rig: DeviceRig;
  /** Every line the agent and its drivers logged. */
  logLines: string[];
  /** The agent's state folder (its `agent.sqlite`, credential, …). */
  stateDir: string;
  screen(): Promise<Screen>;
  startSession(): Promise<string>;
  command(
    path: string,
    opts: { sessionId?: string; requestId?: string; body?: unknown },
  ): Promise<{ status: number; body: CommandResult }>;
  close(): Promise<void>;
}

/** The agent on port 0 with the five simulated devices on real ptys (the handset on a socket), all online. */
export async function startHarness(
  /** A real hub to link to, as the kiosk `kioskId` with a one-time code; none by default. */
  hubLink?: { hubUrl: string; kioskId: string; enrollmentCode: string },
): Promise<Harness> {
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const stateDir = await mkdtemp(join(tmpdir(), 'tingzi-agent-devices-'));
  const rig = await deviceRig(logger);
  const linked = hubLink
    ? {
        ...config,
        kiosk: { ...config.kiosk, id: hubLink.kioskId },
        hub: { ...config.hub, url: hubLink.hubUrl },
      }
    : config;
  const agent = await startAgent({
    config: linked,
    logger,
    port: 0,
    drivers: rig.drivers,
    stateDir,
    enrollmentCode: hubLink?.enrollmentCode,
  });
  await until(() => agent.status().devices.every((d) => d.state === 'online') || undefined, 3000);
  const base = agent.url;
  return {
    agent,
    rig,
    logLines,
    stateDir,
    async screen() {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/agent/events`);
      const events: AgentEvent[] = [];
      ws.on('message', (data) => events.push(JSON.parse(String(data))));
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      await until(() => events.find((e) => e.type === 'agent.hello'));
      return {
        ws,
        events,
        next: (match, ms = 2000) => until(() => events.find(match), ms),
        close: () => ws.close(),
      };
    },
    async startSession() {
      const res = await fetch(`${base}/agent/session/start`, { method: 'POST' });
      return ((await res.json()) as { sessionId: string }).sessionId;
    },
    async command(path, { sessionId, requestId, body }) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (sessionId) headers['x-session-id'] = sessionId;
      if (requestId) headers['x-request-id'] = requestId;
      const res = await fetch(`${base}/agent/devices/${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body ?? {}),
      });
      return { status: res.status, body: (await res.json()) as CommandResult };
    },
    async close() {
      await agent.close();
      await rig.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** A type guard for `next()`: the event of this type (and, for device events, this kind). */
export function isEvent<K extends AgentEvent['type']>(type: K, kind?: string) {
  return (e: AgentEvent): e is Extract<AgentEvent, { type: K }> =>
    e.type === type && (kind === undefined || (e.type === 'device.event' && e.event.kind === kind));
}
