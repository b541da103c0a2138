/**
 * A whole kiosk for bill payment, as a resident meets it: a real hub on a sqlite file (its
 * billing sandboxes in reach for fault injection), the simulated hardware rig on socat
 * pseudo-terminals, the real agent with its serial drivers on the rig's ttys, enrolled with the
 * hub as the demo kiosk, and the kiosk UI built fresh from today's code for Chromium. Tests tap
 * the page; the rig's HTTP API plays the resident's hands (bill to the scanner, card in the
 * slot, paper taken away); the hub's database says what really happened to the money.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import type { Browser, Page } from 'puppeteer-core';
import { build } from 'vite';
import type { PrintedDocument } from '../../hardware/printer/printed-document.ts';
import { printedText } from '../../hardware/printer/printed-document.ts';
import { type Rig, startRig } from '../../hardware/rig/rig.ts';
import { createLogger } from '../../hub-server/http/logger.ts';
import type { RunningHub } from '../../hub-server/main.ts';
import { startHub } from '../../hub-server/main.ts';
import type { SandboxGateway } from '../../hub-server/modules/billing/gateway/sandbox-gateway.ts';
import type { SandboxBiller } from '../../hub-server/modules/billing/sandbox/sandbox-biller.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import { parseAgentConfig } from '../../kiosk-agent/config/agent-config.ts';
import { createAgentLogger } from '../../kiosk-agent/logging/agent-logger.ts';
import { type RunningAgent, startAgent } from '../../kiosk-agent/main.ts';
import { launchChromium } from './browser.ts';
import { enrollmentCode } from './enrolled-hub.ts';
import { rigAgentConfig } from './rig-agent-config.ts';
import { getJson, post } from './rig-client.ts';
import { tempDir } from './temp-dir.ts';
import { until } from './until.ts';

const VITE_CONFIG = fileURLToPath(new URL('../../kiosk-ui/vite.config.ts', import.meta.url));

/** A payment as the hub's `payments` table holds it (the columns the tests read). */
export interface PaymentRow {
  id: string;
  state: string;
  reason: string | null;
  method: string;
  total_fen: number;
  gateway_ref: string | null;
  posting_ref: string | null;
  refund_ref: string | null;
  receipt_token: string;
  created_at: string;
}

export interface PaymentEventRow {
  from_state: string | null;
  to_state: string;
  reason: string | null;
}

export interface BillPaymentKiosk {
  hub: RunningHub;
  rig: Rig;
  agent: RunningAgent;
  browser: Browser;
  gateway: SandboxGateway;
  biller: SandboxBiller;
  /** Every line the hub and the agent logged, as written (JSON). */
  logLines: string[];
  /** A resident's hand on a device: `POST /rig/api/<device>/<action>`, failing the test on an error. */
  rigAction(device: string, action: string, body?: unknown): Promise<Record<string, unknown>>;
  /** The simulator's state as the rig page shows it. */
  rigState(device: string): Promise<Record<string, unknown>>;
  /** What came out of the printer so far, oldest first. */
  printed(): Promise<PrintedDocument[]>;
  /** The kiosk's payments, newest first. */
  payments(): Promise<PaymentRow[]>;
  payment(id: string): Promise<PaymentRow>;
  events(id: string): Promise<PaymentEventRow[]>;
  /** Waits until the agent reports the printer's paper at `level` (it reads the printer's status, not the rig). */
  paperIs(level: 'ok' | 'low' | 'out'): Promise<void>;
  close(): Promise<void>;
}

/** A logger writing JSON lines into `lines`. */
function memoryStream(lines: string[]) {
  return { write: (line: string) => void lines.push(line) };
}

/** The agent's config for the rig's devices, validated like the demo's (scripts/stack.ts). */
function agentConfig(hubUrl: string, rig: Rig) {
  return parseAgentConfig(rigAgentConfig(hubUrl, rig), 'for the bill-payment kiosk');
}

