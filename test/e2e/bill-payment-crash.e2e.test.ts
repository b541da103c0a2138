/**
 * Bill payment through crashes (issue 7), in Chromium on the rig with a real hub: the hub process
 * killed with SIGKILL while the pay call is in flight, and the agent process killed after the
 * charge and before the receipt. The resident taps through the kiosk page; the payment code is
 * shown to the rig's scanner; the assertions read the gateway sandbox's ledger, the hub's sqlite
 * file, the agent's journal and the paper in the rig's printer.
 */
import type { HTTPRequest } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type PrintedDocument, printedText } from '../../hardware/printer/printed-document.ts';
import { CARD_PAY_PATH } from '../../kiosk-agent/api/card-payment.ts';
import { Journal } from '../../kiosk-agent/journal/journal.ts';
import { Outbox } from '../../kiosk-agent/outbox/outbox.ts';
import { RECOVERY_NOTE } from '../../kiosk-agent/receipts/receipt-recovery.ts';
import { AgentDb } from '../../kiosk-agent/store/agent-db.ts';
import { tap, typeOnKeypad, waitScreen } from '../kiosk-ui/shell/shell-page.ts';
import { type CrashKit, HUB_TIMINGS, scanAtRig, startCrashKit } from '../support/billing-crash-kit.ts';
import { until } from '../support/until.ts';

/** A wallet's payment code the sandbox approves (…0001). */
const PAYMENT_CODE = '134000000000000001';
const ACCOUNT = '3501234567';

let kit: CrashKit | undefined;
afterEach(async (ctx) => {
  // A failure says what the processes said: their logs are the only witness of a crash's aftermath.
  if (kit && ctx.task.result?.state === 'fail')
    console.error(`agent:${kit.agent.output().slice(-6000)}\nhub:${kit.hub.output().slice(-3000)}`);
  await kit?.close();
  kit = undefined;
});

const screenIs = (k: CrashKit, screen: string, timeout = 30_000) =>
  k.page.waitForSelector(`[data-bill-screen="${screen}"]`, { timeout });

/** The resident: water, 福州水务, types the account, takes the bills due, confirms, pays by payment code. */
async function payToCodePrompt(k: CrashKit): Promise<void> {
  const { page } = k;
  await waitScreen(page, 'attract', 20_000);
  await tap(page, '[data-action="start"]');
  await page.waitForSelector('[data-service="bill-payment"][data-available="yes"]', { timeout: 20_000 });
  await tap(page, '[data-service="bill-payment"]');
  await screenIs(k, 'kind');
  await tap(page, '[data-kind="water"]');
  await screenIs(k, 'biller');
  await tap(page, '[data-action="biller-fz-water"]');
  await screenIs(k, 'account');
  await typeOnKeypad(page, ACCOUNT);
  await tap(page, '[data-action="look-up"]');
  await screenIs(k, 'bills');
  await tap(page, '[data-action="next"]');
  await screenIs(k, 'quote');
  await tap(page, '[data-action="confirm-quote"]');
  await screenIs(k, 'method');
  await tap(page, '[data-method="payment-code"]');
  await screenIs(k, 'pay-code');
}

/** The one payment on the hub's file (each test pays once). */
const paymentOnHub = (k: CrashKit) =>
  k.hubDb.get<{ id: string; state: string }>('SELECT id, state FROM payments');

const statesOf = async (k: CrashKit, id: string) =>
  (
    await k.hubDb.all<{ to_state: string }>(
      'SELECT to_state FROM payment_events WHERE payment_id = ? ORDER BY id',
      [id],
    )
  ).map((e) => e.to_state);

/** The receipts on the rig's paper that name `paymentId` (its id is printed folded over lines). */
const receiptsFor = (printed: PrintedDocument[], paymentId: string) =>
  printed.filter((d) => printedText(d).join('').includes(paymentId));

/**
 * Whether the maintainers were told: the hub stored the agent's telemetry that it printed this
 * payment's receipt after a restart, and its console has an open alert for it.
 */
