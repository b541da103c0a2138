/**
 * Bill payment (issue 7), the machine alone on a simulated clock with a
 * scripted client: each way to pay, the scanned paper bill, the account
 * checks, no bills due, an expired quote, a declined card, a retried pay call
 * that keeps its idempotency key, an unknown result, a refund, a printer that
 * fails or has no paper, the reprint, and cancel before (never after) money moves.
 */
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import type { PayRequest } from '../../../../hub-server/modules/billing/billing.contract.ts';
import { BillingCallError } from '../../../../kiosk-ui/src/flows/bill-payment/bill-payment.client.ts';
import { createBillPaymentMachine } from '../../../../kiosk-ui/src/flows/bill-payment/bill-payment.machine.ts';
import { TIMINGS } from '../../../../kiosk-ui/src/flows/bill-payment/bill-payment.setup.ts';
import type { DeviceOffer } from '../../../../kiosk-ui/src/flows/offer.ts';
import { FakeBillingClient } from './fake-billing-client.ts';

const OFFER: DeviceOffer = {
  receipt: 'paper',
  cardPayment: true,
  scanner: true,
  handset: true,
  idReader: true,
};

function start(client = new FakeBillingClient(), offer: Partial<DeviceOffer> = {}) {
  const clock = new SimulatedClock();
  const actor = createActor(createBillPaymentMachine(client), {
    input: { offer: { ...OFFER, ...offer }, sessionId: 's-1' },
    clock,
  }).start();
  return { actor, clock, client };
}

type Flow = ReturnType<typeof start>;

/** Lets the fake's promises answer and the machine take them. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The screen the flow shows now, from its state meta. */
function screen({ actor }: Flow): string {
  const metas = Object.values(actor.getSnapshot().getMeta()) as { screen?: string }[];
  return (
    metas
      .map((m) => m.screen)
      .filter(Boolean)
      .pop() ?? ''
  );
}

const scan = (text: string) =>
  ({
    type: 'device.event',
    event: { device: 'scanner', kind: 'scan', text, at: '2026-11-25T10:00:00Z' },
  }) as const;
const cardIn = {
  type: 'device.event',
  event: { device: 'card-reader', kind: 'cardInserted', card: 'magnetic' },
} as const;

/** Water (one biller) → a well-formed account → the bills. */
async function toBills(flow: Flow, account = '3501234567'): Promise<void> {
  await settle();
  flow.actor.send({ type: 'user.chooseKind', kind: 'water' });
  flow.actor.send({ type: 'user.typeAccount', value: account });
  flow.actor.send({ type: 'user.submitAccount' });
  await settle();
}

/** … → the quote → confirmed → the printer asked → the method screen. */
async function toMethod(flow: Flow): Promise<void> {
  await toBills(flow);
  flow.actor.send({ type: 'user.next' });
  await settle();
  flow.actor.send({ type: 'user.confirmQuote' });
  await settle();
}

/** A QR payment that the hub will post, on a printer that fails with `code`: the method screen. */
async function toMethodWithFailingPrinter(code: 'paper-out' | 'paper-jam'): Promise<Flow> {
  const flow = start();
  flow.client.printError = new BillingCallError(code, 503);
  flow.client.states = ['awaiting_payer', 'posted'];
  await toMethod(flow);
  return flow;
}

/** Polls until the payment answers; each poll is one `poll` interval on the clock. */
async function poll(flow: Flow, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    flow.clock.increment(TIMINGS.poll);
    await settle();
  }
}

const payKeys = (client: FakeBillingClient) => client.callsOf('pay').map((args) => args[1]);
const payRequests = (client: FakeBillingClient) => client.callsOf('pay').map((args) => args[0] as PayRequest);

