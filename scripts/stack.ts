import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, openSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_KIOSK_AGENT_IDENTITY } from '../hub-server/seed/demo-fleet.ts';
import { parseAgentConfig } from '../kiosk-agent/config/agent-config.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface StackOptions {
  /** 0 picks a free port (tests); the defaults are 7400, 7399, 7300. */
  hubPort: number;
  rigPort: number;
  agentPort: number;
  dataDir: string;
  /**
   * The kiosk screen the agent supervises: a headless Chromium (screenshots work without a display;
   * the default), a kiosk-mode window (on a PC with a display), or none.
   */
  browser?: 'headless' | 'window' | 'off';
  /** Plain-text lines a child writes to stderr before it is ready: its fatal messages. */
  onStderr?: (child: string, line: string) => void;
}

export interface Stack {
  hubUrl: string;
  rigUrl: string;
  agentUrl: string;
  dataDir: string;
  logDir: string;
  /** The one-time password of `admin`, when this start created the hub's data. */
  firstRunAdminPassword?: string;
  children: Map<string, ChildProcess>;
  /** Settles when any child exits by itself, with its name and exit code. */
  unexpectedExit: Promise<{ child: string; code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

/** A port that is taken, named with the variable that moves it. */
export class PortInUseError extends Error {
  constructor(readonly busy: { port: number; variable: string }[]) {
    super(busy.map((b) => `Port ${b.port} is already in use. Set ${b.variable} to a free port.`).join('\n'));
    this.name = 'PortInUseError';
  }
}

/** A child that did not come up; `message` carries what it said on stderr. */
export class ChildStartError extends Error {
  constructor(
    readonly child: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChildStartError';
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Refuses to start anything while one of the ports is taken: nothing is left half-started. */
export async function checkPorts(ports: { port: number; variable: string }[]): Promise<void> {
  const busy = [];
  for (const p of ports) if (p.port !== 0 && !(await portFree(p.port))) busy.push(p);
  if (busy.length > 0) throw new PortInUseError(busy);
}

interface Ready {
  ready: string;
  url: string;
  port: number;
  /** The hub's, on its very first run. */
  firstRunAdminPassword?: string;
  /** The hub's in demo mode: a one-time code for the demo kiosk's agent. */
  demoEnrollmentCode?: string;
}

/**
 * Starts hub, rig and agent as child processes (each a real `node` process,
 * as in production) and resolves once each has said it is listening.
 */
export async function startStack(opts: StackOptions): Promise<Stack> {
  await checkPorts([
    { port: opts.hubPort, variable: 'HUB_PORT' },
    { port: opts.rigPort, variable: 'RIG_PORT' },
    { port: opts.agentPort, variable: 'AGENT_PORT' },
  ]);
  const dataDir = path.resolve(opts.dataDir);
  const logDir = path.join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  let onUnexpected: (e: { child: string; code: number | null; signal: NodeJS.Signals | null }) => void =
    () => {};
  const unexpectedExit = new Promise<{ child: string; code: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => {
      onUnexpected = resolve;
    },
  );

  const launch = (name: string, entry: string, env: Record<string, string>): Promise<Ready> => {
    const logFile = path.join(logDir, `${name}.log`);
    const log = openSync(logFile, 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, ...env },
      stdio: ['ignore', log, 'pipe', 'ipc'],
    });
    children.set(name, child);
    // Everything a child writes goes to its log; until it is ready, the plain-text
    // lines (its fatal messages, not pino's JSON) are also kept to explain a failed start.
    let ready = false;
    const fatal: string[] = [];
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      appendFileSync(logFile, chunk);
      if (ready) return;
      for (const line of chunk.split('\n')) {
        if (line.trim() && !line.startsWith('{')) {
          fatal.push(line);
          opts.onStderr?.(name, line);
        }
      }
    });
    return new Promise<Ready>((resolve, reject) => {
      child.on('message', (m: Ready) => {
        if (m && m.ready === name) {
          ready = true;
          resolve(m);
        }
      });
      child.once('exit', (code, signal) => {
        reject(new ChildStartError(name, fatal.join('\n') || `${name} exited with code ${code ?? signal}`));
        if (!stopping) onUnexpected({ child: name, code, signal });
      });
    });
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    // The agent first (it holds devices open), then the rig (it owns socat), then the hub.
    for (const name of ['agent', 'rig', 'hub']) {
      const child = children.get(name);
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
  };

  try {
    // Hub and rig need nothing of each other: start them together. The agent needs both.
    // When one fails, let the other finish starting before stopping it, so it can
    // clean up what it started (the rig's socat) instead of dying half-way.
    const both = [
      launch('hub', 'hub-server/main.ts', { HUB_PORT: String(opts.hubPort), HUB_DEMO: '1' }),
      launch('rig', 'hardware/rig/main.ts', { RIG_PORT: String(opts.rigPort) }),
    ] as const;
    const settled = await Promise.allSettled(both);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [hub, rig] = await Promise.all(both);
    const configFile = await writeAgentConfig(dataDir, hub.url, rig.url, opts.browser ?? 'headless');
    const agent = await launch('agent', 'kiosk-agent/main.ts', {
      AGENT_PORT: String(opts.agentPort),
      AGENT_CONFIG: configFile,
      // Spent only if the agent holds no credential yet (its first start on this data folder).
      AGENT_ENROLLMENT_CODE: hub.demoEnrollmentCode ?? '',
    });
    return {
      hubUrl: hub.url,
      rigUrl: rig.url,
      agentUrl: agent.url,
      dataDir,
      logDir,
      ...(hub.firstRunAdminPassword ? { firstRunAdminPassword: hub.firstRunAdminPassword } : {}),
      children,
      unexpectedExit,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A device as the rig lists it: a serial device's tty, or a HID device's socket. */
interface RigDevice {
  device: string;
  tty?: string;
  socket?: string;
  baudRate?: number;
  sim: Record<string, unknown>;
}

/** The agent's config entry for one rig device, or undefined for a device the agent does not know. */
function deviceConfig(d: RigDevice): [string, unknown] | undefined {
  if (d.socket) return [d.device, { transport: 'hid-socket', socket: d.socket, profile: d.sim.profile }];
  if (d.tty) return [d.device, { transport: 'serial', path: d.tty, baudRate: d.baudRate }];
  return undefined;
}

/** Writes the demo kiosk's agent config, pointing each device at the rig's pseudo-terminal or socket for it. */
async function writeAgentConfig(
  dataDir: string,
  hubUrl: string,
  rigUrl: string,
  browser: 'headless' | 'window' | 'off',
): Promise<string> {
  const res = await fetch(new URL('/rig/api/devices', rigUrl));
  const { devices } = (await res.json()) as { devices: RigDevice[] };
  const config = {
    kiosk: DEMO_KIOSK_AGENT_IDENTITY,
    hub: { url: hubUrl, heartbeatSeconds: 5 },
    browser: {
      enabled: browser !== 'off',
      headless: browser === 'headless',
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      width: 1920,
      height: 1080,
    },
    devices: Object.fromEntries(devices.map(deviceConfig).filter((e) => e !== undefined)),
  };
  // Validate here too, so a rig/agent mismatch is caught with the field named before the agent starts.
  parseAgentConfig(config, 'written for the rig');
  const dir = path.join(dataDir, 'agent');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'config.json');
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/** Polls until the agent reports the hub connected and every device online, or throws after `timeoutMs`. */
export async function waitHealthy(agentUrl: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const s = (await (await fetch(new URL('/agent/status', agentUrl))).json()) as {
        hub: { connected: boolean };
        devices: { device: string; state: string }[];
      };
      if (s.hub.connected && s.devices.length > 0 && s.devices.every((d) => d.state === 'online')) return;
      last = JSON.stringify(s);
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`The kiosk did not become healthy within ${timeoutMs} ms: ${last}`);
}
