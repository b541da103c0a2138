/*
 * Issue 7, reconciliation: each kind of mismatch, made by driving the sandbox gateway and biller
 * (faults, or calls a confused far end would make) or by editing their ledgers, is found on a real
 * sqlite file with its action, amounts and whether a person is needed; a clean day finds nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Payment } from '../../../hub-server/modules/billing/billing.contract.ts';
import { businessDayOf } from '../../../hub-server/modules/billing/reconciliation/business-day.ts';
import type { Finding } from '../../../hub-server/modules/billing/reconciliation/findings.types.ts';
import { until } from '../../support/until.ts';
import { CODE, reconciliationWorld, type World } from './reconciliation.world.ts';

let w: World;
afterEach(async () => {
  await w?.close();
});

const ACCOUNT: Record<string, string> = {
  'sgcc-fz': '0512345678',
  'fz-water': '3501234567',
  'fz-water-closed': '3509999999',
  'cl-water': '350182001',
  'kunlun-fz': '591000123',
  'fz-parking': 'P12345678',
  'ct-fz-fixed': '059187654321',
  'cmcc-fj': '13812345678',
};

/** The findings of a run about one payment. */
const about = (findings: Finding[], id: string) => findings.filter((f) => f.paymentId === id);

/** The posting request the hub would send for `p` (for a far end that posts on its own). */
const postingOf = (p: Payment, account: string) => ({
  serial: p.id,
  billerId: p.quote.biller.id,
  account,
  billIds: p.quote.items.map((i) => i.billId),
  amountFen: p.quote.amountFen,
});

describe('reconciliation: a clean day (issue 7)', () => {
  it('when every payment of the day is posted, refunded or failed as the far ends say, then the run finds nothing and totals the day', async () => {
    w = await reconciliationWorld();
    const posted = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    const withFee = await w.pay('fz-parking', ACCOUNT['fz-parking']!);
    const refunded = await w.pay('fz-water', ACCOUNT['fz-water-closed']!, {
      method: 'card',
      track2: ';6222020000000001=30121010000000000?',
    });
    const declined = await w.pay('cl-water', ACCOUNT['cl-water']!, {
      method: 'payment-code',
      code: CODE.declined,
    });
    const cancelled = await w.pay('kunlun-fz', ACCOUNT['kunlun-fz']!, { method: 'qr' });
    await w.live.payments.cancel('recon-kiosk', cancelled.id);
    expect([
      posted.state,
      withFee.state,
      refunded.state,
      declined.state,
      await w.state(cancelled.id),
    ]).toEqual(['posted', 'posted', 'refunded', 'failed', 'failed']);
    expect(withFee.quote.feeFen).toBeGreaterThan(0);

    const { run, findings } = await w.reconcile();
    expect(findings).toEqual([]);
    expect(run).toMatchObject({
      state: 'done',
      trigger: 'manual',
      paymentsChecked: 5,
      gatewayLines: 4,
      billerLines: 2,
      gatewayChargedFen: posted.quote.totalFen + withFee.quote.totalFen + refunded.quote.totalFen,
      gatewayRefundedFen: refunded.quote.totalFen,
      // The biller gets the bills; the parking fee stays with the channel.
      billerPostedFen: posted.quote.amountFen + withFee.quote.amountFen,
      findings: 0,
      unexplained: 0,
    });
  });

  it('when another day is reconciled, then this day’s payments are not in it', async () => {
    w = await reconciliationWorld();
    await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    const dayBefore = businessDayOf(new Date(w.now().getTime() - 86_400_000));
    const { run, findings } = await w.reconcile(dayBefore);
    expect(run).toMatchObject({ businessDay: dayBefore, paymentsChecked: 0, gatewayLines: 0, findings: 0 });
    expect(findings).toEqual([]);
  });

  it('when a QR code made before midnight is paid after it, then both days reconcile clean', async () => {
    // 23:58 in Shanghai.
    w = await reconciliationWorld({ start: '2026-11-25T15:58:00.000Z' });
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!, { method: 'qr' });
    w.advance(3 * 60_000);
    await w.gateway.payQr(p.id);
    await w.live.settlement.idle();
    expect(await w.state(p.id)).toBe('posted');
    const before = await w.reconcile('2026-11-25');
    const after = await w.reconcile('2026-11-26');
    expect(before.findings).toEqual([]);
    expect(after.findings).toEqual([]);
    expect(before.run).toMatchObject({ paymentsChecked: 1, gatewayLines: 0 });
    expect(after.run).toMatchObject({ paymentsChecked: 1, gatewayLines: 1, billerLines: 1 });
  });
});

