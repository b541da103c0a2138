import type { Logger } from 'pino';
import type { PrintDocument } from '../../hardware/printer/print-document.ts';
import type { PrintReceipt } from '../../hardware/printer/print-job.ts';
import type { Payment } from '../../hub-server/modules/billing/billing.contract.ts';
import { CARD_PAY_PATH } from '../api/card-payment.ts';
import { reprintOf } from '../commands/reprint.ts';
import type { HubClient } from '../hub/hub-client.ts';
import type { Journal } from '../journal/journal.ts';
import type { ReceiptMemory } from '../session/receipt-memory.ts';
import { PRINTABLE_STATES, paymentReceipt, type ReceiptKiosk } from './payment-receipt.ts';

/** The part of the printer driver a receipt needs. */
export interface PaymentPrinter {
  print(document: PrintDocument, opts: { jobId: string }): Promise<PrintReceipt>;
}

export interface PaymentReceiptsDeps {
  /** The hub link's client (undefined while the agent starts). */
  hub: () => HubClient | undefined;
  printer: PaymentPrinter | undefined;
  journal: Journal;
  receipts: ReceiptMemory;
  kiosk: ReceiptKiosk;
  logger: Logger;
}

/** Why a receipt was not printed, before the printer was asked. */
export class ReceiptRefusedError extends Error {
  constructor(
    readonly code: 'payment-not-printable' | 'not-configured' | 'hub-not-linked' | 'nothing-to-reprint',
    message: string,
  ) {
    super(message);
    this.name = 'ReceiptRefusedError';
  }
}

/** What a print came to: when the printer confirmed it, and whether that was an earlier print. */
export interface ReceiptPrinted {
  printedAt: string;
  alreadyPrinted: boolean;
}

/**
 * Prints a bill payment's paper receipt, rendered by the agent from the hub's record of the
 * payment, under the payment's journal key: the result is journaled with the payment step, and a
 * key whose receipt was printed once is never printed again (a screen's retry, a restart's
 * recovery and a double tap all get the first print). Prints of one key take turns.
 */
export class PaymentReceipts {
  private readonly turns = new Map<string, Promise<unknown>>();
  /** The last receipt this agent printed for a resident at the screen, for a reprint. */
  private last: { paymentId: string; sessionId: string; document: PrintDocument } | undefined;

  constructor(private readonly d: PaymentReceiptsDeps) {}

  /** The payment as the hub has it now (`GET /api/v1/kiosk/billing/payments/:id`); throws HubCallError. */
  fetch(paymentId: string): Promise<Payment> {
    const hub = this.d.hub();
    if (!hub) throw new ReceiptRefusedError('hub-not-linked', 'the hub link is not up yet');
    return hub.call<Payment>(`${CARD_PAY_PATH}/${encodeURIComponent(paymentId)}`);
  }

  /** When `paymentId`'s receipt came out of this kiosk's printer, if the journal says it did. */
  async printedAt(paymentId: string): Promise<string | undefined> {
    const key = await this.keyOf(paymentId);
    const print = key ? (await this.d.journal.state(key))?.print : undefined;
    return print?.ok ? print.at : undefined;
  }

  /** The journal key of the step that paid `paymentId`, if this kiosk's journal holds it. */
  keyOf(paymentId: string): Promise<string | undefined> {
    return this.d.journal.keyAnsweredWith(CARD_PAY_PATH, paymentId);
  }

  /**
   * Prints the receipt once per journal key (`key`: the payment's; none when the journal lacks it).
   * `sessionId`: the resident's at the screen, who may then have it reprinted.
   */
  print(
    payment: Payment,
    opts: { jobId: string; key?: string; note?: string; sessionId?: string },
  ): Promise<ReceiptPrinted> {
    const { key } = opts;
    if (!key) return this.printNow(payment, opts);
    const before = this.turns.get(key) ?? Promise.resolve();
    const mine = before.catch(() => {}).then(() => this.printNow(payment, opts));
    this.turns.set(key, mine);
    void mine
      .catch(() => {})
      .finally(() => {
        if (this.turns.get(key) === mine) this.turns.delete(key);
      });
    return mine;
  }

  /**
   * Prints `paymentId`'s receipt again, marked 补打凭条 REPRINT, for the session it was printed
   * for: only while it is the last receipt printed and within the two minutes the agent keeps it.
   */
  async reprint(
    paymentId: string,
    opts: { jobId: string; sessionId: string },
  ): Promise<{ printedAt: string }> {
    const last = this.last;
    const kept = this.d.receipts.lastReceipt();
    if (
      !last ||
      last.paymentId !== paymentId ||
      last.sessionId !== opts.sessionId ||
      kept?.document !== last.document
    )
      throw new ReceiptRefusedError('nothing-to-reprint', 'no receipt of this payment to print again');
    const printer = this.d.printer;
    if (!printer) throw new ReceiptRefusedError('not-configured', 'this kiosk has no printer');
    const { printedAt } = await printer.print(reprintOf(last.document), { jobId: opts.jobId });
    return { printedAt };
  }

  private async printNow(
    payment: Payment,
    { jobId, key, note, sessionId }: { jobId: string; key?: string; note?: string; sessionId?: string },
  ): Promise<ReceiptPrinted> {
    if (!PRINTABLE_STATES.includes(payment.state))
      throw new ReceiptRefusedError('payment-not-printable', `a ${payment.state} payment has no receipt`);
    const done = key ? (await this.d.journal.state(key))?.print : undefined;
    if (done?.ok) return { printedAt: done.at, alreadyPrinted: true };
    const printer = this.d.printer;
    if (!printer) throw new ReceiptRefusedError('not-configured', 'this kiosk has no printer');
    const document = paymentReceipt(payment, this.d.kiosk, note);
    try {
      const { printedAt } = await printer.print(document, { jobId });
      this.d.receipts.remember(document, printedAt);
      this.last = sessionId ? { paymentId: payment.id, sessionId, document } : undefined;
      if (key) await this.journal(key, { ok: true });
      return { printedAt, alreadyPrinted: false };
    } catch (err) {
      const e = err as { reason?: string; code?: string };
      if (key) await this.journal(key, { ok: false, code: e.reason ?? e.code ?? 'error' });
      throw err;
    }
  }

  private async journal(key: string, result: { ok: boolean; code?: string }): Promise<void> {
    await this.d.journal
      .printResult(key, result)
      .catch((err) =>
        this.d.logger.error({ key, err: (err as Error).message }, 'print result not journaled'),
      );
  }
}
