import { afterEach, describe, expect, it } from 'vitest';
import { printedText } from '../../hardware/printer/printed-document.ts';
import type { CommandResult } from '../../kiosk-agent/api/contract.ts';
import { localTime } from '../../kiosk-agent/receipts/payment-receipt.ts';
import { type Harness, until } from './agent-harness.ts';
import { billingAgent, finalPayment, readCard, viaAgent, waterQuote } from './billing-agent.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function linked(): Promise<Harness> {
  const s = await billingAgent();
  close = s.close;
  return s.h;
}

async function printReceipt(
  h: Harness,
  sessionId: string,
  paymentId: string,
  requestId: string,
  path = '/agent/receipts/payment',
) {
  const res = await fetch(`${h.agent.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-session-id': sessionId, 'x-request-id': requestId },
    body: JSON.stringify({ paymentId }),
  });
  return { status: res.status, body: (await res.json()) as CommandResult };
}

/** A card payment through the agent, followed until posted. */
async function paidByCard(h: Harness, sessionId: string, key: string) {
  const token = await readCard(h, sessionId);
  const quote = await waterQuote(h);
  const paid = await viaAgent(h, '/billing/payments', {
    key,
    body: { quoteId: quote.id, method: 'card', cardToken: token },
  });
  expect(paid.status).toBe(201);
  return finalPayment(h, paid.body.id);
}

describe('POST /agent/receipts/payment: the agent prints a payment’s receipt (issue 7)', () => {
  it('when a posted payment’s receipt is asked for, then the printer prints the agent’s receipt under the payment’s journal key, once', async () => {
    const h = await linked();
    const sessionId = await h.startSession();
    const payment = await paidByCard(h, sessionId, 'pay-rcpt-0001');
    const res = await printReceipt(h, sessionId, payment.id, 'r-1');
    expect(res).toMatchObject({
      status: 200,
      body: { completionCode: 'success', printedAt: expect.any(String) },
    });

    const printed = h.rig.printer.sim.printed();
    expect(printed).toHaveLength(1);
    const lines = printedText(printed[0]!);
    const text = lines.join('\n');
    expect(lines.join('')).toContain(payment.id);
    for (const part of [
      '测试亭',
      h.agent.status().kioskId,
      payment.quote.biller.name,
      payment.quote.accountMasked,
      `¥${(payment.quote.totalFen / 100).toFixed(2)}`,
      localTime(payment.createdAt, 'Asia/Shanghai'),
      payment.gatewayRef!,
      '已入账 POSTED',
      `[QR ${payment.receiptUrl}]`,
    ])
      expect(text).toContain(part);
    expect((await h.agent.delivery.journal.state('pay-rcpt-0001'))?.print).toMatchObject({ ok: true });
    expect(h.agent.lastReceipt()?.document.lines).toContainEqual({
      qr: payment.receiptUrl,
      size: 6,
      ecc: 'M',
    });

    const again = await printReceipt(h, sessionId, payment.id, 'r-2');
    expect(again.body).toMatchObject({ completionCode: 'success', alreadyPrinted: true });
    expect(h.rig.printer.sim.printed()).toHaveLength(1);

    // A screen that outlived the agent's session (a restart) hears that the receipt is in the
    // tray; a reprint for it is still refused, and nothing more prints.
    expect((await printReceipt(h, 'old-session', payment.id, 'r-7')).body).toMatchObject({
      completionCode: 'success',
      alreadyPrinted: true,
      printedAt: again.body.printedAt,
    });
    expect(
      (await printReceipt(h, 'old-session', payment.id, 'r-8', '/agent/receipts/payment/reprint')).body,
    ).toMatchObject({ completionCode: 'canceled', error: 'session-ended' });
    expect(h.rig.printer.sim.printed()).toHaveLength(1);
  });

  it('when the paper is out, then deviceNotReady paper-out, the failed print is journaled and nothing printed', async () => {
    const h = await linked();
    const sessionId = await h.startSession();
    const payment = await paidByCard(h, sessionId, 'pay-rcpt-0002');
    h.rig.printer.sim.setPaper('out');
    await until(() =>
      h.agent.status().devices.find((d) => d.device === 'printer')?.detail.paper === 'out' ? true : undefined,
    );
    const res = await printReceipt(h, sessionId, payment.id, 'r-3');
    expect(res).toMatchObject({
      status: 503,
      body: { completionCode: 'deviceNotReady', error: 'paper-out' },
    });
    expect((await h.agent.delivery.journal.state('pay-rcpt-0002'))?.print).toMatchObject({
      ok: false,
      code: 'paper-out',
    });
    expect(h.rig.printer.sim.printed()).toHaveLength(0);
  });

  it('when no money was taken, the payment is unknown to the hub or the session is not current, then nothing is printed', async () => {
    const h = await linked();
    const sessionId = await h.startSession();
    const quote = await waterQuote(h);
    const qr = await viaAgent(h, '/billing/payments', {
      key: 'pay-rcpt-0003',
      body: { quoteId: quote.id, method: 'qr' },
    });
    expect(qr.body.state).toBe('awaiting_payer');
    expect((await printReceipt(h, sessionId, qr.body.id, 'r-4')).body).toMatchObject({
      completionCode: 'invalidData',
      error: 'payment-not-printable',
    });
    expect((await printReceipt(h, sessionId, 'no-such-payment', 'r-5')).body).toMatchObject({
      completionCode: 'invalidData',
      error: 'payment-not-found',
    });
    expect((await printReceipt(h, 'old-session', qr.body.id, 'r-6')).body).toMatchObject({
      completionCode: 'canceled',
      error: 'session-ended',
    });
    expect(h.rig.printer.sim.printed()).toHaveLength(0);
  });

  it('when the resident asks for the receipt again, then it prints once more marked REPRINT; another session, another payment or a later receipt gets none', async () => {
    const h = await linked();
    const sessionId = await h.startSession();
    const payment = await paidByCard(h, sessionId, 'pay-rcpt-0004');
    const reprint = (session: string, paymentId: string, requestId: string) =>
      printReceipt(h, session, paymentId, requestId, '/agent/receipts/payment/reprint');
    expect((await reprint(sessionId, payment.id, 'rp-0')).body).toMatchObject({
      completionCode: 'invalidData',
      error: 'nothing-to-reprint',
    });
    expect((await printReceipt(h, sessionId, payment.id, 'r-7')).body.completionCode).toBe('success');

    const again = await reprint(sessionId, payment.id, 'rp-1');
    expect(again).toMatchObject({
      status: 200,
      body: { completionCode: 'success', printedAt: expect.any(String) },
    });
    const printed = h.rig.printer.sim.printed();
    expect(printed).toHaveLength(2);
    const [first, second] = printed.map((doc) => printedText(doc).join('\n'));
    expect(second).toContain('补打凭条 REPRINT');
    expect(second).toContain(first!.split('\n').find((line) => line.includes('合计'))!);
    expect(first).not.toContain('REPRINT');

    expect((await reprint(sessionId, 'another-payment', 'rp-2')).body.error).toBe('nothing-to-reprint');
    await fetch(`${h.agent.url}/agent/session/end`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId, reason: 'done' }),
    });
    const next = await h.startSession();
    expect((await reprint(next, payment.id, 'rp-3')).body.error).toBe('nothing-to-reprint');
    expect(h.rig.printer.sim.printed()).toHaveLength(2);
  });
});
