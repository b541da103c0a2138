import type { Logger } from 'pino';
import {
  FINAL_PAYMENT_STATES,
  type Payment,
  type PaymentState,
} from '../../hub-server/modules/billing/billing.contract.ts';
import { CARD_PAY_PATH } from '../api/card-payment.ts';
import { HubCallError } from '../hub/hub-client.ts';
import type { Journal } from '../journal/journal.ts';
import type { HubKeyRecord } from '../journal/journal-resolver.ts';
import { PRINTABLE_STATES } from './payment-receipt.ts';
import type { PaymentReceipts } from './payment-receipts.ts';

/** How the recovery follows a payment that is not final yet: backoff from `firstMs` to `maxMs`, for `giveUpMs`. */
export interface RecoveryPoll {
  firstMs: number;
  maxMs: number;
  giveUpMs: number;
}

export const DEFAULT_RECOVERY_POLL: RecoveryPoll = { firstMs: 1000, maxMs: 30_000, giveUpMs: 15 * 60_000 };

export interface ReceiptRecoveryDeps {
  journal: Journal;
  receipts: PaymentReceipts;
  /** Tells the maintainers (the outbox's telemetry to the hub). */
  notify: (body: Record<string, unknown>) => Promise<void>;
  logger: Logger;
  poll?: Partial<RecoveryPoll>;
  /** How far back `afterRestart()` looks for answered steps never printed; ANSWERED_WITHIN_MS by default. */
  answeredWithinMs?: number;
}

/**
 * A step answered this long before a restart, with no print asked for, is one whose resident was
 * still at the screen when the agent stopped (a reboot takes minutes); an older one ended without
 * paper on purpose (e.g. the printer was out and the screen showed the e-receipt).
 */
export const ANSWERED_WITHIN_MS = 10 * 60_000;

/** The receipt's top line when it is printed after a restart, not while the resident waited. */
export const RECOVERY_NOTE = '断电/重启后补打 AFTER RESTART';

/**
 * Prints the receipt of a payment whose answer the agent lost to a crash or power cut: once the
 * journal resolver learns from the hub that the payment step arrived and the money was taken,
 * the payment is followed until final (bounded), and its receipt printed under its journal key
 * unless a successful print is already journaled. Each such print is logged for the maintainer
 * and sent to the hub as telemetry.
 */
export class ReceiptRecovery {
  private stopped = false;
  private readonly running = new Set<Promise<void>>();
  private readonly halt = new AbortController();
  private readonly poll: RecoveryPoll;

  constructor(private readonly d: ReceiptRecoveryDeps) {
    this.poll = { ...DEFAULT_RECOVERY_POLL, ...d.poll };
  }

  /** The resolver's callback: starts recovering `key` in the background. */
  resolved(key: string, record: HubKeyRecord): void {
    if (this.stopped || !record.found || !isPayment(record.body)) return;
    this.track(key, this.recover(key, record.body));
  }

  /**
   * At start: the payment steps the hub answered shortly before (`answeredWithinMs`) whose receipt
   * was never asked for, because the agent stopped between journaling the answer and the screen's
   * print, are recovered too: the payment is fetched (once the hub link is up) and followed as a
   * resolved one is. Steps still open are the resolver's (`resolved`).
   */
  afterRestart(startedAt: Date = new Date()): void {
    const since = new Date(startedAt.getTime() - (this.d.answeredWithinMs ?? ANSWERED_WITHIN_MS));
    const scan = this.d.journal.answeredUnprinted(CARD_PAY_PATH, since.toISOString()).then((steps) => {
      for (const { key, id } of steps)
        this.track(
          key,
          this.fetchOnce(id).then((payment) => payment && this.recover(key, payment)),
        );
    });
    this.track('answered steps', scan);
  }

  /** Waits for the recoveries under way (a poll stops at its next wake-up). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halt.abort();
    await Promise.all(this.running);
  }

  private async recover(key: string, answered: Payment): Promise<void> {
    const step = await this.d.journal.state(key);
    const path = (step?.request as { path?: string } | undefined)?.path;
    if (step?.kind !== 'money' || path !== CARD_PAY_PATH || step.print?.ok) return;
    const payment = await this.untilFinal(answered);
    if (!payment) return;
    const facts = { key, paymentId: payment.id, state: payment.state };
    if (!PRINTABLE_STATES.includes(payment.state)) {
      this.d.logger.info(facts, 'payment left open by a restart took no money; no receipt');
      return;
    }
    try {
      const printed = await this.d.receipts.print(payment, {
        jobId: `recovery-${key}`,
        key,
        note: RECOVERY_NOTE,
      });
      if (printed.alreadyPrinted) return;
      this.d.logger.warn(
        facts,
        'printed the receipt of a payment interrupted by a restart: check the kiosk tray',
      );
      await this.d.notify({ type: 'payment.receipt-recovered', ...facts, printed: true });
    } catch (err) {
      const code = (err as { reason?: string; code?: string }).reason ?? (err as { code?: string }).code;
      this.d.logger.error(
        { ...facts, code },
        'the receipt of a payment interrupted by a restart did not print',
      );
      await this.d.notify({ type: 'payment.receipt-recovered', ...facts, printed: false, code });
    }
  }

  /** Keeps `run` until it ends (stop() waits for it); a failure is logged. */
  private track(key: string, run: Promise<unknown>): void {
    const kept = run.then(
      () => {},
      (err) => this.d.logger.error({ key, err: (err as Error).message }, 'receipt recovery failed'),
    );
    this.running.add(kept);
    void kept.finally(() => this.running.delete(kept));
  }

  /** The payment as the hub has it, asked with the same backoff until it answers (undefined if stopped or bounded out). */
  private async fetchOnce(id: string): Promise<Payment | undefined> {
    let wait = this.poll.firstMs;
    const deadline = Date.now() + this.poll.giveUpMs;
    for (;;) {
      let refused = false;
      const payment = await this.fetch(id).catch((err) => {
        // No such payment: asking again will not change that (a 401 may: the link is still starting).
        refused = err instanceof HubCallError && err.status === 404;
        if (refused) this.d.logger.warn({ id, code: err.code }, 'the hub refused a payment to recover');
        return undefined;
      });
      if (payment || refused || this.stopped || Date.now() >= deadline)
        return this.stopped ? undefined : payment;
      await sleep(wait, this.halt.signal);
      wait = Math.min(wait * 2, this.poll.maxMs);
    }
  }

  /** The hub link may not be up yet when a recovery starts: that is a failed call too, not a throw. */
  private fetch(id: string): Promise<Payment> {
    return Promise.resolve().then(() => this.d.receipts.fetch(id));
  }

  /** The payment once final, or as it last was when the bound ran out (undefined if stopped). */
  private async untilFinal(first: Payment): Promise<Payment | undefined> {
    let payment = first;
    let wait = this.poll.firstMs;
    const deadline = Date.now() + this.poll.giveUpMs;
    while (!isFinal(payment.state) && Date.now() < deadline) {
      await sleep(wait, this.halt.signal);
      if (this.stopped) return undefined;
      wait = Math.min(wait * 2, this.poll.maxMs);
      payment = await this.fetch(payment.id).catch(() => payment);
    }
    return this.stopped ? undefined : payment;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', wake);
      resolve();
    }, ms);
    signal.addEventListener('abort', wake, { once: true });
  });
}

const isFinal = (state: PaymentState) => FINAL_PAYMENT_STATES.includes(state);

function isPayment(body: unknown): body is Payment {
  const p = body as Partial<Payment> | null;
  return typeof p?.id === 'string' && typeof p.state === 'string' && typeof p.quote === 'object';
}