const recoveryReported = async (k: CrashKit, paymentId: string) =>
  (await k.hubDb.get(
    "SELECT 1 AS n FROM kiosk_outbox_items WHERE kind = 'telemetry' AND body LIKE '%payment.receipt-recovered%' AND body LIKE ?",
    [`%${paymentId}%`],
  )) &&
  k.hubDb.get(
    "SELECT 1 AS n FROM alerts WHERE kind = 'receipt-recovered' AND device = ? AND closed_at IS NULL",
    [paymentId],
  );

/** The agent's journal on its file, read beside the running agent. */
async function journal(k: CrashKit): Promise<Journal> {
  const db = await AgentDb.open(k.journalFile);
  const j = new Journal(db, new Outbox(db));
  const close = k.close;
  k.close = async () => {
    await db.close();
    await close();
  };
  return j;
}

describe('the hub killed mid-payment (issue 7)', () => {
  it('when the hub is killed with SIGKILL after the gateway took the money and before it answered, then after its restart the resident’s retry ends posted, charged once, with one receipt', async () => {
    // The first hub waits on the gateway for as long as it takes and leaves stale payments alone: only the kill ends the call.
    kit = await startCrashKit({ ...HUB_TIMINGS, timeoutMs: 120_000, staleMs: 600_000 });
    const k = kit;
    await payToCodePrompt(k);
    k.sandboxes.gateway.faults.next('charge', { kind: 'hang', applied: true });
    await scanAtRig(k.rig, PAYMENT_CODE);
    await until(() => k.sandboxes.gateway.charges.length === 1, 30_000, 'the gateway to take the money');
    const before = (await paymentOnHub(k))!;
    expect(before.state).toBe('authorizing');

    await k.hub.kill();
    // The page's pay call got no answer: it may have charged, so only a retry (same key) is offered.
    await screenIs(k, 'pay-error');
    expect(await k.page.$('[data-action="cancel"]')).toBeNull();

    await k.hub.start();
    const posted = await until(
      async () => ((await paymentOnHub(k))?.state === 'posted' ? true : undefined),
      60_000,
      'the restarted hub to resolve the payment to posted',
      100,
    );
    expect(posted).toBe(true);
    // The agent asks the hub about its open step until the dead hub's claim on it is released.
    await until(
      async () => {
        const j = (await k.agent.status()).journal;
        return j?.unresolved === 0 && j.blocked === false;
      },
      60_000,
      "the agent's journal to resolve the step",
      100,
    );
    await tap(k.page, '[data-action="retry"]');
    await screenIs(k, 'done', 60_000);

    const payment = (await paymentOnHub(k))!;
    expect(payment).toEqual({ id: before.id, state: 'posted' });
    expect(await statesOf(k, payment.id)).toEqual(
      expect.arrayContaining(['authorizing', 'unknown', 'paid', 'posting', 'posted']),
    );
    expect(k.sandboxes.gateway.chargesFor(payment.id)).toBe(1);
    expect(k.sandboxes.gateway.charges).toHaveLength(1);
    expect(k.sandboxes.biller.postedSerials()).toEqual([payment.id]);
    const printed = await k.printed();
    expect(printed).toHaveLength(1);
    expect(receiptsFor(printed, payment.id)).toHaveLength(1);
    const text = printedText(printed[0]!);
    expect(text).toContain('状态 State         已入账 POSTED');
    // The resident was at the screen: the receipt is the ordinary one, not a restart's.
    expect(text).not.toContain(RECOVERY_NOTE);
    const j = await journal(k);
    expect(await j.answeredUnprinted(CARD_PAY_PATH, new Date(0).toISOString())).toEqual([]);
  }, 240_000);
});

