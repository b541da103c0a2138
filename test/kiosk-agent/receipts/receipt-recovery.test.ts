import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintDocument } from '../../../hardware/printer/print-document.ts';
import type { Payment, PaymentState } from '../../../hub-server/modules/billing/billing.contract.ts';
import { CARD_PAY_PATH } from '../../../kiosk-agent/api/card-payment.ts';
import type { HubClient } from '../../../kiosk-agent/hub/hub-client.ts';
import { Journal } from '../../../kiosk-agent/journal/journal.ts';
import { Outbox } from '../../../kiosk-agent/outbox/outbox.ts';
import { PaymentReceipts } from '../../../kiosk-agent/receipts/payment-receipts.ts';
import {
  ANSWERED_WITHIN_MS,
  RECOVERY_NOTE,
  ReceiptRecovery,
} from '../../../kiosk-agent/receipts/receipt-recovery.ts';
import { ReceiptMemory } from '../../../kiosk-agent/session/receipt-memory.ts';
import { openAgentDb } from '../../../kiosk-agent/store/migrate.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { until } from '../../support/until.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const payment = (state: PaymentState): Payment =>
  ({
    id: 'p-1',
    state,
    method: 'card',
    quote: {
      id: 'q-1',
      biller: { id: 'b', kind: 'water', name: '水务', account: { label: '户号' } },
      accountMasked: '35****4567',
      items: [],
      amountFen: 100,
      feeFen: 0,
      totalFen: 100,
    },
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
  }) as unknown as Payment;

/** A journal on a real agent database, a printer that records, a hub that answers from a script. */
async function rig(hubStates: PaymentState[]) {
  const t = tempDir();
  const db = await openAgentDb(t.dir);
  cleanups.push(t.remove, () => db.close());
  const journal = new Journal(db, new Outbox(db));
  const printed: PrintDocument[] = [];
  const notes: Record<string, unknown>[] = [];
  const hub = { call: async () => payment(hubStates.shift() ?? 'posted') } as unknown as HubClient;
  const receipts = new PaymentReceipts({
    hub: () => hub,
    printer: {
      print: async (doc, { jobId }) => {
        printed.push(doc);
        return { jobId, printedAt: new Date().toISOString() };
      },
    },
    journal,
    receipts: new ReceiptMemory(),
    kiosk: { id: 'k-1', name: '测试亭', timeZone: 'Asia/Shanghai' },
    logger: pino({ level: 'silent' }),
  });
  const recovery = new ReceiptRecovery({
    journal,
    receipts,
    notify: async (n) => void notes.push(n),
    logger: pino({ level: 'silent' }),
    poll: { firstMs: 5, maxMs: 20, giveUpMs: 2000 },
  });
  cleanups.push(() => recovery.stop());
  const step = async (key: string, path = CARD_PAY_PATH) => {
    await journal.intent('money', key, { method: 'POST', path, body: { quoteId: 'q-1' } });
    await journal.outcome(key, {
      result: 'done',
      httpStatus: 201,
      source: 'resolved',
      summary: { id: 'p-1' },
    });
  };
  return { journal, printed, notes, recovery, step };
}

const found = (state: PaymentState) => ({
  found: true as const,
  state: 'done' as const,
  status: 201,
  body: payment(state),
});

describe('the receipt a restart left unprinted (issue 7)', () => {
  it('when the hub’s answer is a payment still posting, then it is followed until posted and printed once, and the maintainers told', async () => {
    const r = await rig(['posting', 'posted']);
    await r.step('k-a');
    r.recovery.resolved('k-a', found('paid'));
    await until(() => r.notes.length > 0 || undefined);
    expect(r.printed).toHaveLength(1);
    expect(JSON.stringify(r.printed[0])).toContain('已入账 POSTED');
    expect(r.notes[0]).toMatchObject({
      type: 'payment.receipt-recovered',
      key: 'k-a',
      state: 'posted',
      printed: true,
    });
    expect((await r.journal.state('k-a'))?.print).toMatchObject({ ok: true });
  });

  it('when a successful print is journaled already, or the payment failed, or the step was no payment, then nothing prints', async () => {
    const r = await rig(['failed']);
    await r.step('k-b');
    await r.journal.printResult('k-b', { ok: true });
    r.recovery.resolved('k-b', found('posted'));
    await r.step('k-c');
    r.recovery.resolved('k-c', found('authorizing'));
    await r.step('k-d', `${CARD_PAY_PATH}/p-1/cancel`);
    r.recovery.resolved('k-d', found('posted'));
    r.recovery.resolved('k-e', { found: false });
    // The authorizing one is asked again after 5 ms and found failed: give it ample time.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.printed).toHaveLength(0);
    expect(r.notes).toHaveLength(0);
  });
});

describe('the receipt of a payment answered just before the agent stopped (issue 7)', () => {
  it('when the answer is journaled and no print was asked for, then after a restart it prints once, marked, and the maintainers are told', async () => {
    const r = await rig(['posted']);
    await r.step('k-f');
    r.recovery.afterRestart();
    await until(() => r.notes.length > 0 || undefined);
    expect(r.printed).toHaveLength(1);
    expect(JSON.stringify(r.printed[0])).toContain(RECOVERY_NOTE);
    expect(r.notes[0]).toMatchObject({ type: 'payment.receipt-recovered', key: 'k-f', printed: true });
    expect((await r.journal.state('k-f'))?.print).toMatchObject({ ok: true });
  });

  it('when the answered step was printed, failed to print, is older than the window, or was no payment, then the restart prints nothing', async () => {
    const r = await rig(['posted', 'posted', 'posted', 'posted']);
    await r.step('k-g');
    await r.journal.printResult('k-g', { ok: true });
    await r.step('k-h');
    // Paper out: the screen showed the e-receipt; the resident has gone.
    await r.journal.printResult('k-h', { ok: false, code: 'paper-out' });
    await r.step('k-i', `${CARD_PAY_PATH}/p-1/cancel`);
    await r.step('k-j');
    r.recovery.afterRestart(new Date(Date.now() + ANSWERED_WITHIN_MS + 60_000));
    expect(await r.journal.answeredUnprinted(CARD_PAY_PATH, new Date(0).toISOString())).toEqual([
      { key: 'k-j', id: 'p-1' },
    ]);
    await r.recovery.stop();
    expect(r.printed).toHaveLength(0);
    expect(r.notes).toHaveLength(0);
  });
});