describe('reconciliation: each kind of mismatch (issue 7)', () => {
  it('when the gateway charges a payment twice, then duplicate-charge: refund the extra, a person needed', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    await w.gateway.chargeCode({ orderNo: p.id, amountFen: p.quote.totalFen, code: CODE.ok });
    const { run, findings } = await w.reconcile();
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'duplicate-charge',
        paymentId: p.id,
        hubState: 'posted',
        gatewayState: 'charged×2',
        billerState: 'posted',
        hubFen: p.quote.totalFen,
        gatewayFen: 2 * p.quote.totalFen,
        billerFen: p.quote.amountFen,
        action: 'refund-extra',
        status: 'needs-person',
      }),
    ]);
    expect(run).toMatchObject({ findings: 1, unexplained: 1 });
  });

  it('when the gateway takes money for a payment the hub failed, then charged-not-paid: refund, a person needed', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('cl-water', ACCOUNT['cl-water']!, { method: 'payment-code', code: CODE.declined });
    expect(p.state).toBe('failed');
    await w.gateway.chargeCode({ orderNo: p.id, amountFen: p.quote.totalFen, code: CODE.ok });
    const { findings } = await w.reconcile();
    expect(about(findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'charged-not-paid',
        hubState: 'failed',
        gatewayState: 'charged',
        gatewayFen: p.quote.totalFen,
        action: 'refund',
        status: 'needs-person',
      }),
    ]);
  });

  it('when the payer paid a QR code and the notification was lost, then charged-not-paid in flight, then the resolver’s, then clean once resolved', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!, { method: 'qr' });
    w.gateway.notifier.next('drop');
    await w.gateway.payQr(p.id);
    const fresh = await w.reconcile();
    expect(about(fresh.findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'charged-not-paid',
        hubState: 'awaiting_payer',
        action: 'resolve',
        status: 'in-flight',
      }),
    ]);
    w.advance(61_000);
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({ kind: 'charged-not-paid', status: 'resolvable' }),
    ]);
    await w.live.resolver.runOnce();
    expect(await w.state(p.id)).toBe('posted');
    expect((await w.reconcile()).findings).toEqual([]);
  });

  it('when a charge answer is lost and nobody resolves it for over an hour, then stuck-unknown turns from the resolver’s to a person’s', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!, { method: 'payment-code', code: CODE.lostBefore });
    expect(p.state).toBe('unknown');
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'stuck-unknown',
        hubState: 'unknown:charge',
        gatewayState: 'none',
        action: 'resolve',
        status: 'resolvable',
      }),
    ]);
    w.advance(2 * 3_600_000);
    const later = await w.reconcile(businessDayOf(new Date(Date.parse(p.createdAt))));
    expect(about(later.findings, p.id)).toEqual([
      expect.objectContaining({ kind: 'stuck-unknown', status: 'needs-person' }),
    ]);
    await w.live.resolver.runOnce();
    expect(await w.state(p.id)).toBe('failed');
    expect((await w.reconcile(later.run.businessDay)).findings).toEqual([]);
  });

  it('when a lost answer left money at a far end, then the stuck-unknown finding says what the resolver will find', async () => {
    w = await reconciliationWorld();
    const charged = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!, {
      method: 'payment-code',
      code: CODE.lostAfter,
    });
    w.biller.faults.next('post', { kind: 'timeout', applied: true });
    const posted = await w.pay('cmcc-fj', ACCOUNT['cmcc-fj']!);
    const { findings } = await w.reconcile();
    expect(about(findings, charged.id)).toEqual([
      expect.objectContaining({
        kind: 'stuck-unknown',
        hubState: 'unknown:charge',
        gatewayState: 'charged',
        status: 'resolvable',
        note: expect.stringContaining('charged-not-paid'),
      }),
    ]);
    expect(about(findings, posted.id)).toEqual([
      expect.objectContaining({
        kind: 'stuck-unknown',
        hubState: 'unknown:post',
        billerState: 'posted',
        note: expect.stringContaining('posted-not-at-hub'),
      }),
    ]);
  });

  it('when the hub says posted and the biller undid the posting, then paid-not-posted: post, a person needed', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    await w.biller.reverse(p.id);
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'paid-not-posted',
        hubState: 'posted',
        billerState: 'posted+reversed',
        billerFen: 0,
        action: 'post',
        status: 'needs-person',
      }),
    ]);
  });

  it('when a hub process hangs after the biller applied the posting, then posted-not-at-hub in flight, then the resolver’s; a new process finishes it', async () => {
    w = await reconciliationWorld({ timeoutMs: 3_600_000 });
    w.biller.faults.next('post', { kind: 'hang', applied: true });
    const quote = await w.quote('sgcc-fz', ACCOUNT['sgcc-fz']!);
    const p = await w.live.payments.pay('recon-kiosk', {
      quoteId: quote.id,
      method: 'payment-code',
      paymentCode: CODE.ok,
    });
    await until(() => w.biller.postedSerials().includes(p.id), 5_000, 'the biller to apply the posting');
    expect(await w.state(p.id)).toBe('posting');
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'posted-not-at-hub',
        hubState: 'posting',
        billerState: 'posted',
        action: 'resolve',
        status: 'in-flight',
      }),
    ]);
    w.advance(61_000);
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({ kind: 'posted-not-at-hub', status: 'resolvable' }),
    ]);
    const next = await w.restart(2_000);
    await next.resolver.runOnce();
    expect(await w.state(p.id)).toBe('posted');
    expect((await w.reconcile()).findings).toEqual([]);
  });

  it('when the biller applies a posting it had failed after the hub refunded, then posted-but-refunded: reverse, a person needed', async () => {
    w = await reconciliationWorld();
    w.biller.faults.next('post', { kind: 'fail' }, 3);
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    expect(p.state).toBe('refunded');
    await w.biller.post(postingOf(p, ACCOUNT['sgcc-fz']!));
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'posted-but-refunded',
        hubState: 'refunded',
        gatewayState: 'charged+refunded',
        billerState: 'posted',
        gatewayFen: 0,
        billerFen: p.quote.amountFen,
        action: 'reverse',
        status: 'needs-person',
      }),
    ]);
  });

  it('when the biller credits a payment that failed, then posted-not-paid: reverse, a person needed', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('cl-water', ACCOUNT['cl-water']!, { method: 'payment-code', code: CODE.declined });
    await w.biller.post(postingOf(p, ACCOUNT['cl-water']!));
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'posted-not-paid',
        hubState: 'failed',
        action: 'reverse',
        status: 'needs-person',
      }),
    ]);
  });

  it('when a statement line carries another amount, then amount-mismatch for the gateway and for the biller', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    w.gateway.charges.find((c) => c.orderNo === p.id)!.amountFen = p.quote.totalFen - 100;
    w.biller.journal.find((l) => l.serial === p.id)!.amountFen = p.quote.amountFen + 1;
    const found = about((await w.reconcile()).findings, p.id);
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'amount-mismatch',
        gatewayFen: p.quote.totalFen - 100,
        action: 'investigate',
      }),
      expect.objectContaining({
        kind: 'amount-mismatch',
        billerFen: p.quote.amountFen + 1,
        action: 'investigate',
      }),
    ]);
    expect(found.every((f) => f.status === 'needs-person')).toBe(true);
  });

  it('when the gateway’s reference is not the one the hub holds, then reference-mismatch', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    w.gateway.charges.find((c) => c.orderNo === p.id)!.gatewayRef = 'SBX-G-other';
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'reference-mismatch',
        reference: 'SBX-G-other',
        status: 'needs-person',
      }),
    ]);
  });

  it('when the hub refunded and the gateway has no refund, then refund-missing-at-gateway: refund, a person needed', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('fz-water', ACCOUNT['fz-water-closed']!);
    expect(p.state).toBe('refunded');
    w.gateway.refunds.splice(
      w.gateway.refunds.findIndex((r) => r.orderNo === p.id),
      1,
    );
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'refund-missing-at-gateway',
        hubState: 'refunded',
        gatewayState: 'charged',
        gatewayFen: p.quote.totalFen,
        action: 'refund',
        status: 'needs-person',
      }),
    ]);
  });

  it('when the gateway refunds a posted payment, then refund-not-at-hub: a person needed', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    await w.gateway.refund({ orderNo: p.id, amountFen: p.quote.totalFen });
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'refund-not-at-hub',
        hubState: 'posted',
        gatewayState: 'charged+refunded',
        action: 'investigate',
        status: 'needs-person',
      }),
    ]);
  });

  it('when the gateway refunded but the answer was lost, then stuck-unknown at the refund stage, the resolver’s', async () => {
    w = await reconciliationWorld();
    w.biller.faults.next('post', { kind: 'fail' }, 3);
    w.gateway.faults.next('refund', { kind: 'timeout', applied: true });
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'stuck-unknown',
        hubState: 'unknown:refund',
        gatewayState: 'charged+refunded',
        status: 'resolvable',
        note: expect.stringContaining('refund-not-at-hub'),
      }),
    ]);
    await w.live.resolver.runOnce();
    expect(await w.state(p.id)).toBe('refunded');
    expect((await w.reconcile()).findings).toEqual([]);
  });

  it('when the gateway statement lost a charge the hub holds, then paid-not-charged', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    w.gateway.charges.splice(
      w.gateway.charges.findIndex((c) => c.orderNo === p.id),
      1,
    );
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'paid-not-charged',
        gatewayState: 'none',
        action: 'investigate',
        status: 'needs-person',
      }),
    ]);
  });

  it('when the far ends hold money for ids the hub never made, then unknown-order and unknown-serial', async () => {
    w = await reconciliationWorld();
    await w.gateway.chargeCode({ orderNo: 'stranger-order', amountFen: 1234, code: CODE.ok });
    const account = await w.biller.findBills('ct-fz-fixed', ACCOUNT['ct-fz-fixed']!);
    const bill = account!.bills[0]!;
    await w.biller.post({
      serial: 'stranger-serial',
      billerId: 'ct-fz-fixed',
      account: ACCOUNT['ct-fz-fixed']!,
      billIds: [bill.id],
      amountFen: bill.amountFen,
    });
    const { findings } = await w.reconcile();
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'unknown-order',
        paymentId: 'stranger-order',
        hubState: 'absent',
        hubFen: null,
        gatewayFen: 1234,
        action: 'refund',
        status: 'needs-person',
      }),
      expect.objectContaining({
        kind: 'unknown-serial',
        paymentId: 'stranger-serial',
        billerFen: bill.amountFen,
        action: 'reverse',
        status: 'needs-person',
      }),
    ]);
  });

  it('when a statement repeats a posting or a refund, then duplicate-posting and duplicate-refund', async () => {
    w = await reconciliationWorld();
    const posted = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!);
    const line = w.biller.journal.find((l) => l.serial === posted.id)!;
    w.biller.journal.push({ ...line, postingRef: 'SBX-P-again' });
    const refunded = await w.pay('fz-water', ACCOUNT['fz-water-closed']!);
    const refund = w.gateway.refunds.find((r) => r.orderNo === refunded.id)!;
    w.gateway.refunds.push({ ...refund, refundRef: 'SBX-R-again' });
    const { findings } = await w.reconcile();
    expect(about(findings, posted.id)).toEqual([
      expect.objectContaining({ kind: 'duplicate-posting', billerState: 'posted×2', action: 'reverse' }),
    ]);
    expect(about(findings, refunded.id)).toEqual([
      expect.objectContaining({
        kind: 'duplicate-refund',
        gatewayState: 'charged+refunded×2',
        status: 'needs-person',
      }),
    ]);
  });

  it('when a QR code waits for its payer, then unfinished: wait while fresh, a person’s once an hour has passed unresolved', async () => {
    w = await reconciliationWorld();
    const p = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!, { method: 'qr' });
    expect(about((await w.reconcile()).findings, p.id)).toEqual([
      expect.objectContaining({
        kind: 'unfinished',
        hubState: 'awaiting_payer',
        action: 'wait',
        status: 'in-flight',
      }),
    ]);
    w.advance(2 * 3_600_000);
    const day = businessDayOf(new Date(Date.parse(p.createdAt)));
    expect(about((await w.reconcile(day)).findings, p.id)).toEqual([
      expect.objectContaining({ kind: 'unfinished', action: 'resolve', status: 'needs-person' }),
    ]);
  });
});

