import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import type { DeviceName } from '../hardware/common/device-status.ts';
import pkg from '../package.json' with { type: 'json' };
import { cardTokenRewrite } from './api/card-payment.ts';
import type { AgentStatus } from './api/contract.ts';
import { createLocalApi } from './api/local-api.ts';
import { BrowserSupervisor } from './browser/browser-supervisor.ts';
import { createCommandRunner } from './commands/command-runner.ts';
import { reprinter } from './commands/reprint.ts';
import { type AgentConfig, ConfigError, loadAgentConfig } from './config/agent-config.ts';
import { buildDevices, type KioskDevices, managedDevices } from './devices/build-devices.ts';
import { DeviceManager, type ManagedDevice } from './devices/device-manager.ts';
import { CredentialStore } from './hub/credential-store.ts';
import { heartbeatPayload } from './hub/heartbeat-payload.ts';
import { HubHealth } from './hub/hub-health.ts';
import { HubLink } from './hub/hub-link.ts';
import { Delivery, type DeliveryOptions } from './journal/delivery.ts';
import { createAgentLogger } from './logging/agent-logger.ts';
import { RecentLogs } from './logging/recent-logs.ts';
import { Maintenance } from './maintenance.ts';
import { createAgentMetrics, metricsRouter } from './ops/agent-metrics.ts';
import { receiptParts } from './receipts/receipt-parts.ts';
import type { LastReceipt } from './session/receipt-memory.ts';
import { residentParts } from './session/resident-parts.ts';
import type { ResidentSession } from './session/resident-session.ts';
import { Settings } from './settings/runtime-settings.ts';

const DEFAULT_UI_DIR = fileURLToPath(new URL('../kiosk-ui/dist/', import.meta.url));

export interface AgentOptions {
  config: AgentConfig;
  logger: Logger;
  /** The local API listens on loopback only; 0 picks a free port. */
  port: number;
  uiDir?: string;
  /** Tests may hand in their own drivers; by default they are built from the config. */
  devices?: Map<DeviceName, ManagedDevice>;
  /** Typed drivers (e.g. on test ptys), managed and offered to the device commands; instead of `devices`. */
  drivers?: KioskDevices;
  hubCheckIntervalMs?: number;
  /** Credential and state; `config.stateDir`, else this, else a folder in the temp dir named after the kiosk. */
  stateDir?: string;
  /** A one-time code from the console, spent only while the kiosk has no credential. */
  enrollmentCode?: string;
  /** The logger's last lines, for the `send-logs` command (main() tees the logger into it). */
  recentLogs?: RecentLogs;
  /** Journal and outbox tuning (bounds, backoff, journaled routes); production uses the defaults. */
  delivery?: DeliveryOptions;
  /** How long after a session ends the kiosk page reloads; FAREWELL_RELOAD_MS by default. */
  farewellReloadMs?: number;
}

/** The UI shows its farewell for 5 s; the page reloads a little after, so the farewell is read first. */
export const FAREWELL_RELOAD_MS = 7_000;

export interface RunningAgent {
  url: string;
  port: number;
  status(): AgentStatus;
  hubLink: HubLink;
  browser: BrowserSupervisor | undefined;
  /** The journal, the outbox and the `/hub/*` proxy over `<stateDir>/agent.sqlite`. */
  delivery: Delivery;
  /** The one resident session at a time. */
  session: ResidentSession;
  /** The last printed document and when (kept two minutes, in memory only), for a reprint. */
  lastReceipt(): LastReceipt | undefined;
  /** The screen the kiosk UI last said it shows (`home`, `kiosk-guide.touch`, …), as the heartbeat carries it. */
  screen(): string;
  close(): Promise<void>;
}

