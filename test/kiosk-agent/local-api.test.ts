import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DeviceName, DeviceStatus } from '../../hardware/common/device-status.ts';
import type { AgentEvent } from '../../kiosk-agent/api/contract.ts';
import type { ManagedDevice } from '../../kiosk-agent/devices/device-manager.ts';
import { type RunningAgent, startAgent } from '../../kiosk-agent/main.ts';
import { until } from '../support/until.ts';
import { testAgentConfig } from './test-config.ts';

const logger = pino({ level: 'silent' });

/** A scripted device: the manager only needs start/stop/status and a `status` event. */
class ScriptedDevice extends EventEmitter implements ManagedDevice {
  current: DeviceStatus;
  constructor(device: DeviceName) {
    super();
    this.current = { device, state: 'online', detail: { paper: 'ok' }, since: new Date(0).toISOString() };
  }
  async start() {}
  async stop() {}
  status() {
    return this.current;
  }
  set(state: DeviceStatus['state'], detail: Record<string, unknown>) {
    this.current = { ...this.current, state, detail, since: new Date().toISOString() };
    this.emit('status', this.current);
  }
}

const config = testAgentConfig('k-1');

let agent: RunningAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

function collect(ws: WebSocket): AgentEvent[] {
  const events: AgentEvent[] = [];
  ws.on('message', (data) => events.push(JSON.parse(String(data))));
  return events;
}

describe('agent local API', () => {
  it('when a screen connects, then it gets the whole status first and every device change after', async () => {
    const printer = new ScriptedDevice('printer');
    agent = await startAgent({ config, logger, port: 0, devices: new Map([['printer', printer]]) });
    const ws = new WebSocket(`${agent.url.replace('http', 'ws')}/agent/events`);
    const events = collect(ws);
    const hello = await until(() => events.find((e) => e.type === 'agent.hello'));
    expect(hello.type === 'agent.hello' && hello.status.kiosk.name).toBe('测试亭');
    expect(hello.type === 'agent.hello' && hello.status.devices[0]?.state).toBe('online');

    printer.set('fault', { paper: 'out' });
    const change = await until(() => events.find((e) => e.type === 'device.status'));
    expect(change).toMatchObject({
      type: 'device.status',
      status: { device: 'printer', state: 'fault', detail: { paper: 'out' } },
    });
    ws.close();
  });

  it('when GET /agent/status is asked, then it answers the skeleton contract', async () => {
    agent = await startAgent({
      config,
      logger,
      port: 0,
      devices: new Map([['printer', new ScriptedDevice('printer')]]),
    });
    const body = await (await fetch(`${agent.url}/agent/status`)).json();
    expect(body).toMatchObject({
      kioskId: 'k-1',
      hub: { connected: expect.any(Boolean) },
      devices: [{ device: 'printer', state: 'online', detail: { paper: 'ok' }, since: expect.any(String) }],
    });
  });

  it('when the hub is unreachable, then the status says so with a reason', async () => {
    agent = await startAgent({ config, logger, port: 0, devices: new Map(), hubCheckIntervalMs: 50 });
    const hub = await until(() => {
      const h = agent?.status().hub;
      return h?.reason && h.reason !== 'not checked yet' ? h : undefined;
    });
    expect(hub.connected).toBe(false);
  });

  it('when a page from another origin opens the event stream, then it is refused', async () => {
    agent = await startAgent({ config, logger, port: 0, devices: new Map() });
    const ws = new WebSocket(`${agent.url.replace('http', 'ws')}/agent/events`, {
      origin: 'http://evil.example',
    });
    const outcome = await new Promise((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', (err) => resolve(String(err)));
    });
    expect(outcome).toMatch(/403/);
  });

  it('when an unknown agent endpoint is asked, then it answers 404 in the error envelope', async () => {
    agent = await startAgent({ config, logger, port: 0, devices: new Map() });
    const res = await fetch(`${agent.url}/agent/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not-found' } });
  });
});