export async function startBillPaymentKiosk(): Promise<BillPaymentKiosk> {
  const data = tempDir('tingzi-bill-kiosk-');
  const logLines: string[] = [];
  const uiDir = path.join(data.dir, 'ui');
  await build({ configFile: VITE_CONFIG, build: { outDir: uiDir, emptyOutDir: true }, logLevel: 'warn' });
  const silent: Logger = pino({ level: 'silent' });
  const hub = await startHub({
    port: 0,
    dataDir: path.join(data.dir, 'hub'),
    logger: createLogger({ level: 'info', destination: memoryStream(logLines) }),
  });
  const rig = await startRig({ port: 0, runDir: path.join(data.dir, 'rig'), logger: silent });
  const agent = await startAgent({
    config: agentConfig(hub.url, rig),
    logger: createAgentLogger({ level: 'info', destination: memoryStream(logLines) }),
    port: 0,
    uiDir,
    stateDir: path.join(data.dir, 'agent'),
    enrollmentCode: await enrollmentCode(hub),
  });
  const browser = await launchChromium();
  const gateway = hub.billing.sandbox.gateway;
  const biller = hub.billing.sandbox.biller;
  if (!gateway || !biller) throw new Error('the hub is not on its billing sandboxes');

  const kiosk: BillPaymentKiosk = {
    hub,
    rig,
    agent,
    browser,
    gateway,
    biller,
    logLines,
    async rigAction(device, action, body = {}) {
      const { status, json } = await post(rig, `${device}/${action}`, body);
      if (status >= 300) throw new Error(`rig ${device}/${action}: ${status} ${JSON.stringify(json)}`);
      return json.device.sim;
    },
    async rigState(device) {
      const { json } = await getJson<{ devices: { device: string; sim: Record<string, unknown> }[] }>(
        rig,
        'devices',
      );
      const found = json.devices.find((d) => d.device === device);
      if (!found) throw new Error(`the rig has no ${device}`);
      return found.sim;
    },
    async printed() {
      const { json } = await getJson<PrintedDocument[]>(rig, 'printer/output');
      return [...json].reverse();
    },
    payments: () =>
      hub.db.all<PaymentRow>(
        'SELECT * FROM payments WHERE kiosk_id = ? ORDER BY created_at DESC, rowid DESC',
        [DEMO_KIOSK.id],
      ),
    async payment(id) {
      const row = await hub.db.get<PaymentRow>('SELECT * FROM payments WHERE id = ?', [id]);
      if (!row) throw new Error(`no payment ${id} on the hub`);
      return row;
    },
    events: (id) =>
      hub.db.all<PaymentEventRow>(
        'SELECT from_state, to_state, reason FROM payment_events WHERE payment_id = ? ORDER BY id',
        [id],
      ),
    async paperIs(level) {
      await until(
        () => agent.status().devices.find((d) => d.device === 'printer')?.detail.paper === level || undefined,
        10_000,
        `the agent to see the printer's paper ${level}`,
      );
    },
    async close() {
      await browser.close();
      await agent.close();
      await rig.close();
      await hub.close();
      data.remove();
    },
  };
  try {
    await until(() => agent.status().link.enrollment === 'enrolled' || undefined, 10_000, 'enrollment');
    await until(() => agent.status().journal?.blocked === false || undefined, 10_000, 'the journal');
    await until(() => agent.status().hub.connected || undefined, 10_000, 'the hub link');
    await until(
      () => agent.status().devices.every((d) => d.state === 'online') || undefined,
      15_000,
      'every rig device online',
    );
  } catch (err) {
    await kiosk.close();
    throw err;
  }
  return kiosk;
}

/** The plain text of a printed receipt, one line per printed line (QR codes as `[QR …]`). */
export const receiptText = (doc: PrintedDocument) => printedText(doc).join('\n');

/** Waits for the bill-payment screen `screen` (`data-bill-screen`). */
export async function billScreen(page: Page, screen: string, timeout = 20_000): Promise<void> {
  await page.waitForSelector(`[data-bill-screen="${screen}"]`, { timeout });
}

/** A resident's tap on what `selector` finds, once it is visible. */
export async function tap(page: Page, selector: string): Promise<void> {
  const element = await page.waitForSelector(selector, { visible: true, timeout: 20_000 });
  if (!element) throw new Error(`nothing to tap at ${selector}`);
  await element.click();
  await element.dispose();
}

/** Types digits on the on-screen keypad, one tap per key. */
export async function typeOnKeypad(page: Page, digits: string): Promise<void> {
  for (const d of digits) await tap(page, `[data-action="digit-${d}"], [data-action="char-${d}"]`);
}
