import type { Logger } from 'pino';
import type { BillerAdapter } from './biller-adapter.ts';
import type { BillingStore } from './billing.store.ts';
import { withDeadline } from './deadline.ts';
import { GatewayTimeoutError, type PaymentGateway } from './gateway/gateway-adapter.ts';
import type { PaymentMover } from './payment.mover.ts';
import type { PaymentService } from './payment.service.ts';
import type { PaymentRecord, PaymentStore } from './payment.store.ts';
import type { Settlement } from './settlement.ts';

export interface ResolverDeps {
  store: PaymentStore;
  quotes: BillingStore;
  mover: PaymentMover;
  gateway: PaymentGateway;
  billerFor: (billerId: string) => BillerAdapter;
  payments: PaymentService;
  settlement: Settlement;
  now: () => Date;
  logger: Logger;
  timeoutMs: number;
  /** A payment untouched this long is nobody's work any more (its worker died or lost an answer). */
  staleMs: number;
}

/**
 * The reconciliation job: closes expired QR orders, and finishes every payment left half-way by a
 * lost answer or a crash, by asking the gateway and the biller what really happened. It never
 * charges; it only posts, refunds, or records what the far ends say.
 */
export class PaymentResolver {
  constructor(private readonly d: ResolverDeps) {}

  /** One pass; answers how many payments it looked at. */
  async runOnce(): Promise<number> {
    const now = this.d.now();
    const expired = await this.d.store.listExpiredQr(now.toISOString());
    const stale = await this.d.store.listOpen(new Date(now.getTime() - this.d.staleMs).toISOString());
    const seen = new Set<string>();
    for (const p of [...expired, ...stale]) {
      if (seen.has(p.id) || this.d.settlement.isBusy(p.id)) continue;
      seen.add(p.id);
      await this.resolve(p).catch((err: unknown) =>
        this.d.logger.warn(
          { err: (err as Error).message, paymentId: p.id },
          'could not resolve a payment yet',
        ),
      );
    }
    await this.d.settlement.idle();
    return seen.size;
  }

  private async resolve(p: PaymentRecord): Promise<void> {
    const { mover, gateway } = this.d;
    const ask = <T>(call: Promise<T>) =>
      withDeadline(call, this.d.timeoutMs, () => new GatewayTimeoutError('no answer in time'));
    switch (p.state) {
      case 'awaiting_payer': {
        const expired = p.qrExpiresAt !== null && p.qrExpiresAt <= this.d.now().toISOString();
        const status = await ask(expired ? gateway.closeOrder(p.id) : gateway.query(p.id));
        if (status.state === 'paid') return this.d.payments.markPaid(p, status.gatewayRef);
        if (expired) await mover.move(p, 'failed', { reason: 'qr-expired' });
        return;
      }
      case 'created':
      case 'authorizing':
        // Its worker died: whether the gateway was asked is not known, so ask it.
        await mover.move(p, 'unknown', { reason: 'interrupted' });
        return this.resolve((await this.d.store.find(p.id))!);
      case 'unknown':
        return this.resolveUnknown(p, ask);
      default:
        this.d.settlement.kick(p.id);
    }
  }

  private async resolveUnknown(p: PaymentRecord, ask: <T>(call: Promise<T>) => Promise<T>): Promise<void> {
    const { mover, gateway } = this.d;
    if (p.stage === 'charge') {
      // Closing first means a payer cannot pay after we decided it failed.
      const status = await ask(gateway.closeOrder(p.id));
      if (status.state === 'paid') return this.d.payments.markPaid(p, status.gatewayRef);
      await mover.move(p, 'failed', { reason: p.reason ?? 'not-charged' });
    } else if (p.stage === 'post') {
      const quote = (await this.d.quotes.findQuote(p.quoteId))!;
      const status = await ask(this.d.billerFor(quote.billerId).queryPosting(p.id));
      if (status.state === 'posted') await mover.move(p, 'posted', { postingRef: status.postingRef });
      else if (await mover.move(p, 'posting')) this.d.settlement.kick(p.id);
    } else if (p.stage === 'refund') {
      const status = await ask(gateway.queryRefund(p.id));
      if (status.state === 'refunded')
        await mover.move(p, 'refunded', {
          refundRef: status.refundRef,
          reason: p.reason ?? 'posting-failed',
        });
      else if (await mover.move(p, 'refunding', { reason: p.reason ?? 'posting-failed' }))
        this.d.settlement.kick(p.id);
    }
  }
}

/** Runs the resolver every `intervalMs` (never two passes at once); returns stop(). */
export function startPaymentResolver({
  resolver,
  intervalMs,
  onError = () => {},
}: {
  resolver: PaymentResolver;
  intervalMs: number;
  onError?: (err: unknown) => void;
}) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    resolver
      .runOnce()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
