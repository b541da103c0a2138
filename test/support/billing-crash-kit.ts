/**
 * The bill-payment crash tests' world (issue 7): a real hub process on a sqlite file and a real
 * agent process on its journal, each killable with SIGKILL and started again on the same files
 * and ports; the simulated hardware rig (socat ptys) in the test's process, so its printer keeps
 * every receipt across agent restarts; the sandbox gateway and biller as far ends that outlive
 * the hub (test/support/remote-sandboxes.ts); and a real Chromium on the agent's kiosk page,
 * driven as a resident taps.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import type { PrintedDocument } from '../../hardware/printer/printed-document.ts';
import { RIG_DEVICES } from '../../hardware/rig/rig-devices.ts';
import { Database } from '../../hub-server/db/database.ts';
import { mintEnrollmentCode } from '../../hub-server/modules/auth/kiosk-auth.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import type { AgentStatus } from '../../kiosk-agent/api/contract.ts';
import { ensureUiBuilt } from '../../scripts/build-ui.ts';
import { launchChromium } from './browser.ts';
import { type ServedSandboxes, serveSandboxes } from './remote-sandboxes.ts';
import { rigAgentConfig } from './rig-agent-config.ts';
import { getJson, post, startTestRig, type TestRig } from './rig-client.ts';
import { tempDir } from './temp-dir.ts';
import { until } from './until.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The hub child's timings (test/support/hub-child.ts HUB_TEST_TIMINGS). */
export interface HubTimings {
  timeoutMs?: number;
  staleMs?: number;
  retryDelayMs?: number;
  resolverIntervalMs?: number;
  idempotencyAbandonMs?: number;
}

/**
 * Quick enough for a test, slow enough that nothing steps on a call still running: a claim is
 * abandoned only well after the longest a request can run (the gateway's timeout), else a kiosk
 * would be told "never arrived" about a payment its hub is still answering.
 */
export const HUB_TIMINGS: HubTimings = {
  timeoutMs: 3_000,
  staleMs: 1_000,
  retryDelayMs: 50,
  resolverIntervalMs: 250,
  idempotencyAbandonMs: 8_000,
};

/** The agent child's journal, outbox and recovery pace (kiosk-agent DeliveryOptions). */
const AGENT_DELIVERY = {
  resolveRetryMs: 100,
  maxBackoffMs: 500,
  lookupTimeoutMs: 1_000,
  minBackoffMs: 100,
  recoveryPoll: { firstMs: 100, maxMs: 500, giveUpMs: 60_000 },
};

/** One child process: node with tsx running `script`, its output kept, killable and restartable. */
class Child {
  private proc: ChildProcess | undefined;
  private exited: Promise<unknown> = Promise.resolve();
  private out = '';
  /** The port of its first start: a restart listens there again, so its URL stays the same. */
  port = 0;

  constructor(
    private readonly name: string,
    private readonly script: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Everything it wrote to stdout and stderr, over all its lives. */
  output(): string {
    return this.out;
  }

  running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async start(env: Record<string, string>): Promise<void> {
    if (this.running()) throw new Error(`the ${this.name} is running already`);
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, this.script)], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.proc = proc;
    this.out += `\n--- ${this.name} started ---\n`;
    proc.stdout?.on('data', (c) => {
      this.out += c;
    });
    proc.stderr?.on('data', (c) => {
      this.out += c;
    });
    this.exited = new Promise((resolve) => proc.once('exit', resolve));
    const ready = await new Promise<{ port: number }>((resolve, reject) => {
      proc.once('message', (m: { port: number }) => resolve(m));
      proc.once('exit', (code, signal) =>
        reject(new Error(`the ${this.name} exited (${code ?? signal}) before it was ready:${this.out}`)),
      );
    });
    this.port = ready.port;
  }

  /** SIGKILL: no shutdown code runs, as in a crash or a power cut. */
  async kill(): Promise<void> {
    if (this.running()) this.proc?.kill('SIGKILL');
    await this.exited;
  }
}

export interface CrashKit {
  sandboxes: ServedSandboxes;
  rig: TestRig;
  /** The hub's sqlite file, opened by the test (reads, and minting an enrollment code). */
  hubDb: Database;
  hub: {
    url: string;
    /** Starts it again on the same file and port. */
    start(timings?: HubTimings): Promise<void>;
    kill(): Promise<void>;
    output(): string;
  };
  agent: {
    url: string;
    /** Starts it again on the same journal, config and port; `enrollmentCode` only the first time. */
    start(enrollmentCode?: string): Promise<void>;
    kill(): Promise<void>;
    output(): string;
    status(): Promise<AgentStatus>;
  };
  /** The agent's `agent.sqlite` (journal and outbox). */
  journalFile: string;
  browser: Browser;
  /** The kiosk page in Chromium (1920 × 1080, the kiosk's zone), opened on the agent's URL. */
  page: Page;
  /** What the rig's printer has printed so far, oldest first. */
  printed(): Promise<PrintedDocument[]>;
  close(): Promise<void>;
}

