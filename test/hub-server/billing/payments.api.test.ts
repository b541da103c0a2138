import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingHub, billingHub, pay, paymentOf, quoteFor } from './billing-hub.ts';

let h: BillingHub;
beforeAll(async () => {
  h = await billingHub();
});
afterAll(() => h.close());

const states = async (id: string) => (await h.events(id)).map((e) => e.to_state);

describe('paying a quote over HTTP (issue 7)', () => {
  it('when a QR payment is paid on the sandbox payer page, then the hub is notified, posts and ends posted', async () => {
    const quote = await quoteFor(h.kiosk, 'sgcc-fz', '0512345678');
    const res = await pay(h.kiosk, { quoteId: quote.id, method: 'qr' });
    expect(res.status).toBe(201);
    const p = await res.json();
    expect(p).toMatchObject({
      state: 'awaiting_payer',
      method: 'qr',
      quote: { id: quote.id, totalFen: 18_760 },
    });
    expect(p.qr.content).toBe(`${h.hub.url}/sandbox/gateway/pay/${p.id}`);
    const page = await fetch(p.qr.content);
    expect(await page.text()).toContain('¥187.60');
    const paid = await fetch(p.qr.content, { method: 'POST' });
    expect(paid.status).toBe(200);
    await h.settled();
    const done = await paymentOf(h.kiosk, p.id);
    expect(done).toMatchObject({ state: 'posted', gatewayRef: expect.stringMatching(/^SBX-G-/) });
    expect(done.postingRef).toMatch(/^SBX-P-/);
    expect(done.qr).toBeUndefined();
    expect(await states(p.id)).toEqual(['created', 'awaiting_payer', 'paid', 'posting', 'posted']);
    expect(h.gateway.chargesFor(p.id)).toBe(1);
  });

  it('when the pay request is retried with the same key, then the answer is replayed; another key gets the same payment', async () => {
    const quote = await quoteFor(h.kiosk, 'cl-water', '350182001');
    const body = { quoteId: quote.id, method: 'payment-code', paymentCode: '134000000000000001' };
    const first = await pay(h.kiosk, body, 'retry-key-0001');
    const again = await pay(h.kiosk, body, 'retry-key-0001');
    expect(again.headers.get('idempotent-replay')).toBe('true');
    const p = await first.json();
    expect((await again.json()).id).toBe(p.id);
    const otherKey = await (await pay(h.kiosk, body, 'retry-key-0002')).json();
    expect(otherKey.id).toBe(p.id);
    const reused = await pay(h.kiosk, { ...body, paymentCode: '134000000000000009' }, 'retry-key-0001');
    expect(reused.status).toBe(422);
    await h.settled();
    expect(h.gateway.chargesFor(p.id)).toBe(1);
    expect((await paymentOf(h.kiosk, p.id)).state).toBe('posted');
  });

  it('when the same payment is sent five times at once, with one key or with five, then one payment is charged once', async () => {
    for (const sameKey of [true, false]) {
      const quote = await quoteFor(h.kiosk, 'vanke-fz', '510100020301', 1);
      const body = { quoteId: quote.id, method: 'card', cardToken: ';6222020000000009=30121010000000000?' };
      const all = await Promise.all(
        Array.from({ length: 5 }, (_, n) =>
          pay(h.kiosk, body, sameKey ? `burst-${quote.id}` : `burst-${quote.id}-${n}`),
        ),
      );
      const ids = new Set(
        await Promise.all(all.filter((r) => r.status === 201).map(async (r) => (await r.json()).id)),
      );
      expect(ids.size).toBe(1);
      const [id] = [...ids] as string[];
      await h.settled();
      expect(h.gateway.chargesFor(id!)).toBe(1);
      expect((await paymentOf(h.kiosk, id!)).state).toBe('posted');
    }
  });

  it('when another kiosk tries to pay this kiosk’s quote, then 404 quote-not-found and nothing is charged', async () => {
    const quote = await quoteFor(h.kiosk, 'ct-fz-fixed', '059187654321');
    const res = await pay(h.other, {
      quoteId: quote.id,
      method: 'payment-code',
      paymentCode: '134000000000000001',
    });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('quote-not-found');
    expect(await h.hub.db.get('SELECT id FROM payments WHERE quote_id = ?', [quote.id])).toBeUndefined();
  });

  it('when a pay request has no Idempotency-Key, then 400 and nothing is created', async () => {
    const quote = await quoteFor(h.kiosk, 'kunlun-fz', '591000123');
    const res = await h.kiosk.call('/billing/payments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ quoteId: quote.id, method: 'qr' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('idempotency-key-required');
    expect(await h.hub.db.get('SELECT id FROM payments WHERE quote_id = ?', [quote.id])).toBeUndefined();
  });

  it('when the quote is more than ten minutes old, then 409 quote-expired', async () => {
    const quote = await quoteFor(h.kiosk, 'cucc-fj', '13012345678');
    h.advance(10 * 60_000 + 1);
    const res = await pay(h.kiosk, { quoteId: quote.id, method: 'qr' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('quote-expired');
  });

  it('when a quote that has a payment expires, then paying it again answers that payment, not quote-expired', async () => {
    const quote = await quoteFor(h.kiosk, 'cmcc-fj', '13812345678');
    const body = { quoteId: quote.id, method: 'payment-code', paymentCode: '134000000000000001' };
    const first = await (await pay(h.kiosk, body)).json();
    h.advance(10 * 60_000 + 1);
    const later = await pay(h.kiosk, body);
    expect(later.status).toBe(201);
    expect((await later.json()).id).toBe(first.id);
    await h.settled();
    expect(h.gateway.chargesFor(first.id)).toBe(1);
  });

  it('when a card is charged, then the charge was claimed as it entered authorizing and one posting attempt was counted', async () => {
    const quote = await quoteFor(h.kiosk, 'sgcc-fz', '0500000001');
    const res = await pay(h.kiosk, {
      quoteId: quote.id,
      method: 'card',
      cardToken: ';6222020000000017=30121010000000000?',
    });
    const p = await res.json();
    expect(p.state).toBe('paid');
    await h.settled();
    expect(await states(p.id)).toEqual(['created', 'authorizing', 'paid', 'posting', 'posted']);
    const claim = await h.hub.db.get<{ requested_at: string }>(
      'SELECT requested_at FROM payment_charges WHERE payment_id = ?',
      [p.id],
    );
    const authorizing = await h.hub.db.get<{ at: string }>(
      "SELECT at FROM payment_events WHERE payment_id = ? AND to_state = 'authorizing'",
      [p.id],
    );
    expect(claim?.requested_at).toBe(authorizing?.at);
    const row = await h.hub.db.get<{ post_attempts: number }>(
      'SELECT post_attempts FROM payments WHERE id = ?',
      [p.id],
    );
    expect(row?.post_attempts).toBe(1);
  });

  it('when a payment code is declined, then failed with the reason and nothing charged', async () => {
    const quote = await quoteFor(h.kiosk, 'ct-fj-mobile', '18912345678');
    const p = await (
      await pay(h.kiosk, { quoteId: quote.id, method: 'payment-code', paymentCode: '134000000000000002' })
    ).json();
    expect(p).toMatchObject({ state: 'failed', reason: 'payment-declined' });
    expect(h.gateway.chargesFor(p.id)).toBe(0);
  });

  it('when a card needs a PIN, then declined with pin-required; a good card is charged once and posted', async () => {
    const quote = await quoteFor(h.kiosk, 'ct-fz-broadband', '59100012345');
    const pin = await (
      await pay(h.kiosk, {
        quoteId: quote.id,
        method: 'card',
        cardToken: ';6222020000000004=30121010000000000?',
      })
    ).json();
    expect(pin).toMatchObject({ state: 'failed', reason: 'pin-required' });
    const q2 = await quoteFor(h.kiosk, 'fjgd-broadband', '8200012345');
    const ok = await (
      await pay(h.kiosk, {
        quoteId: q2.id,
        method: 'card',
        cardToken: ';6222020000000001=30121010000000000?',
      })
    ).json();
    expect(ok.state).toBe('paid');
    await h.settled();
    expect((await paymentOf(h.kiosk, ok.id)).state).toBe('posted');
    expect(JSON.stringify(await h.hub.db.all('SELECT * FROM payments'))).not.toContain('6222020000000001');
  });

  it('when another kiosk asks for a payment, then 404 payment-not-found', async () => {
    const quote = await quoteFor(h.kiosk, 'fz-sanitation', '1010012345');
    const p = await (await pay(h.kiosk, { quoteId: quote.id, method: 'qr' })).json();
    const res = await h.other.call(`/billing/payments/${p.id}`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('payment-not-found');
    expect((await h.other.call(`/billing/payments/${p.id}/cancel`, { method: 'POST' })).status).toBe(404);
  });

  it('when a QR payment is cancelled, then it fails as cancelled and the payer page can no longer pay it', async () => {
    const quote = await quoteFor(h.kiosk, 'fz-traffic', '350100123456789');
    const p = await (await pay(h.kiosk, { quoteId: quote.id, method: 'qr' })).json();
    const res = await h.kiosk.call(`/billing/payments/${p.id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'failed', reason: 'cancelled' });
    expect((await fetch(p.qr.content, { method: 'POST' })).status).toBe(409);
    expect(h.gateway.chargesFor(p.id)).toBe(0);
    const again = await h.kiosk.call(`/billing/payments/${p.id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('payment-not-cancellable');
  });

  it('when payment events are edited or deleted, then sqlite refuses: the history is append-only', async () => {
    const [row] = await h.hub.db.all<{ id: number }>('SELECT id FROM payment_events LIMIT 1');
    await expect(
      h.hub.db.run("UPDATE payment_events SET to_state = 'posted' WHERE id = ?", [row!.id]),
    ).rejects.toThrow(/append-only/);
    await expect(h.hub.db.run('DELETE FROM payment_events WHERE id = ?', [row!.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(h.hub.db.run("UPDATE payments SET state = 'paid' WHERE state = 'failed'")).rejects.toThrow(
      /final/,
    );
  });
});
