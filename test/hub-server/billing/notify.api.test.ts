import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../../hub-server/modules/billing/gateway/signature.ts';
import { type BillingHub, billingHub, pay, paymentOf, quoteFor } from './billing-hub.ts';

let h: BillingHub;
beforeAll(async () => {
  h = await billingHub();
});
afterAll(() => h.close());

async function qrPayment(billerId: string, account: string) {
  const quote = await quoteFor(h.kiosk, billerId, account);
  return (await pay(h.kiosk, { quoteId: quote.id, method: 'qr' })).json();
}

const notify = (body: string, signature: string) =>
  fetch(`${h.hub.url}/api/v1/gateway/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-signature': signature },
    body,
  });

describe('gateway notifications (issue 7)', () => {
  it('when a notification is signed with the wrong secret, then 401 bad-signature and the payment still awaits the payer', async () => {
    const p = await qrPayment('crgas-fz', '20261234');
    h.gateway.notifier.next('bad-signature');
    await fetch(p.qr.content, { method: 'POST' });
    expect(h.gateway.notifier.deliveries.at(-1)).toBe(401);
    const body = JSON.stringify({
      orderNo: p.id,
      state: 'paid',
      gatewayRef: 'forged',
      amountFen: p.quote.totalFen,
      at: '',
    });
    const forged = await notify(body, signBody(body, 'guessed-secret'));
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe('bad-signature');
    expect((await notify(body, '')).status).toBe(401);
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('awaiting_payer');
    // The dropped notice is not the end: the resolver asks the gateway once the payment goes stale.
    h.advance(61_000);
    await h.resolve();
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('posted');
    expect(h.gateway.chargesFor(p.id)).toBe(1);
  });

  it('when the paid notification arrives twice, then the payment moves once and is posted once', async () => {
    const p = await qrPayment('rongcheng-heat', '41000123');
    h.gateway.notifier.next('duplicate');
    await fetch(p.qr.content, { method: 'POST' });
    await h.settled();
    expect(h.gateway.notifier.deliveries.slice(-2)).toEqual([200, 200]);
    expect((await h.events(p.id)).map((e) => e.to_state)).toEqual([
      'created',
      'awaiting_payer',
      'paid',
      'posting',
      'posted',
    ]);
    expect(h.biller.postedSerials().filter((s) => s === p.id)).toHaveLength(1);
  });

  it('when notifications arrive late and out of order after the payment is final, then nothing changes', async () => {
    const p = await qrPayment('vanke-fz', '510100020301');
    h.gateway.notifier.next('hold');
    await fetch(p.qr.content, { method: 'POST' });
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('awaiting_payer');
    h.advance(61_000);
    await h.resolve();
    const before = await h.events(p.id);
    expect(before.at(-1)!.to_state).toBe('posted');
    const order = h.gateway.order(p.id)!;
    await h.gateway.notifier.send(h.gateway.noticeOf({ ...order, state: 'closed' }));
    await h.gateway.notifier.releaseHeld({ reverse: true });
    await h.settled();
    expect(await h.events(p.id)).toEqual(before);
  });

  it('when a paid notice names another amount, then it is ignored', async () => {
    const p = await qrPayment('rongqiao-wy', '520300110502');
    await h.gateway.notifier.send({ orderNo: p.id, state: 'paid', gatewayRef: 'x', amountFen: 1, at: '' });
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('awaiting_payer');
  });

  it('when the QR code expires unpaid, then the resolver closes the order and the payment fails as qr-expired', async () => {
    const p = await qrPayment('ct-fz-fixed', '059187654321');
    h.advance(5 * 60_000 + 1);
    await h.resolve();
    expect(await paymentOf(h.kiosk, p.id)).toMatchObject({ state: 'failed', reason: 'qr-expired' });
    expect((await fetch(p.qr.content, { method: 'POST' })).status).toBe(409);
  });
});