/** Builds the kiosk UI if needed, then starts sandboxes, rig, hub, agent (enrolled) and Chromium. */
export async function startCrashKit(first: HubTimings = HUB_TIMINGS): Promise<CrashKit> {
  await ensureUiBuilt();
  const data = tempDir('tingzi-bill-crash-');
  const cleanups: (() => unknown)[] = [data.remove];
  const close = async () => {
    for (const c of cleanups.splice(0).reverse())
      await Promise.resolve()
        .then(c)
        .catch(() => {});
  };
  try {
    const hubChild = new Child('hub', 'test/support/hub-child.ts');
    const agentChild = new Child('agent', 'test/support/agent-child.ts');
    const sandboxes = await serveSandboxes(() => hubChild.url);
    cleanups.push(() => sandboxes.close());
    const rig = await startTestRig(RIG_DEVICES);
    cleanups.push(() => rig.close());

    const hubDir = path.join(data.dir, 'hub');
    const startHub = (timings: HubTimings = HUB_TIMINGS) =>
      hubChild.start({
        DATA_DIR: hubDir,
        HUB_PORT: String(hubChild.port),
        HUB_TEST_SANDBOXES: sandboxes.url,
        HUB_TEST_GATEWAY_SECRET: sandboxes.secret,
        HUB_TEST_TIMINGS: JSON.stringify(timings),
      });
    await startHub(first);
    cleanups.push(() => hubChild.kill());
    const hubDb = await Database.open(path.join(hubDir, 'hub.sqlite'));
    cleanups.push(() => hubDb.close());

    const agentDir = path.join(data.dir, 'agent');
    mkdirSync(agentDir, { recursive: true });
    const configFile = path.join(agentDir, 'config.json');
    writeFileSync(configFile, JSON.stringify(rigAgentConfig(hubChild.url, rig.rig)));
    const startAgent = (code = '') =>
      agentChild.start({
        AGENT_CONFIG: configFile,
        AGENT_PORT: String(agentChild.port),
        AGENT_ENROLLMENT_CODE: code,
        AGENT_LOG_LEVEL: 'info',
        AGENT_TEST_DELIVERY: JSON.stringify(AGENT_DELIVERY),
      });
    const status = async () => (await (await fetch(`${agentChild.url}/agent/status`)).json()) as AgentStatus;
    const { code } = await mintEnrollmentCode(
      { db: hubDb, now: () => new Date() },
      DEMO_KIOSK.id,
      null,
      3_600_000,
    );
    await startAgent(code);
    cleanups.push(() => agentChild.kill());
    await until(
      async () => {
        const s = await status();
        return s.link.enrollment === 'enrolled' && s.devices.every((d) => d.state === 'online');
      },
      30_000,
      'the agent enrolled with every rig device online',
      100,
    );

    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    await page.emulateTimezone(DEMO_KIOSK.timeZone);
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await page.goto(agentChild.url, { waitUntil: 'load' });

    return {
      sandboxes,
      rig,
      hubDb,
      hub: {
        url: hubChild.url,
        start: startHub,
        kill: () => hubChild.kill(),
        output: () => hubChild.output(),
      },
      agent: {
        url: agentChild.url,
        start: startAgent,
        kill: () => agentChild.kill(),
        output: () => agentChild.output(),
        status,
      },
      journalFile: path.join(agentDir, 'agent.sqlite'),
      browser,
      page,
      printed: async () =>
        (await getJson<PrintedDocument[]>(rig.rig, 'printer/output')).json.slice().reverse(),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

export async function scanAtRig(rig: TestRig, text: string): Promise<void> {
  await until(
    async () => {
      const { json } = await getJson<{ devices: { device: string; sim: { trigger?: string } }[] }>(
        rig.rig,
        'devices',
      );
      return json.devices.find((d) => d.device === 'scanner')?.sim.trigger === 'on';
    },
    10_000,
    "the scanner's trigger on",
    50,
  );
  const { status } = await post(rig.rig, 'scanner/scan', { text });
  if (status !== 200) throw new Error(`the rig refused the scan: HTTP ${status}`);
}