describe('paying a bill', () => {
  it('when the resident pays by QR, then the code shows, the hub is polled past paid to posted, the agent prints the receipt and the flow ends done', async () => {
    const flow = start();
    flow.client.states = ['awaiting_payer', 'paid', 'posting', 'posted'];
    await toMethod(flow);
    expect(screen(flow)).toBe('method');

    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    expect(screen(flow)).toBe('pay-qr');
    expect(flow.actor.getSnapshot().context.payment?.qr?.content).toContain('pay-0001');
    await poll(flow, 2);
    // Paid, but the biller has not confirmed yet: no receipt before it has.
    expect(screen(flow)).toBe('waiting');
    expect(flow.client.callsOf('printReceipt')).toHaveLength(0);
    await poll(flow, 2);

    expect(screen(flow)).toBe('done');
    expect(flow.client.callsOf('printReceipt')).toEqual([['pay-0001', 's-1']]);
    expect(flow.actor.getSnapshot().context.reprint).toBe('offered');
    flow.actor.send({ type: 'user.finish' });
    expect(flow.actor.getSnapshot().output).toEqual({ outcome: 'done' });
  });

  it('when the resident asks for the receipt again within two minutes, then the agent reprints it once; after two minutes it is no longer offered', async () => {
    const flow = start();
    flow.client.states = ['posted'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'payment-code' });
    await settle();
    flow.actor.send(scan('284512345678901234'));
    await settle();
    await poll(flow);
    expect(screen(flow)).toBe('done');

    flow.actor.send({ type: 'user.reprint' });
    await settle();
    expect(flow.client.callsOf('reprintReceipt')).toEqual([['pay-0001', 's-1']]);
    expect(flow.actor.getSnapshot().context.reprint).toBe('done');
    flow.actor.send({ type: 'user.reprint' });
    await settle();
    expect(flow.client.callsOf('reprintReceipt')).toHaveLength(1);

    const late = start();
    late.client.states = ['posted'];
    await toMethod(late);
    late.actor.send({ type: 'user.chooseMethod', method: 'payment-code' });
    await settle();
    late.actor.send(scan('284512345678901234'));
    await settle();
    await poll(late);
    late.clock.increment(TIMINGS.reprintWindow + 1);
    expect(late.actor.getSnapshot().context.reprint).toBeNull();
    late.actor.send({ type: 'user.reprint' });
    await settle();
    expect(late.client.callsOf('reprintReceipt')).toHaveLength(0);
    expect(screen(late)).toBe('done');
  });

  it('when a payment code is scanned, then it is paid with that code and the code is forgotten once settled', async () => {
    const flow = start();
    flow.client.states = ['posted'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'payment-code' });
    await settle();
    expect(screen(flow)).toBe('pay-code');
    expect(flow.client.callsOf('enableScanner').length).toBeGreaterThan(0);

    flow.actor.send(scan('284512345678901234'));
    await settle();
    await poll(flow);

    expect(payRequests(flow.client)[0]).toEqual({
      quoteId: 'q-1',
      method: 'payment-code',
      paymentCode: '284512345678901234',
    });
    expect(screen(flow)).toBe('done');
    expect(flow.actor.getSnapshot().context.paymentCode).toBeNull();
  });

  it('when a card is inserted, then it is read, paid with its token, given back and the receipt printed', async () => {
    const flow = start();
    flow.client.states = ['paid', 'posted'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'card' });
    await settle();
    expect(screen(flow)).toBe('pay-card');
    expect(flow.client.callsOf('enableCardEntry')).toHaveLength(1);

    flow.actor.send(cardIn);
    await settle();
    await poll(flow, 2);

    expect(payRequests(flow.client)[0]).toEqual({
      quoteId: 'q-1',
      method: 'card',
      cardToken: 'card-token-1',
    });
    expect(flow.client.callsOf('ejectCard')).toHaveLength(1);
    expect(screen(flow)).toBe('done');
    expect(flow.client.callsOf('printReceipt')).toHaveLength(1);
  });

  it('when card payment is not on offer, then choosing the card does nothing', async () => {
    const flow = start(new FakeBillingClient(), { cardPayment: false });
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'card' });
    expect(screen(flow)).toBe('method');
  });
});

