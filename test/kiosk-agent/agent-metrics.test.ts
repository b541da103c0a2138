import { createServer, type Server } from 'node:http';
import express from 'express';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DeviceStatus } from '../../hardware/common/device-status.ts';
import { HubClient } from '../../kiosk-agent/hub/hub-client.ts';
import { startAgent } from '../../kiosk-agent/main.ts';
import {
  createAgentMetrics,
  type MetricsSources,
  metricsRouter,
} from '../../kiosk-agent/ops/agent-metrics.ts';
import { tempDir } from '../support/temp-dir.ts';
import { testAgentConfig } from './test-config.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function sources(over: Partial<MetricsSources> = {}): MetricsSources {
  const since = new Date(0).toISOString();
  const devices: DeviceStatus[] = [
    { device: 'printer', state: 'online', detail: { paper: 'ok' }, since },
    { device: 'scanner', state: 'offline', detail: {}, since },
  ];
  return {
    devices: () => devices,
    wsClients: () => 2,
    hub: () => ({ connected: true, since }),
    link: () => ({ enrollment: 'enrolled', lastHeartbeatAt: null }),
    maintenance: () => ({ on: true, since }),
    browser: { state: () => 'running', restartCount: () => 3 },
    ...over,
  };
}

async function scrape(
  metrics: ReturnType<typeof createAgentMetrics>,
): Promise<{ type: string; text: string }> {
  const app = express();
  app.use(metricsRouter(metrics));
  const base = await listen(app);
  const res = await fetch(`${base}/agent/metrics`);
  expect(res.status).toBe(200);
  return { type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('agent metrics (GET /agent/metrics over HTTP)', () => {
  it('when scraped, then device, screen, hub, enrollment, maintenance and browser state are in Prometheus text', async () => {
    const { type, text } = await scrape(
      createAgentMetrics(sources({ outboxDepth: () => ({ telemetry: 17, journal: 2 }) })),
    );
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('tingzi_agent_device_state{device="printer",state="online"} 1');
    expect(text).toContain('tingzi_agent_device_state{device="printer",state="offline"} 0');
    expect(text).toContain('tingzi_agent_device_state{device="scanner",state="offline"} 1');
    expect(text).toContain('tingzi_agent_ws_clients 2');
    expect(text).toContain('tingzi_agent_hub_connected 1');
    expect(text).toContain('tingzi_agent_enrollment{state="enrolled"} 1');
    expect(text).toContain('tingzi_agent_enrollment{state="revoked"} 0');
    expect(text).toContain('tingzi_agent_maintenance 1');
    expect(text).toContain('tingzi_agent_browser_state{state="running"} 1');
    expect(text).toContain('tingzi_agent_browser_restarts 3');
    expect(text).toContain('tingzi_agent_outbox_depth{kind="telemetry"} 17');
    expect(text).toContain('tingzi_agent_outbox_depth{kind="journal"} 2');
    expect(text).toMatch(/tingzi_agent_process_resident_memory_bytes \d+/);
  });

  it('when there is no outbox yet, then no outbox metric, and an unread one has no samples rather than a false zero', async () => {
    const absent = await scrape(createAgentMetrics(sources()));
    expect(absent.text).not.toContain('tingzi_agent_outbox_depth');
    const unknown = await scrape(createAgentMetrics(sources({ outboxDepth: () => undefined })));
    expect(unknown.text).toContain('# TYPE tingzi_agent_outbox_depth gauge');
    expect(unknown.text).not.toMatch(/^tingzi_agent_outbox_depth/m);
  });

  it('when the hub client makes calls, then their round trips land in the histogram by outcome', async () => {
    const metrics = createAgentMetrics(sources());
    const hub = await listen((req, res) => {
      res.writeHead(req.url === '/ok' ? 200 : 403, { 'content-type': 'application/json' });
      res.end(req.url === '/ok' ? '{}' : '{"error":{"code":"kiosk-revoked","message":"no"}}');
    });
    const client = new HubClient({ baseUrl: hub, credential: () => 'secret' });
    client.observe((t) => metrics.observeHubCall(t));
    await client.call('/ok');
    await client.call('/ok');
    await expect(client.call('/no')).rejects.toThrow();
    await expect(
      new HubClient({ baseUrl: 'http://127.0.0.1:1', credential: () => undefined }).call('/x'),
    ).rejects.toThrow();
    const { text } = await scrape(metrics);
    expect(text).toContain('tingzi_agent_hub_round_trip_seconds_count{outcome="ok"} 2');
    expect(text).toContain('tingzi_agent_hub_round_trip_seconds_count{outcome="refused"} 1');
    expect(text).not.toContain('outcome="unreachable"');
  });

  it('when two agents run in one process, then their registries do not clash', () => {
    expect(() => {
      createAgentMetrics(sources());
      createAgentMetrics(sources());
    }).not.toThrow();
  });

  it('when the agent runs, then GET /agent/metrics on its loopback port reports its screens, hub link and outbox', async () => {
    const temp = tempDir();
    const config = testAgentConfig('k-metrics');
    const agent = await startAgent({
      config,
      logger: pino({ level: 'silent' }),
      port: 0,
      devices: new Map(),
      stateDir: temp.dir,
    });
    const ws = new WebSocket(`${agent.url.replace('http', 'ws')}/agent/events`);
    try {
      await new Promise((resolve, reject) => ws.once('message', resolve).once('error', reject));
      const res = await fetch(`${agent.url}/agent/metrics`);
      const text = await res.text();
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(text).toContain('tingzi_agent_ws_clients 1');
      expect(text).toContain('tingzi_agent_enrollment{state="not-enrolled"} 1');
      expect(text).toContain('tingzi_agent_maintenance 0');
      expect(text).toContain('tingzi_agent_outbox_depth{kind="journal"} 0');
      expect(text).toMatch(/tingzi_agent_nodejs_eventloop_lag_seconds \d/);
    } finally {
      ws.close();
      await agent.close();
      temp.remove();
    }
  });
});
