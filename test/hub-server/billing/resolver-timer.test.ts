import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../support/until.ts';
import { type BillingHub, billingHub, pay, paymentOf, quoteFor } from './billing-hub.ts';

let h: BillingHub;
beforeAll(async () => {
  h = await billingHub({ resolverIntervalMs: 50 });
});
afterAll(() => h.close());

describe('the payment resolver timer (issue 7)', () => {
  it('when the hub runs, then its resolver finishes an unknown payment by itself', async () => {
    const quote = await quoteFor(h.kiosk, 'sgcc-fz', '0512345678');
    h.biller.faults.next('post', { kind: 'timeout', applied: true });
    const p = await (
      await pay(h.kiosk, { quoteId: quote.id, method: 'payment-code', paymentCode: '134000000000000001' })
    ).json();
    await until(
      async () => (await paymentOf(h.kiosk, p.id)).state === 'posted',
      5000,
      'the resolver to post',
    );
    expect((await h.events(p.id)).map((e) => e.to_state)).toContain('unknown');
  });
});
