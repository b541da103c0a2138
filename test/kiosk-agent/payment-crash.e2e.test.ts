import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { printedText } from '../../hardware/printer/printed-document.ts';
import { PrinterSimulator } from '../../hardware/printer/printer.simulator.ts';
import type { RunningHub } from '../../hub-server/main.ts';
import type { Payment } from '../../hub-server/modules/billing/billing.contract.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import type { AgentStatus } from '../../kiosk-agent/api/contract.ts';
import { RECOVERY_NOTE } from '../../kiosk-agent/receipts/receipt-recovery.ts';
import { enrolledKiosk, enrollmentCode, hubAt } from '../support/enrolled-hub.ts';
import { type PausableProxy, pausableProxy } from '../support/pausable-proxy.ts';
import { createPtyPair } from '../support/pty-pair.ts';
import { tempDir } from '../support/temp-dir.ts';
import { until } from '../support/until.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEY = 'pay-crash-0001';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Child {
  proc: ChildProcess;
  url: string;
  stdout: () => string;
  exited: Promise<unknown>;
}

/** The agent as its own process (test/support/agent-child.ts), logging at info to a pipe the test reads. */
async function spawnAgent(configFile: string, code = ''): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/agent-child.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      AGENT_CONFIG: configFile,
      AGENT_PORT: '0',
      AGENT_ENROLLMENT_CODE: code,
      AGENT_LOG_LEVEL: 'info',
      AGENT_TEST_DELIVERY: JSON.stringify({
        resolveRetryMs: 100,
        maxBackoffMs: 500,
        lookupTimeoutMs: 1000,
        minBackoffMs: 100,
        recoveryPoll: { firstMs: 100, maxMs: 500, giveUpMs: 20_000 },
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  proc.stdout?.on('data', (c) => {
    out += c;
  });
  proc.stderr?.on('data', (c) => {
    out += c;
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  cleanups.push(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    return exited;
  });
  const url = await new Promise<string>((resolve, reject) => {
    proc.once('message', (m: { url: string }) => resolve(m.url));
    proc.once('exit', (c) => reject(new Error(`agent exited ${c}: ${out}`)));
  });
  return { proc, url, stdout: () => out, exited };
}

const status = async (c: Child) => (await (await fetch(`${c.url}/agent/status`)).json()) as AgentStatus;

async function kill(c: Child) {
  c.proc.kill('SIGKILL');
  await c.exited;
}

/** A hub behind a proxy that can lose answers, a printer simulator on a real pty, the agent's config. */
async function setUp() {
  const data = tempDir();
  const hub: RunningHub = await hubAt(data.dir);
  const proxy: PausableProxy = await pausableProxy(hub.port);
  const state = tempDir();
  const pair = await createPtyPair(state.dir, 'printer');
  const printer = new PrinterSimulator({ path: pair.a, baudRate: 115200, logger: pino({ level: 'silent' }) });
  await printer.open();
  cleanups.push(
    data.remove,
    () => hub.close(),
    () => proxy.close(),
    state.remove,
    () => pair.close(),
  );
  cleanups.push(() => printer.close());
  const configFile = path.join(state.dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      kiosk: {
        id: DEMO_KIOSK.id,
        name: '测试亭',
        address: '测试路 1 号',
        district: '鼓楼区',
        coordinates: { latitude: 26.08, longitude: 119.3 },
      },
      hub: { url: proxy.url, heartbeatSeconds: 30 },
      devices: { printer: { transport: 'serial', path: pair.b, baudRate: 115200 } },
    }),
  );
  return { hub, proxy, printer, configFile };
}

/** A quote for the seeded water account, made as the kiosk (the quote is not what this test is about). */
async function quoteId(hub: RunningHub): Promise<string> {
  const k = await enrolledKiosk(hub);
  const post = (p: string, body: unknown) =>
    k.call(p, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const found = await (await post('/billing/lookup', { billerId: 'fz-water', account: '3501234567' })).json();
  const quote = await (
    await post('/billing/quotes', { accountToken: found.accountToken, billIds: [found.bills[0].id] })
  ).json();
  return quote.id;
}

const paymentOnHub = (hub: RunningHub) =>
  hub.db.get<{ id: string; state: string }>("SELECT id, state FROM payments WHERE method = 'payment-code'");

describe('kill -9 after the hub charged, before the receipt printed (issue 7)', () => {
  it('when the agent restarts, then the resolver learns the payment was charged and exactly one receipt prints, never again', async () => {
    const { hub, proxy, printer, configFile } = await setUp();
    const first = await spawnAgent(configFile, await enrollmentCode(hub));
    await until(async () => (await status(first)).link.enrollment === 'enrolled', 20_000, 'enrolled');
    const qid = await quoteId(hub);

    proxy.setMode('drop-responses');
    const pending = fetch(`${first.url}/hub/billing/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': KEY },
      body: JSON.stringify({ quoteId: qid, method: 'payment-code', paymentCode: '2888888888880001' }),
    }).catch((err: Error) => err);
    await until(
      () => hub.db.get("SELECT 1 AS done FROM kiosk_idempotency WHERE key = ? AND state = 'done'", [KEY]),
      20_000,
      'the hub to have answered the payment',
    );
    await kill(first);
    expect(await pending).toBeInstanceOf(Error);
    expect(['paid', 'posting', 'posted']).toContain((await paymentOnHub(hub))?.state);
    expect(printer.printed()).toHaveLength(0);

    proxy.setMode('pass');
    const second = await spawnAgent(configFile);
    await until(() => printer.printed().length > 0 || undefined, 20_000, 'the recovered receipt');
    const payment = (await paymentOnHub(hub))!;
    expect(payment.state).toBe('posted');
    const text = printedText(printer.printed()[0]!);
    expect(text[0]).toBe('测试亭');
    expect(text).toContain(RECOVERY_NOTE);
    expect(text).toContain('状态 State         已入账 POSTED');
    expect(text.join('')).toContain(payment.id);
    await until(
      () =>
        second.stdout().includes('printed the receipt of a payment interrupted by a restart') || undefined,
      5000,
      'the maintainer log line',
    );
    await until(
      () =>
        hub.db.get(
          "SELECT 1 AS n FROM kiosk_outbox_items WHERE body LIKE '%payment.receipt-recovered%' AND body LIKE ?",
          [`%${payment.id}%`],
        ),
      10_000,
      'the recovery reported to the hub',
    );

    await kill(second);
    const third = await spawnAgent(configFile);
    await until(async () => (await status(third)).journal?.blocked === false, 20_000, 'the journal resolved');
    await new Promise((r) => setTimeout(r, 1500));
    expect(printer.printed()).toHaveLength(1);
    const answered = (await (
      await fetch(`${third.url}/hub/billing/payments/${payment.id}`)
    ).json()) as Payment;
    expect(answered.state).toBe('posted');
  }, 90_000);
});