/** Builds every part of the agent from its config and starts it. */
export async function startAgent(opts: AgentOptions): Promise<RunningAgent> {
  const { config, logger } = opts;
  const startedAt = Date.now();
  const drivers = opts.drivers ?? (opts.devices ? {} : buildDevices(config, logger));
  const resident = residentParts(drivers, logger.child({ name: 'agent:session' }), 'eject', (key, printed) =>
    delivery.journal.printResult(key, printed),
  );
  const devices = new DeviceManager(
    opts.devices ?? managedDevices(drivers),
    logger.child({ name: 'agent:devices' }),
  );
  const hub = new HubHealth({
    hubUrl: config.hub.url,
    logger: logger.child({ name: 'agent:hub' }),
    intervalMs: opts.hubCheckIntervalMs,
  });
  const stateDir = config.stateDir ?? opts.stateDir ?? path.join(tmpdir(), `tingzi-agent-${config.kiosk.id}`);
  const maintenance = await Maintenance.open(stateDir);
  const settings = await Settings.open(stateDir);
  const logLevel = settings.get('logLevel');
  if (logLevel) logger.level = logLevel;
  let screen = 'starting';
  let link: HubLink | undefined;
  const delivery = await Delivery.open(stateDir, () => link?.client, logger, opts.delivery);
  const status = (): AgentStatus => ({
    kioskId: config.kiosk.id,
    kiosk: {
      id: config.kiosk.id,
      name: config.kiosk.name,
      address: config.kiosk.address,
      timeZone: config.kiosk.timeZone,
    },
    hub: hub.current(),
    link: link?.current() ?? { enrollment: 'not-enrolled', reason: 'starting', lastHeartbeatAt: null },
    maintenance: maintenance.current(),
    devices: devices.statuses(),
    version: pkg.version,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    journal: delivery.status(),
  });
  const metrics = createAgentMetrics({
    devices: () => devices.statuses(),
    wsClients: () => api.clientCount(),
    hub: () => hub.current(),
    link: () => status().link,
    maintenance: () => maintenance.current(),
    browser: { state: () => browser?.state() ?? 'stopped', restartCount: () => browser?.restartCount() ?? 0 },
    outboxDepth: () => delivery.depthNow(),
  });
  const receipts = receiptParts({
    hub: () => link?.client,
    printer: drivers.printer,
    delivery,
    resident,
    kiosk: config.kiosk,
    logger,
    poll: opts.delivery?.recoveryPoll,
  });
  const api = createLocalApi({
    logger: logger.child({ name: 'agent:api' }),
    uiDir: opts.uiDir ?? DEFAULT_UI_DIR,
    status,
    onScreenMessage: (m) => {
      screen = m.screen;
    },
    routes: [
      resident.router,
      receipts.router,
      delivery.proxy(cardTokenRewrite(resident.session)),
      metricsRouter(metrics),
    ],
    canJoinSession: (id) => resident.session.isCurrent(id),
  });
  resident.attach(api);
  devices.on('status', (s) => api.broadcast({ type: 'device.status', status: s }));
  devices.on('status', (s) => {
    delivery.telemetry({ type: 'device.status', status: s }).catch((err) => logger.warn({ err }, 'outbox'));
  });
  hub.on('change', (h) => api.broadcast({ type: 'hub.status', hub: h }));
  maintenance.on('change', (m) => {
    logger.info({ on: m.on }, 'maintenance mode');
    api.broadcast({ type: 'maintenance', maintenance: m });
  });

  await new Promise<void>((resolve, reject) => {
    api.server.once('error', reject);
    api.server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (api.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const browser = config.browser.enabled
    ? new BrowserSupervisor({
        url,
        ...config.browser,
        profileDir: path.join(stateDir, 'chromium-profile'),
        logger: logger.child({ name: 'agent:browser' }),
      })
    : undefined;
  link = new HubLink({
    hubUrl: config.hub.url,
    kioskId: config.kiosk.id,
    store: new CredentialStore(stateDir),
    enrollmentCode: opts.enrollmentCode,
    heartbeatMs: (settings.get('heartbeatSeconds') ?? config.hub.heartbeatSeconds) * 1000,
    heartbeat: async () =>
      heartbeatPayload({
        version: pkg.version,
        uptimeSec: (Date.now() - startedAt) / 1000,
        screen,
        lastTransactionAt: await delivery.journal.lastTransactionAt(),
        freeDiskBytes: await freeDiskBytes(stateDir),
        devices: devices.statuses(),
      }),
    runCommand: (command) => runCommand(command),
    onMaintenanceFlag: async (on) => {
      await maintenance.set(on);
    },
    logger: logger.child({ name: 'agent:link' }),
  });
  const hubLink = link;
  hubLink.client.observe((timing) => metrics.observeHubCall(timing));
  const runCommand = createCommandRunner({
    maintenance,
    browser,
    uploadScreenshot: (png, commandId) => hubLink.uploadScreenshot(png, commandId),
    settings,
    recentLogs: (n) => opts.recentLogs?.tail(n) ?? [],
    reprintLastReceipt: reprinter(drivers.printer, () => resident.receipts.lastReceipt()),
  });
  settings.on('change', (key, all) => {
    if (key === 'heartbeatSeconds' && all.heartbeatSeconds)
      hubLink.setHeartbeatMs(all.heartbeatSeconds * 1000);
    if (key === 'logLevel' && all.logLevel) logger.level = all.logLevel;
    logger.info({ key, value: all[key] }, 'setting changed by the hub');
  });
  // Cookies, storage and cache of the resident who just left go with their session; the page
  // reloads once the UI's farewell has been read, unless the next resident is already there.
  resident.afterEnd(async () => {
    if (browser?.state() === 'running')
      await browser.clearResidentData(opts.farewellReloadMs ?? FAREWELL_RELOAD_MS);
  });
  resident.onStart(() => browser?.cancelPendingReload());
  hub.start();
  await devices.start();
  await hubLink.start();
  // Open intents from before a crash are loaded here; money steps wait until the hub resolved them.
  await delivery.start();
  // The screen comes up on its own time: the agent is ready (and its devices online) without waiting for it.
  void browser?.start();
  return {
    url,
    port,
    status,
    hubLink,
    browser,
    delivery,
    session: resident.session,
    lastReceipt: () => resident.receipts.lastReceipt(),
    screen: () => screen,
    async close() {
      await browser?.stop();
      await hubLink.stop();
      await receipts.recovery.stop();
      await delivery.stop();
      hub.stop();
      await api.close();
      await devices.stop();
    },
  };
}

/** Free bytes on the disk that holds the agent's state (the kiosk's data disk). */
async function freeDiskBytes(dir: string): Promise<number> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const recentLogs = new RecentLogs();
  const logger = createAgentLogger({
    destination: pino.multistream([{ stream: process.stdout }, { stream: recentLogs }]),
  });
  const port = Number(process.env.AGENT_PORT ?? 7300);
  const configFile = path.resolve(process.env.AGENT_CONFIG ?? 'data/agent/config.json');
  let agent: RunningAgent;
  try {
    const config = await loadAgentConfig(configFile);
    agent = await startAgent({
      config,
      logger,
      port,
      stateDir: path.dirname(configFile),
      enrollmentCode: process.env.AGENT_ENROLLMENT_CODE || undefined,
      recentLogs,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      console.error(`Port ${port} is already in use. Set AGENT_PORT to a free port.`);
    else if (err instanceof ConfigError) console.error(err.message);
    else console.error(`The agent could not start: ${e.stack ?? e}`);
    process.exit(1);
  }
  logger.info({ url: agent.url }, 'agent listening');
  process.send?.({ ready: 'agent', url: agent.url, port: agent.port });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await agent.close().catch((err) => logger.error({ err }, 'shutdown'));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
