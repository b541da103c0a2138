/**
 * The bill-payment client over a recording fetch: what it sends the agent
 * (paths, the idempotency key on money steps, session and request ids on
 * device commands, the journal key on the receipt) and how answers and
 * failures come back. Also the receipt document it prints.
 */
import { describe, expect, it } from 'vitest';
import {
  BillingCallError,
  httpBillPaymentClient,
} from '../../../../kiosk-ui/src/flows/bill-payment/bill-payment.client.ts';
import { receiptDocument } from '../../../../kiosk-ui/src/flows/bill-payment/receipt.ts';
import { setLocale } from '../../../../kiosk-ui/src/i18n/index.ts';
import { FakeBillingClient, withState } from './fake-billing-client.ts';

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

  it('when the receipt is printed, then the command names the session, a request id and the payment key as journal key', async () => {
    const { sent, client } = recorder(() => ({
      status: 200,
      body: { requestId: 'r', completionCode: 'success' },
    }));
    await client.print({ lines: [{ text: 'x' }] }, { sessionId: 's-1', journalKey: 'key-0001-abcd' });
    expect(sent[0]).toMatchObject({
      url: '/agent/devices/printer/print',
      headers: { 'x-session-id': 's-1', 'x-journal-key': 'key-0001-abcd' },
      body: { lines: [{ text: 'x' }] },
    });
    expect(sent[0]?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a device command does not succeed, then it throws with the agent’s reason', async () => {
    const { client } = recorder(() => ({
      status: 503,
      body: { requestId: 'r', completionCode: 'deviceNotReady', error: 'paper-out' },
    }));
    const failure = await client
      .print({ lines: [] }, { sessionId: 's-1', journalKey: 'key-0001-abcd' })
      .catch((e: unknown) => e);
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

  it('when the agent says the printer is out of paper, then the kiosk cannot print', async () => {
    const { client } = recorder(() => ({
      status: 200,
      body: {
        kioskId: 'k-1',
        devices: [
          { device: 'printer', state: 'online', detail: { paper: 'out', cover: 'closed' }, since: '' },
        ],
      },
    }));
    expect(await client.kioskPrinter()).toEqual({ kioskId: 'k-1', canPrint: false });
  });
});

describe('receipt', () => {
  it('when a posted payment is printed, then every line is printable and fits 58 mm paper, and it holds the facts', async () => {
    setLocale('zh-CN');
    const fake = new FakeBillingClient();
    const pay = await fake.pay({ quoteId: 'q-1', method: 'card', cardToken: 't' }, 'k');
    const document = receiptDocument({
      payment: withState(pay, 'posted'),
      kioskId: 'gl-dongjie-01',
      printedAt: new Date('2026-11-25T10:30:00Z'),
    });
    const texts = document.lines.flatMap((line) => ('text' in line ? [line.text] : []));
    const width = (text: string) =>
      [...text].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1), 0);
    for (const text of texts) {
      expect(text).not.toMatch(/\p{Cc}/u);
      expect(width(text)).toBeLessThanOrEqual(32);
    }
    const all = texts.join('\n');
    for (const fact of [
      '福州水务集团',
      '35****4567',
      '¥118.40',
      '银行卡',
      'gl-dongjie-01',
      'pay-0001',
      'FZW-7788',
    ])
      expect(all).toContain(fact);
    expect(document.lines).toContainEqual(
      expect.objectContaining({ qr: 'https://hub.example.cn/r/pay-0001' }),
    );
  });
});