describe('reconciliation runs (issue 7)', () => {
  it('when the gateway’s statement cannot be read, then the run is stored as failed and says why', async () => {
    w = await reconciliationWorld();
    w.gateway.faults.next('statement', { kind: 'fail' });
    const { run, findings } = await w.reconcile();
    expect(run).toMatchObject({ state: 'failed', findings: 0 });
    expect(run.error).toMatch(/gateway statement could not be read/);
    expect(findings).toEqual([]);
    expect((await w.live.reconciliation.getRun(run.id)).run.state).toBe('failed');
  });

  it('when a biller’s statement times out, then the run is failed naming the biller', async () => {
    w = await reconciliationWorld();
    w.biller.faults.next('statement', { kind: 'timeout', applied: false });
    const { run } = await w.reconcile();
    expect(run.state).toBe('failed');
    expect(run.error).toMatch(/biller [a-z-]+ statement could not be read/);
  });

  it('when runs are listed, then newest first, and a run’s findings put those needing a person first', async () => {
    w = await reconciliationWorld();
    const stuck = await w.pay('sgcc-fz', ACCOUNT['sgcc-fz']!, {
      method: 'payment-code',
      code: CODE.lostBefore,
    });
    const dup = await w.pay('cmcc-fj', ACCOUNT['cmcc-fj']!);
    await w.gateway.chargeCode({ orderNo: dup.id, amountFen: dup.quote.totalFen, code: CODE.ok });
    const first = await w.reconcile();
    w.advance(1_000);
    const second = await w.reconcile();
    const runs = await w.live.reconciliation.listRuns();
    expect(runs.map((r) => r.id)).toEqual([second.run.id, first.run.id]);
    const { findings } = await w.live.reconciliation.getRun(second.run.id);
    expect(findings.map((f) => [f.paymentId, f.status])).toEqual([
      [dup.id, 'needs-person'],
      [stuck.id, 'resolvable'],
    ]);
    expect(await w.live.reconciliation.listRuns({ before: second.run.startedAt })).toEqual([first.run]);
  });

  it('when a day has not begun or is not a date, then the run is refused', async () => {
    w = await reconciliationWorld();
    const tomorrow = businessDayOf(new Date(w.now().getTime() + 86_400_000));
    await expect(w.live.reconciliation.run({ businessDay: tomorrow, trigger: 'manual' })).rejects.toThrow(
      /not begun/,
    );
    await expect(w.live.reconciliation.run({ businessDay: '2026-02-30', trigger: 'manual' })).rejects.toThrow(
      /YYYY-MM-DD/,
    );
  });

  it('when the daily job already ran a day, then a second scheduled run of it is not stored (one per day)', async () => {
    w = await reconciliationWorld();
    const day = businessDayOf(w.now());
    const once = await w.live.reconciliation.run({ businessDay: day, trigger: 'schedule' });
    const twice = await w.live.reconciliation.run({ businessDay: day, trigger: 'schedule' });
    expect(once?.run.trigger).toBe('schedule');
    expect(twice).toBeUndefined();
    expect((await w.live.reconciliation.scheduledRun(day))?.id).toBe(once?.run.id);
  });
});
