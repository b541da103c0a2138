import { Router } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DeviceState, DeviceStatus } from '../../hardware/common/device-status.ts';
import type { HubConnectivity, HubLinkState, MaintenanceState } from '../api/contract.ts';
import type { BrowserState } from '../browser/browser-supervisor.ts';
import type { HubCallTiming } from '../hub/hub-client.ts';

const DEVICE_STATES: DeviceState[] = ['online', 'offline', 'fault', 'busy'];
const ENROLLMENT_STATES: HubLinkState['enrollment'][] = ['enrolled', 'not-enrolled', 'revoked'];
const BROWSER_STATES: BrowserState[] = ['stopped', 'starting', 'running', 'crashed'];

/** Where the metrics read the agent's state at scrape time (nothing is pushed into them). */
export interface MetricsSources {
  devices(): DeviceStatus[];
  wsClients(): number;
  hub(): HubConnectivity;
  link(): HubLinkState;
  maintenance(): MaintenanceState;
  browser?: { state(): BrowserState; restartCount(): number };
  /** Entries waiting in the outbox by kind (`telemetry`, `journal`); undefined (no samples) before it was read. */
  outboxDepth?: () => Record<string, number> | undefined;
}

export interface AgentMetrics {
  /** The agent's own registry (never prom-client's global one, so two agents in one test process do not clash). */
  registry: Registry;
  /** Hand to `HubClient.observe`: one sample per hub call. */
  observeHubCall(timing: HubCallTiming): void;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
}

/** The agent's Prometheus metrics: device, screen, hub, browser and outbox state plus process metrics. */
export function createAgentMetrics(src: MetricsSources): AgentMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tingzi_agent_' });
  const registers = [registry];
  new Gauge({
    name: 'tingzi_agent_device_state',
    help: '1 for the state each device is in, 0 for the others.',
    labelNames: ['device', 'state'],
    registers,
    collect() {
      this.reset();
      for (const d of src.devices())
        for (const state of DEVICE_STATES) this.set({ device: d.device, state }, d.state === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tingzi_agent_ws_clients',
    help: 'Kiosk screens connected to WS /agent/events.',
    registers,
    collect() {
      this.set(src.wsClients());
    },
  });
  new Gauge({
    name: 'tingzi_agent_hub_connected',
    help: '1 while the hub answers, else 0.',
    registers,
    collect() {
      this.set(src.hub().connected ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tingzi_agent_enrollment',
    help: '1 for the enrollment state the kiosk is in, 0 for the others.',
    labelNames: ['state'],
    registers,
    collect() {
      const now = src.link().enrollment;
      for (const state of ENROLLMENT_STATES) this.set({ state }, state === now ? 1 : 0);
    },
  });
  new Gauge({
    name: 'tingzi_agent_maintenance',
    help: '1 while the kiosk is out of service for maintenance.',
    registers,
    collect() {
      this.set(src.maintenance().on ? 1 : 0);
    },
  });
  const { browser, outboxDepth } = src;
  if (browser) {
    new Gauge({
      name: 'tingzi_agent_browser_state',
      help: '1 for the state the kiosk browser is in, 0 for the others.',
      labelNames: ['state'],
      registers,
      collect() {
        const now = browser.state();
        for (const state of BROWSER_STATES) this.set({ state }, state === now ? 1 : 0);
      },
    });
    new Gauge({
      name: 'tingzi_agent_browser_restarts',
      help: 'Times Chromium was launched again since the agent started (crash, hung page, command).',
      registers,
      collect() {
        this.set(browser.restartCount());
      },
    });
  }
  if (outboxDepth) {
    new Gauge({
      name: 'tingzi_agent_outbox_depth',
      help: 'Entries waiting in the outbox to reach the hub, by kind.',
      labelNames: ['kind'],
      registers,
      collect() {
        // No samples rather than a false zero while the outbox has not been read.
        this.reset();
        for (const [kind, n] of Object.entries(outboxDepth() ?? {})) this.set({ kind }, n);
      },
    });
  }
  const hubRtt = new Histogram({
    name: 'tingzi_agent_hub_round_trip_seconds',
    help: 'Time from sending a hub call to having its whole answer, by outcome.',
    labelNames: ['outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  return {
    registry,
    observeHubCall: (t) => hubRtt.observe({ outcome: t.outcome }, t.durationMs / 1000),
    render: () => registry.metrics(),
  };
}

/** `GET /agent/metrics`: served on the agent's loopback listener only, like the rest of the local API. */
export function metricsRouter(metrics: AgentMetrics): Router {
  const router = Router();
  router.get('/agent/metrics', async (_req, res) => {
    res.set('content-type', metrics.registry.contentType).set('cache-control', 'no-store');
    res.send(await metrics.render());
  });
  return router;
}
