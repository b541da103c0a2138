import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createRigApp } from './rig.routes.ts';
import { type RigDevice, RigDeviceRunner } from './rig-device-runner.ts';
import { RIG_DEVICES, type RigDeviceSpec } from './rig-devices.ts';
import { findSocat, SocatMissingError } from './socat-link.ts';

export type { RigDevice } from './rig-device-runner.ts';

export interface RigOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Where the tty links and sockets live (`<runDir>/printer`, `<runDir>/printer.sim`, `<runDir>/handset.sock`, …); created if missing. */
  runDir: string;
  logger: Logger;
  /** The devices to simulate; every one in `RIG_DEVICES` by default. */
  devices?: readonly RigDeviceSpec[];
}

export interface Rig {
  /** The control page, e.g. `http://127.0.0.1:7399/rig/`. */
  url: string;
  port: number;
  devices(): RigDevice[];
  /** Stops HTTP, closes the simulators and waits until every socat it started has exited. */
  close(): Promise<void>;
}

/**
 * Starts the simulated hardware rig: one socat pty pair and one simulator per
 * serial device, and the HTTP control page and API. On any failure (no socat,
 * port in use) everything already started is stopped before it rejects.
 */
export async function startRig({
  host = '127.0.0.1',
  port,
  runDir,
  logger,
  devices = RIG_DEVICES,
}: RigOptions): Promise<Rig> {
  // Only serial devices need socat; a `hid-socket` device's simulator listens on a Unix socket.
  if (devices.some((d) => d.transport !== 'hid-socket') && !findSocat()) throw new SocatMissingError();
  await mkdir(runDir, { recursive: true });
  const log = logger.child({ name: 'rig' });
  const runners = new Map<string, RigDeviceRunner>();
  let server: Server | undefined;
  const stopAll = async (): Promise<void> => {
    if (server) await closeServer(server);
    await Promise.all([...runners.values()].map((r) => r.close()));
  };

  try {
    for (const spec of devices) {
      const runner = new RigDeviceRunner(spec, runDir, logger.child({ name: `rig:${spec.device}` }));
      runners.set(spec.device, runner);
      await runner.start();
    }
    server = createServer(createRigApp(runners, log));
    await listen(server, host, port);
  } catch (err) {
    server = undefined;
    await stopAll();
    throw err;
  }

  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host}:${bound}/rig/`;
  log.info({ url, runDir }, 'rig ready');
  let closing: Promise<void> | undefined;
  return {
    url,
    port: bound,
    devices: () => [...runners.values()].map((r) => r.describe()),
    close: () => {
      closing ??= stopAll().then(() => log.info('rig closed'));
      return closing;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // The control page polls with keep-alive; without this close() would wait for those sockets.
    server.closeAllConnections();
  });
}
