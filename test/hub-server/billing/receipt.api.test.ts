import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingHub, billingHub, pay, paymentOf, quoteFor } from './billing-hub.ts';

let h: BillingHub;
beforeAll(async () => {
  h = await billingHub();
});
afterAll(() => h.close());

async function paidWith(billerId: string, account: string) {
  const quote = await quoteFor(h.kiosk, billerId, account);
  const p = await (
    await pay(h.kiosk, { quoteId: quote.id, method: 'payment-code', paymentCode: '134000000000000001' })
  ).json();
  await h.settled();
  return paymentOf(h.kiosk, p.id);
}

describe('e-receipts (issue 7)', () => {
  it('when a posted payment’s receipt link is opened, then a Chinese page shows biller, masked account, items, total, kiosk and references', async () => {
    const p = await paidWith('fz-water', '3501234567');
    expect(p.receiptUrl).toMatch(new RegExp(`^${h.hub.url}/r/[A-Za-z0-9_-]{24}$`));
    const res = await fetch(p.receiptUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    for (const text of [
      '福州水务',
      '35****4567',
      '缴费成功',
      '2026-',
      p.postingRef,
      p.gatewayRef,
      p.id,
      h.kiosk.kioskId,
    ])
      expect(html).toContain(text);
    expect(html).toContain(`¥${(p.quote.totalFen / 100).toFixed(2)}`);
    expect(html).not.toContain('3501234567');
    expect(html).not.toContain('林小明');
  });

  it('when the payment was refunded, then the receipt says the money was returned', async () => {
    const p = await paidWith('fz-water', '3509999999');
    expect(p.state).toBe('refunded');
    const html = await (await fetch(p.receiptUrl)).text();
    expect(html).toContain('款项已全额退回');
    expect(html).toContain('data-state="refunded"');
  });

  it('when a receipt token is unknown or malformed, then 404', async () => {
    expect((await fetch(`${h.hub.url}/r/AAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await fetch(`${h.hub.url}/r/x'%3Cscript%3E`)).status).toBe(404);
  });
});