describe('finding the account', () => {
  it('when a paper bill is held to the scanner on the first screen, then its barcode finds the bills', async () => {
    const flow = start();
    await settle();
    flow.actor.send(scan('0591350123456720261101'));
    await settle();
    expect(flow.client.callsOf('lookup')[0]).toEqual([{ barcode: '0591350123456720261101' }]);
    expect(screen(flow)).toBe('bills');
    expect(flow.actor.getSnapshot().context.selected).toEqual(['b-2026-09', 'b-2026-10', 'b-2026-11']);
  });

  it('when the typed account does not match the format, then nothing is looked up and the screen says so', async () => {
    const flow = start();
    await toBills(flow, '12345');
    expect(screen(flow)).toBe('account');
    expect(flow.actor.getSnapshot().context.accountProblem).toBe('format');
    expect(flow.client.callsOf('lookup')).toHaveLength(0);
  });

  it('when the hub knows no such account, then the account screen says so', async () => {
    const client = new FakeBillingClient();
    client.lookupError = new BillingCallError('account-not-found', 404);
    const flow = start(client);
    await toBills(flow);
    expect(screen(flow)).toBe('account');
    expect(flow.actor.getSnapshot().context.accountProblem).toBe('not-found');
  });

  it('when a scanned barcode is not a bill the hub knows, then the kind screen says so and typing still works', async () => {
    const client = new FakeBillingClient();
    client.lookupError = new BillingCallError('invalid-barcode', 422);
    const flow = start(client);
    await settle();
    flow.actor.send(scan('12345'));
    await settle();
    expect(screen(flow)).toBe('kind');
    expect(flow.actor.getSnapshot().context.accountProblem).toBe('barcode');
    flow.actor.send({ type: 'user.chooseKind', kind: 'water' });
    expect(screen(flow)).toBe('account');
    expect(flow.actor.getSnapshot().context.accountProblem).toBeNull();
  });

  it('when the hub finds the typed account malformed, then the account screen says the format is wrong', async () => {
    const client = new FakeBillingClient();
    client.lookupError = new BillingCallError('invalid-account', 422);
    const flow = start(client);
    await toBills(flow);
    expect(screen(flow)).toBe('account');
    expect(flow.actor.getSnapshot().context.accountProblem).toBe('format');
  });

  it('when a kind has two billers, then the resident chooses one; with one, that screen is skipped', async () => {
    const flow = start();
    await settle();
    flow.actor.send({ type: 'user.chooseKind', kind: 'electricity' });
    expect(screen(flow)).toBe('biller');
    flow.actor.send({ type: 'user.chooseBiller', billerId: 'fz-power-coop' });
    expect(screen(flow)).toBe('account');
    expect(flow.actor.getSnapshot().context.biller?.name).toBe('鼓楼区供电服务站');
    flow.actor.send({ type: 'user.back' });
    flow.actor.send({ type: 'user.back' });
    flow.actor.send({ type: 'user.chooseKind', kind: 'water' });
    expect(screen(flow)).toBe('account');
  });

  it('when nothing is due, then the no-bills screen shows and back goes to the account', async () => {
    const client = new FakeBillingClient();
    client.bills = [];
    const flow = start(client);
    await toBills(flow);
    expect(screen(flow)).toBe('no-bills');
    flow.actor.send({ type: 'user.back' });
    expect(screen(flow)).toBe('account');
  });

  it('when the resident unticks a bill, then only the others are quoted', async () => {
    const flow = start();
    await toBills(flow);
    flow.actor.send({ type: 'user.toggleBill', billId: 'b-2026-11' });
    flow.actor.send({ type: 'user.next' });
    await settle();
    expect(flow.client.callsOf('quote')[0]).toEqual([
      { accountToken: 'acct-token-1', billIds: ['b-2026-09', 'b-2026-10'] },
    ]);
    expect(flow.actor.getSnapshot().context.quote?.totalFen).toBe(4280 + 3650);
  });

  it('when the catalog does not load, then an error with retry shows, and retry loads it', async () => {
    const client = new FakeBillingClient();
    client.catalogAnswer = new BillingCallError('hub-unreachable', 502);
    const flow = start(client);
    await settle();
    expect(screen(flow)).toBe('error');
    client.catalogAnswer = (await import('./fake-billing-client.ts')).demoCatalog();
    flow.actor.send({ type: 'user.retry' });
    await settle();
    expect(screen(flow)).toBe('kind');
  });
});

