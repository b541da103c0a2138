import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import type { DeviceName } from '../hardware/common/device-status.ts';
import pkg from '../package.json' with { type: 'json' };
import type { AgentStatus } from './api/contract.ts';
import { createLocalApi } from './api/local-api.ts';
import { type AgentConfig, ConfigError, loadAgentConfig } from './config/agent-config.ts';
import { buildDevices, managedDevices } from './devices/build-devices.ts';
import { DeviceManager, type ManagedDevice } from './devices/device-manager.ts';
import { HubHealth } from './hub/hub-health.ts';

const DEFAULT_UI_DIR = fileURLToPath(new URL('../kiosk-ui/dist/', import.meta.url));

export interface AgentOptions {
  config: AgentConfig;
  logger: Logger;
  /** The local API listens on loopback only; 0 picks a free port. */
  port: number;
  uiDir?: string;
  /** Tests may hand in their own drivers; by default they are built from the config. */
  devices?: Map<DeviceName, ManagedDevice>;
  hubCheckIntervalMs?: number;
}

export interface RunningAgent {
  url: string;
  port: number;
  status(): AgentStatus;
  close(): Promise<void>;
}

/** Builds every part of the agent from its config and starts it. */
export async function startAgent(opts: AgentOptions): Promise<RunningAgent> {
  const { config, logger } = opts;
  const startedAt = Date.now();
  const devices = new DeviceManager(
    opts.devices ?? managedDevices(buildDevices(config, logger)),
    logger.child({ name: 'agent:devices' }),
  );
  const hub = new HubHealth({
    hubUrl: config.hub.url,
    logger: logger.child({ name: 'agent:hub' }),
    intervalMs: opts.hubCheckIntervalMs,
  });
  const status = (): AgentStatus => ({
    kioskId: config.kiosk.id,
    kiosk: {
      id: config.kiosk.id,
      name: config.kiosk.name,
      address: config.kiosk.address,
      timeZone: config.kiosk.timeZone,
    },
    hub: hub.current(),
    devices: devices.statuses(),
    version: pkg.version,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  });
  const api = createLocalApi({
    logger: logger.child({ name: 'agent:api' }),
    uiDir: opts.uiDir ?? DEFAULT_UI_DIR,
    status,
  });
  devices.on('status', (s) => api.broadcast({ type: 'device.status', status: s }));
  hub.on('change', (h) => api.broadcast({ type: 'hub.status', hub: h }));

  await new Promise<void>((resolve, reject) => {
    api.server.once('error', reject);
    api.server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (api.server.address() as { port: number }).port;
  hub.start();
  await devices.start();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    status,
    async close() {
      hub.stop();
      await api.close();
      await devices.stop();
    },
  };
}

async function main(): Promise<void> {
  const logger = pino({ name: 'agent' });
  const port = Number(process.env.AGENT_PORT ?? 7300);
  const configFile = path.resolve(process.env.AGENT_CONFIG ?? 'data/agent/config.json');
  let agent: RunningAgent;
  try {
    const config = await loadAgentConfig(configFile);
    agent = await startAgent({ config, logger, port });
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
