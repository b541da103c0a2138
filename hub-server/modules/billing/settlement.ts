import type { Logger } from 'pino';
import {
  type BillerAdapter,
  BillerRejectedError,
  BillerTimeoutError,
  BillerUnavailableError,
} from './biller-adapter.ts';
import type { BillingStore } from './billing.store.ts';
import { withDeadline } from './deadline.ts';
import { POST_ATTEMPTS } from './domain.ts';
import { GatewayTimeoutError, type PaymentGateway } from './gateway/gateway-adapter.ts';
import type { PaymentMover } from './payment.mover.ts';
import type { PaymentRecord, PaymentStore } from './payment.store.ts';

export interface SettlementDeps {
  store: PaymentStore;
  quotes: BillingStore;
  mover: PaymentMover;
  gateway: PaymentGateway;
  billerFor: (billerId: string) => BillerAdapter;
  logger: Logger;
  timeoutMs: number;
  /** The pause between posting attempts. */
  retryDelayMs: number;
}

/**
 * Takes a charged payment to the end: paid → posting → posted, or, when the biller refuses or
 * keeps failing (POST_ATTEMPTS), refunding → refunded with reason `posting-failed`. A lost answer
 * leaves it `unknown` for the resolver. One worker per payment in this process; the biller and
 * the gateway apply a repeated posting or refund once (the payment id is their serial).
 */
export class Settlement {
  private readonly busy = new Set<string>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly d: SettlementDeps) {}

  /**
   * Settles in the background (the kiosk polls); `idle()` waits for it. `from`: the payment as
   * the caller just wrote it, which saves reading it back.
   */
  kick(id: string, from?: PaymentRecord): void {
    const run = this.settle(id, from)
      .catch((err: unknown) => this.d.logger.error({ err, paymentId: id }, 'settlement failed'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves once every background settlement has stopped. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  isBusy(id: string): boolean {
    return this.busy.has(id);
  }

  /** Drives one payment as far as it goes now, each step from the row the step before wrote. */
  async settle(id: string, from?: PaymentRecord): Promise<void> {
    if (this.busy.has(id)) return;
    this.busy.add(id);
    try {
      let p = from ?? (await this.d.store.find(id));
      // Whether the move into posting already counted the first posting attempt.
      let counted = false;
      for (;;) {
        if (!p) return;
        const next: PaymentRecord | undefined =
          p.state === 'paid'
            ? await this.d.mover.move(p, 'posting', { postAttempts: p.postAttempts + 1 })
            : p.state === 'posting'
              ? await this.post(p, counted)
              : p.state === 'refunding'
                ? await this.refund(p)
                : undefined;
        if (!next || next.state === p.state) return;
        counted = p.state === 'paid';
        p = next;
      }
    } finally {
      this.busy.delete(id);
    }
  }

  /**
   * Posts to the biller, up to POST_ATTEMPTS in all, each counted before it is made (`counted`:
   * the first one already was, with the move into posting).
   */
  private async post(p: PaymentRecord, counted: boolean): Promise<PaymentRecord | undefined> {
    const quote = (await this.d.quotes.findQuote(p.quoteId))!;
    const first = counted ? p.postAttempts : p.postAttempts + 1;
    for (let attempt = first; ; attempt++) {
      if (!counted || attempt > first) await this.d.store.countPostAttempt(p.id);
      try {
        const { postingRef } = await withDeadline(
          this.d.billerFor(quote.billerId).post({
            serial: p.id,
            billerId: quote.billerId,
            account: quote.account,
            billIds: quote.items.map((i) => i.billId),
            amountFen: quote.amountFen,
          }),
          this.d.timeoutMs,
          () => new BillerTimeoutError('the biller did not answer in time'),
        );
        return await this.d.mover.move(p, 'posted', { postingRef });
      } catch (err) {
        if (err instanceof BillerTimeoutError)
          return this.d.mover.move(p, 'unknown', { reason: 'biller-timeout' });
        const rejected = err instanceof BillerRejectedError;
        if (!rejected && !(err instanceof BillerUnavailableError)) throw err;
        if (rejected || attempt >= POST_ATTEMPTS) {
          this.d.logger.warn(
            { paymentId: p.id, attempt, err: (err as Error).message },
            'posting failed for good',
          );
          return this.d.mover.move(p, 'refunding', { reason: 'posting-failed' });
        }
        await new Promise((r) => setTimeout(r, this.d.retryDelayMs * attempt));
      }
    }
  }

  private async refund(p: PaymentRecord): Promise<PaymentRecord | undefined> {
    try {
      const { refundRef } = await withDeadline(
        this.d.gateway.refund({ orderNo: p.id, amountFen: p.totalFen }),
        this.d.timeoutMs,
        () => new GatewayTimeoutError('the gateway did not answer in time'),
      );
      return await this.d.mover.move(p, 'refunded', { refundRef, reason: p.reason ?? 'posting-failed' });
    } catch (err) {
      if (err instanceof GatewayTimeoutError)
        return this.d.mover.move(p, 'unknown', { reason: p.reason ?? 'posting-failed' });
      // Refused or unreachable: stays refunding, and the resolver tries again later.
      this.d.logger.error({ err, paymentId: p.id }, 'refund failed; will retry');
      return undefined;
    }
  }
}