describe('quotes and failures', () => {
  it('when the quote has expired by the time it is confirmed, then a new quote is made and shown to check again', async () => {
    const client = new FakeBillingClient();
    client.quoteLifetimeMs = -1;
    const flow = start(client);
    await toBills(flow);
    flow.actor.send({ type: 'user.next' });
    await settle();
    client.quoteLifetimeMs = 600_000;
    flow.actor.send({ type: 'user.confirmQuote' });
    await settle();
    expect(screen(flow)).toBe('quote');
    expect(flow.actor.getSnapshot().context.quote?.id).toBe('q-2');
    expect(flow.actor.getSnapshot().context.notice).toBe('quote-renewed');
  });

  it('when the hub refuses the pay call as quote-expired, then the bills are quoted again', async () => {
    const flow = start();
    flow.client.payAnswers = [new BillingCallError('quote-expired', 409)];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    expect(screen(flow)).toBe('quote');
    expect(flow.client.callsOf('quote')).toHaveLength(2);
  });

  it('when the hub no longer knows the looked-up account at quoting, then the account is looked up again', async () => {
    const flow = start();
    await toBills(flow);
    const quote = flow.client.quote.bind(flow.client);
    let refused = false;
    flow.client.quote = (request) => {
      if (refused) return quote(request);
      refused = true;
      return Promise.reject(new BillingCallError('lookup-not-found', 404));
    };
    flow.actor.send({ type: 'user.next' });
    await settle();
    expect(flow.client.callsOf('lookup')).toHaveLength(2);
    expect(screen(flow)).toBe('bills');
  });

  it('when the hub answers the pay call with request-in-progress, then it is treated as perhaps charged: no cancel, retry with the key', async () => {
    const flow = start();
    flow.client.payAnswers = [new BillingCallError('request-in-progress', 409)];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    expect(screen(flow)).toBe('pay-error');
    flow.actor.send({ type: 'user.cancel' });
    expect(screen(flow)).toBe('pay-error');
  });

  it('when the hub refuses the pay call outright, then nothing was charged: the error offers back and cancel', async () => {
    const flow = start();
    flow.client.payAnswers = [new BillingCallError('idempotency-key-reused', 422)];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    expect(screen(flow)).toBe('error');
    flow.actor.send({ type: 'user.cancel' });
    await settle();
    expect(flow.actor.getSnapshot().output).toEqual({ outcome: 'home' });
  });

  it('when the card is declined, then the screen says no money was taken, nothing prints, and another way gets a new key', async () => {
    const flow = start();
    flow.client.states = ['failed'];
    flow.client.settled = { reason: 'card-declined' };
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'card' });
    await settle();
    flow.actor.send(cardIn);
    await settle();
    await poll(flow);

    expect(screen(flow)).toBe('failed');
    expect(flow.actor.getSnapshot().context.payment?.reason).toBe('card-declined');
    expect(flow.client.callsOf('printReceipt')).toHaveLength(0);
    expect(flow.client.callsOf('ejectCard')).toHaveLength(1);
    flow.actor.send({ type: 'user.otherMethod' });
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    const [first, second] = payKeys(flow.client);
    expect(second).not.toBe(first);
  });

  it('when the pay call goes unanswered, then there is no cancel, and retry sends the same idempotency key', async () => {
    const flow = start();
    flow.client.payAnswers = [
      new BillingCallError('hub-timeout', 504),
      new BillingCallError('unreachable', null),
    ];
    flow.client.states = ['posted'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    expect(screen(flow)).toBe('pay-error');
    flow.actor.send({ type: 'user.cancel' });
    expect(screen(flow)).toBe('pay-error');

    flow.actor.send({ type: 'user.retry' });
    await settle();
    flow.actor.send({ type: 'user.retry' });
    await settle();
    const keys = payKeys(flow.client);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen(flow)).toBe('pay-qr');
  });

  it('when the hub says unknown, then the screen waits for its resolver, and prints once it is posted', async () => {
    const flow = start();
    flow.client.states = ['unknown', 'unknown', 'posted'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'card' });
    await settle();
    flow.actor.send(cardIn);
    await settle();
    expect(screen(flow)).toBe('waiting');
    await poll(flow, 2);
    expect(screen(flow)).toBe('done');
    expect(flow.client.callsOf('printReceipt')).toHaveLength(1);
  });

  it('when the money was taken but the biller never confirms, then in the end the receipt prints all the same', async () => {
    const flow = start();
    flow.client.states = ['posting'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'payment-code' });
    await settle();
    flow.actor.send(scan('284512345678901234'));
    await settle();
    for (let t = 0; t < TIMINGS.giveUp; t += TIMINGS.poll) await poll(flow);
    expect(screen(flow)).toBe('done');
    expect(flow.client.callsOf('printReceipt')).toHaveLength(1);
  });

  it('when the biller refuses the posting and the money comes back, then the screen says so, the refund receipt prints, and it can be printed once more', async () => {
    const flow = start();
    flow.client.states = ['paid', 'posting', 'refunding', 'refunded'];
    flow.client.settled = { reason: 'posting-failed' };
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'card' });
    await settle();
    flow.actor.send(cardIn);
    await settle();
    await poll(flow, 4);
    expect(screen(flow)).toBe('refunded');
    expect(flow.actor.getSnapshot().context.payment).toMatchObject({
      state: 'refunded',
      reason: 'posting-failed',
    });
    expect(flow.client.callsOf('printReceipt')).toEqual([['pay-0001', 's-1']]);
    expect(flow.actor.getSnapshot().context.printed).toBe(true);
    expect(flow.actor.getSnapshot().context.reprint).toBe('offered');
    flow.actor.send({ type: 'user.reprint' });
    await settle();
    expect(flow.client.callsOf('reprintReceipt')).toEqual([['pay-0001', 's-1']]);
    expect(flow.actor.getSnapshot().context.reprint).toBe('done');
    expect(screen(flow)).toBe('refunded');
    flow.actor.send({ type: 'user.finish' });
    expect(flow.actor.getSnapshot().output).toEqual({ outcome: 'done' });
  });

  it('when the payment stays in authorizing, then the screen says it is slow and in the end gives the hotline', async () => {
    const flow = start();
    flow.client.states = ['authorizing'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'card' });
    await settle();
    flow.actor.send(cardIn);
    await settle();
    expect(screen(flow)).toBe('waiting');
    for (let t = 0; t < TIMINGS.slow; t += TIMINGS.poll) await poll(flow);
    expect(flow.actor.getSnapshot().context.slow).toBe(true);
    flow.actor.send({ type: 'user.cancel' });
    expect(screen(flow)).toBe('waiting');
    for (let t = TIMINGS.slow; t < TIMINGS.giveUp; t += TIMINGS.poll) await poll(flow);
    expect(screen(flow)).toBe('unknown');
  });

  it('when the printer fails, then the e-receipt QR shows instead', async () => {
    const flow = await toMethodWithFailingPrinter('paper-out');
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    await poll(flow, 2);
    expect(screen(flow)).toBe('e-receipt');
    expect(flow.actor.getSnapshot().context.printFailed).toBe(true);
    expect(flow.actor.getSnapshot().context.payment?.receiptUrl).toBe('https://hub.example.cn/r/pay-0001');
  });

  it('when the printer jams during the payment (the shell hears of it before the print fails), then the e-receipt still says the receipt did not print', async () => {
    const flow = await toMethodWithFailingPrinter('paper-jam');
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    flow.actor.send({ type: 'device.offer', offer: { ...OFFER, receipt: 'qr' } });
    await poll(flow, 2);
    expect(screen(flow)).toBe('e-receipt');
    expect(flow.actor.getSnapshot().context.printFailed).toBe(true);
  });

  it('when the shell says the printer ran out of paper before paying, then the method screen says QR receipt, the agent is still asked (it journals the unprinted receipt) and the QR shows as promised, not as a failure', async () => {
    const flow = await toMethodWithFailingPrinter('paper-out');
    flow.actor.send({ type: 'device.offer', offer: { ...OFFER, receipt: 'qr' } });
    expect(flow.actor.getSnapshot().context.offer.receipt).toBe('qr');
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    await poll(flow, 2);
    expect(screen(flow)).toBe('e-receipt');
    expect(flow.actor.getSnapshot().context.printFailed).toBe(false);
    expect(flow.client.callsOf('printReceipt')).toEqual([['pay-0001', 's-1']]);
  });
});

