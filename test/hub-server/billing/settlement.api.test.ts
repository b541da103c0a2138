import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../support/until.ts';
import { type BillingHub, billingHub, pay, paymentOf, quoteFor } from './billing-hub.ts';

let h: BillingHub;
beforeAll(async () => {
  h = await billingHub();
});
afterAll(() => h.close());

const states = async (id: string) => (await h.events(id)).map((e) => e.to_state);
const CODE_OK = '134000000000000001';

/** A fresh account each time: the sandbox pays each bill once. */
async function paid(billerId: string, account: string, paymentCode = CODE_OK) {
  const quote = await quoteFor(h.kiosk, billerId, account, 1);
  const p = await (await pay(h.kiosk, { quoteId: quote.id, method: 'payment-code', paymentCode })).json();
  await h.settled();
  return p;
}

describe('posting, refunds and the resolver (issue 7)', () => {
  it('when the biller refuses the posting, then the hub refunds at once: refunded with reason posting-failed', async () => {
    const p = await paid('fz-water', '3509999999');
    expect(await paymentOf(h.kiosk, p.id)).toMatchObject({ state: 'refunded', reason: 'posting-failed' });
    expect(await states(p.id)).toEqual([
      'created',
      'authorizing',
      'paid',
      'posting',
      'refunding',
      'refunded',
    ]);
    expect(h.gateway.order(p.id)?.refundRef).toMatch(/^SBX-R-/);
    expect(h.biller.postedSerials()).not.toContain(p.id);
  });

  it('when the biller fails three times, then refunded; when it fails twice, the third attempt posts', async () => {
    h.biller.faults.next('post', { kind: 'fail' }, 3);
    const gaveUp = await paid('fz-water', '3501234567');
    expect(await paymentOf(h.kiosk, gaveUp.id)).toMatchObject({
      state: 'refunded',
      reason: 'posting-failed',
    });
    h.biller.faults.next('post', { kind: 'fail' }, 2);
    const third = await paid('fz-water', '3501234567');
    expect((await paymentOf(h.kiosk, third.id)).state).toBe('posted');
    const row = await h.hub.db.get<{ post_attempts: number }>(
      'SELECT post_attempts FROM payments WHERE id = ?',
      [third.id],
    );
    expect(row?.post_attempts).toBe(3);
  });

  it('when the posting answer is lost after the biller applied it, then unknown, and the resolver finds it posted', async () => {
    h.biller.faults.next('post', { kind: 'timeout', applied: true });
    const p = await paid('sgcc-fz', '0500000001');
    expect(await paymentOf(h.kiosk, p.id)).toMatchObject({ state: 'unknown', reason: 'biller-timeout' });
    await h.resolve();
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('posted');
    expect(await states(p.id)).toEqual(['created', 'authorizing', 'paid', 'posting', 'unknown', 'posted']);
    expect(h.biller.appliedPostings).toBe(h.biller.postedSerials().length);
  });

  it('when the posting answer is lost before the biller acted, then the resolver posts again, once', async () => {
    h.biller.faults.next('post', { kind: 'timeout', applied: false });
    const p = await paid('crgas-fz', '20261234');
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('unknown');
    await h.resolve();
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('posted');
    expect(await states(p.id)).toEqual([
      'created',
      'authorizing',
      'paid',
      'posting',
      'unknown',
      'posting',
      'posted',
    ]);
    expect(h.biller.postedSerials().filter((s) => s === p.id)).toHaveLength(1);
  });

  it('when the gateway charges but the answer is lost, then unknown, and the resolver finds it paid and posts it', async () => {
    const p = await paid('cmcc-fj', '13812345678', '134000000000000003');
    expect(await paymentOf(h.kiosk, p.id)).toMatchObject({ state: 'unknown', reason: 'gateway-timeout' });
    await h.resolve();
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('posted');
    expect(h.gateway.chargesFor(p.id)).toBe(1);
  });

  it('when the charge answer is lost and nothing was charged, then the resolver fails the payment without charging', async () => {
    const p = await paid('fjgd-fz', '8350100012345678', '134000000000000005');
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('unknown');
    await h.resolve();
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('failed');
    expect(h.gateway.chargesFor(p.id)).toBe(0);
  });

  it('when the refund answer is lost, then unknown, and the resolver finds the refund and ends refunded', async () => {
    h.gateway.faults.next('refund', { kind: 'timeout', applied: true });
    const p = await paid('fz-water', '3509999999');
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('unknown');
    await h.resolve();
    expect(await paymentOf(h.kiosk, p.id)).toMatchObject({ state: 'refunded', reason: 'posting-failed' });
    expect(await states(p.id)).toEqual([
      'created',
      'authorizing',
      'paid',
      'posting',
      'refunding',
      'unknown',
      'refunded',
    ]);
  });

  it('when the gateway is unreachable for a refund, then the payment stays refunding until a later pass refunds it', async () => {
    h.gateway.faults.next('refund', { kind: 'fail' });
    const p = await paid('fz-water', '3509999999');
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('refunding');
    h.advance(61_000);
    await h.resolve();
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('refunded');
  });

  it('when the gateway is slower than the hub waits, then unknown at the deadline, and the late charge is found and posted', async () => {
    h.gateway.faults.delayMs = 3_000;
    const started = Date.now();
    const p = await paid('cucc-fj', '13012345678');
    h.gateway.faults.delayMs = 0;
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(await paymentOf(h.kiosk, p.id)).toMatchObject({ state: 'unknown', reason: 'gateway-timeout' });
    await until(() => h.gateway.chargesFor(p.id) === 1, 3_000, 'the late charge');
    await h.resolve();
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('posted');
    expect(h.gateway.chargesFor(p.id)).toBe(1);
  });
});