describe('the agent killed after the charge and before the receipt (issue 7)', () => {
  it('when the agent is killed with SIGKILL while its pay call waits on a gateway that took the money, then after its restart the payment is posted and one receipt prints, marked after restart, and the hub hears of it', async () => {
    kit = await startCrashKit();
    const k = kit;
    await payToCodePrompt(k);
    // The gateway takes the money and goes quiet; the hub gives up on it after its timeout (3 s).
    k.sandboxes.gateway.faults.next('charge', { kind: 'hang', applied: true });
    await scanAtRig(k.rig, PAYMENT_CODE);
    await until(() => k.sandboxes.gateway.charges.length === 1, 30_000, 'the gateway to take the money');
    const j = await journal(k);
    await k.agent.kill();
    const { id } = (await paymentOnHub(k))!;
    // The journal holds the pay step's intent and nothing after it: the agent died with it open.
    const key = (await j.unresolved())[0]!;
    expect((await j.state(key))?.request).toMatchObject({ path: CARD_PAY_PATH });
    expect(await k.printed()).toHaveLength(0);

    await k.agent.start();
    const printed = await until(
      async () => {
        const p = await k.printed();
        return p.length > 0 ? p : undefined;
      },
      60_000,
      'the receipt printed after the restart',
      100,
    );
    expect((await paymentOnHub(k))?.state).toBe('posted');
    expect(k.sandboxes.gateway.chargesFor(id)).toBe(1);
    expect(printed).toHaveLength(1);
    expect(receiptsFor(printed, id)).toHaveLength(1);
    const text = printedText(printed[0]!);
    expect(text).toContain(RECOVERY_NOTE);
    expect(text).toContain('状态 State         已入账 POSTED');
    // The paper comes out before the print's result is journaled.
    const print = await until(async () => (await j.state(key))?.print, 10_000, 'the print journaled');
    expect(print).toMatchObject({ ok: true });
    await until(
      () => recoveryReported(k, id),
      30_000,
      'the recovery reported to the hub and alerted in its console',
      100,
    );
    expect(k.agent.output()).toContain('printed the receipt of a payment interrupted by a restart');

    // The resident, still at the screen that says the payment may have gone through, retries: the
    // hub answers the same key again, the screen follows the payment to its end, and no second
    // receipt comes out: the agent tells the screen (whose session it lost) that the receipt the
    // recovery printed is in the tray.
    await screenIs(k, 'pay-error');
    await tap(k.page, '[data-action="retry"]');
    await k.page.waitForSelector('[data-bill-screen="done"] [data-receipt="paper"]', { timeout: 60_000 });
    expect(await k.printed()).toHaveLength(1);
  }, 240_000);

  it('when the agent is killed after journaling the hub’s answer and before the screen asked for the receipt, then after its restart the one receipt prints, marked after restart, and the hub hears of it', async () => {
    kit = await startCrashKit();
    const k = kit;
    // The screen's print request is held in the browser: the agent dies before it ever sees it.
    const held: HTTPRequest[] = [];
    await k.page.setRequestInterception(true);
    k.page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/agent/receipts/payment')
        held.push(request);
      else void request.continue();
    });
    await payToCodePrompt(k);
    await scanAtRig(k.rig, PAYMENT_CODE);
    await until(() => held.length > 0, 30_000, "the screen's print request");
    const j = await journal(k);
    const [step] = await j.answeredUnprinted(CARD_PAY_PATH, new Date(0).toISOString());
    expect(step).toBeDefined();
    const { id } = (await paymentOnHub(k))!;
    expect(step?.id).toBe(id);
    await k.agent.kill();
    for (const request of held) await request.abort().catch(() => {});
    expect(await k.printed()).toHaveLength(0);

    await k.agent.start();
    const printed = await until(
      async () => {
        const p = await k.printed();
        return p.length > 0 ? p : undefined;
      },
      60_000,
      'the receipt printed after the restart',
      100,
    );
    expect((await paymentOnHub(k))?.state).toBe('posted');
    expect(k.sandboxes.gateway.chargesFor(id)).toBe(1);
    expect(printed).toHaveLength(1);
    expect(receiptsFor(printed, id)).toHaveLength(1);
    expect(printedText(printed[0]!)).toContain(RECOVERY_NOTE);
    // Printed once and journaled: no later restart prints it again.
    expect(
      await until(async () => (await j.state(step!.key))?.print, 10_000, 'the print journaled'),
    ).toMatchObject({ ok: true });
    expect(await j.answeredUnprinted(CARD_PAY_PATH, new Date(0).toISOString())).toEqual([]);
    await until(
      () => recoveryReported(k, id),
      30_000,
      'the recovery reported to the hub and alerted in its console',
      100,
    );
  }, 240_000);
});