describe('cancel', () => {
  it('when the resident cancels on any screen before paying, then the flow goes home and cancels nothing', async () => {
    for (const reach of [settle, (f: Flow) => toBills(f, '1'), toBills, toMethod]) {
      const flow = start();
      await reach(flow);
      flow.actor.send({ type: 'user.cancel' });
      await settle();
      expect(flow.actor.getSnapshot().output).toEqual({ outcome: 'home' });
      expect(flow.client.callsOf('cancel')).toHaveLength(0);
    }
  });

  it('when the resident cancels while the QR shows, then the payment is cancelled and the flow goes home', async () => {
    const flow = start();
    flow.client.states = ['awaiting_payer'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    flow.actor.send({ type: 'user.cancel' });
    await settle();
    expect(flow.client.callsOf('cancel')).toEqual([['pay-0001']]);
    expect(flow.actor.getSnapshot().output).toEqual({ outcome: 'home' });
  });

  it('when the QR runs out unpaid, then it is cancelled and the method screen says no money was taken', async () => {
    const flow = start();
    flow.client.states = ['awaiting_payer'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    flow.clock.increment(120_000 + TIMINGS.qrGrace + 1_000);
    await settle();
    expect(flow.client.callsOf('cancel')).toHaveLength(1);
    expect(screen(flow)).toBe('method');
    expect(flow.actor.getSnapshot().context.notice).toBe('qr-expired');
  });

  it('when a card is inside and the resident cancels, then the card is given back', async () => {
    const flow = start();
    flow.client.card = new BillingCallError('card-unreadable', 503);
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'card' });
    await settle();
    flow.actor.send(cardIn);
    await settle();
    expect(screen(flow)).toBe('error');
    flow.actor.send({ type: 'user.cancel' });
    await settle();
    expect(flow.client.callsOf('ejectCard')).toHaveLength(1);
    expect(flow.actor.getSnapshot().output).toEqual({ outcome: 'home' });
  });

  it('when money may be moving, then the QR and waiting screens allow a longer idle time', async () => {
    const flow = start();
    flow.client.states = ['awaiting_payer'];
    await toMethod(flow);
    flow.actor.send({ type: 'user.chooseMethod', method: 'qr' });
    await settle();
    const metas = Object.values(flow.actor.getSnapshot().getMeta()) as { idleSeconds?: number }[];
    expect(metas.some((m) => (m.idleSeconds ?? 0) >= 180)).toBe(true);
  });
});
