/**
 * The bill-payment client over a recording fetch: what it sends the agent
 * (paths, the idempotency key on money steps, session and request ids on
 * device commands and receipts) and how answers and failures come back.
 */
import { describe, expect, it } from 'vitest';
import {
  BillingCallError,
  httpBillPaymentClient,
} from '../../../../kiosk-ui/src/flows/bill-payment/bill-payment.client.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function recorder(answer: (sent: Sent) => { status: number; body: unknown } | Error) {
  const sent: Sent[] = [];
  const fetchImpl = async (url: string, init?: RequestInit) => {
    const request: Sent = {
      url,
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(request);
    const reply = answer(request);
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply.body), { status: reply.status });
  };
  return { sent, client: httpBillPaymentClient(fetchImpl) };
}

describe('bill-payment client', () => {
  it('when a payment is made, then it goes to the hub proxy with its idempotency key, and a status poll without one', async () => {
    const { sent, client } = recorder(() => ({ status: 200, body: { id: 'pay-1', state: 'created' } }));
    await client.pay({ quoteId: 'q-1', method: 'qr' }, 'key-0001-abcd');
    await client.payment('pay-1');
    expect(sent[0]).toMatchObject({
      url: '/hub/billing/payments',
      method: 'POST',
      headers: { 'idempotency-key': 'key-0001-abcd', 'content-type': 'application/json' },
      body: { quoteId: 'q-1', method: 'qr' },
    });
    expect(sent[1]).toMatchObject({ url: '/hub/billing/payments/pay-1', method: 'GET' });
    expect(sent[1]?.headers['idempotency-key']).toBeUndefined();
  });

  it('when a payment is cancelled, then the cancel carries a key of its own (the agent journals it)', async () => {
    const { sent, client } = recorder(() => ({ status: 200, body: {} }));
    await client.cancel('pay-1');
    expect(sent[0]?.url).toBe('/hub/billing/payments/pay-1/cancel');
    expect(sent[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when the hub refuses, then the error carries its code and status; when nothing answers, status is null', async () => {
    const refusing = recorder(() => ({
      status: 409,
      body: { error: { code: 'quote-expired', message: 'x' } },
    }));
    const refusal = await refusing.client
      .quote({ accountToken: 't', billIds: ['b'] })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BillingCallError);
    expect(refusal).toMatchObject({ code: 'quote-expired', status: 409 });

    const silent = recorder(() => new TypeError('fetch failed'));
    const lost = await silent.client
      .pay({ quoteId: 'q', method: 'qr' }, 'key-0001-abcd')
      .catch((e: unknown) => e);
    expect(lost).toMatchObject({ code: 'unreachable', status: null });
  });

  it('when the receipt is printed or printed again, then the agent is asked by payment id, naming the session and a request id', async () => {
    const { sent, client } = recorder(() => ({
      status: 200,
      body: { requestId: 'r', completionCode: 'success' },
    }));
    await client.printReceipt('pay-0001', 's-1');
    await client.reprintReceipt('pay-0001', 's-1');
    expect(sent.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/agent/receipts/payment', { paymentId: 'pay-0001' }],
      ['POST', '/agent/receipts/payment/reprint', { paymentId: 'pay-0001' }],
    ]);
    expect(sent[0]?.headers['x-session-id']).toBe('s-1');
    expect(sent[0]?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]?.headers['x-request-id']).not.toBe(sent[0]?.headers['x-request-id']);
  });

  it('when the agent cannot print (no paper), then it throws with the agent’s reason', async () => {
    const { client } = recorder(() => ({
      status: 503,
      body: { requestId: 'r', completionCode: 'deviceNotReady', error: 'paper-out' },
    }));
    const failure = await client.printReceipt('pay-0001', 's-1').catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'paper-out', status: 503 });
  });

  it('when a card is read, then only its masked number and token come back', async () => {
    const { client } = recorder(() => ({
      status: 200,
      body: {
        requestId: 'r',
        completionCode: 'success',
        card: { source: 'track2', maskedPan: '622202******1234', expiry: '2812', token: 'tok-1' },
      },
    }));
    expect(await client.readCard('s-1')).toEqual({ maskedPan: '622202******1234', token: 'tok-1' });
  });
});
