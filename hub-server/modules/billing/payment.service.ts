import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { HttpError } from '../../http/errors.ts';
import { billerById } from './billers.ts';
import type { Payment, PayRequest } from './billing.contract.ts';
import type { BillingStore, QuoteRecord } from './billing.store.ts';
import { withDeadline } from './deadline.ts';
import { isCancellable } from './domain.ts';
import { type GatewayNotice, GatewayTimeoutError, type PaymentGateway } from './gateway/gateway-adapter.ts';
import { chargeClaimed } from './payment.charge.ts';
import type { PaymentMover } from './payment.mover.ts';
import type { PaymentRecord, PaymentStore } from './payment.store.ts';
import { toPayment } from './payment.view.ts';
import type { Settlement } from './settlement.ts';

export interface PaymentServiceDeps {
  store: PaymentStore;
  quotes: BillingStore;
  mover: PaymentMover;
  gateway: PaymentGateway;
  settlement: Settlement;
  now: () => Date;
  logger: Logger;
  /** The hub as a phone reaches it, for receipt links. */
  baseUrl: () => string;
  gatewayTimeoutMs: number;
}

const notFound = () => new HttpError(404, 'payment-not-found', 'No such payment at this kiosk.');

/** Paying a quote, following and cancelling a payment, and the gateway's notifications. */
export class PaymentService {
  constructor(private readonly d: PaymentServiceDeps) {}

  /** Pays a quote once: paying it again answers with the payment it already has. */
  async pay(kioskId: string, req: PayRequest): Promise<Payment> {
    const quote = await this.d.quotes.findQuote(req.quoteId);
    if (!quote || quote.kioskId !== kioskId)
      throw new HttpError(404, 'quote-not-found', 'No such quote at this kiosk.');
    const at = this.d.now();
    const now = at.toISOString();
    // A quote's payment is answered even after the quote expired. While it is fresh, the insert
    // below finds out (the UNIQUE quote_id) without a read first.
    if (now >= quote.expiresAt) {
      const existing = await this.d.store.findByQuote(quote.id);
      if (existing) return this.view(existing, quote);
      throw new HttpError(409, 'quote-expired', 'This quote has expired; quote the bills again.');
    }
    const p: PaymentRecord = {
      id: randomUUID(),
      kioskId,
      quoteId: quote.id,
      method: req.method,
      state: 'created',
      stage: null,
      reason: null,
      totalFen: quote.totalFen,
      qrContent: null,
      qrExpiresAt: null,
      gatewayRef: null,
      postingRef: null,
      refundRef: null,
      postAttempts: 0,
      receiptToken: randomBytes(18).toString('base64url'),
      createdAt: now,
      updatedAt: now,
    };
    // A QR payment is charged by the payer's phone later; its claim is taken now all the same.
    const claimed = await this.d.store.create(p, {
      to: req.method === 'qr' ? 'created' : 'authorizing',
      at: now,
    });
    if (!claimed) return this.view((await this.d.store.findByQuote(quote.id))!, quote);
    this.d.logger.info(
      { paymentId: p.id, kioskId, method: p.method, totalFen: p.totalFen },
      'payment created',
    );
    const subject = `${billerById(quote.billerId)?.name ?? ''}缴费`;
    const after = await chargeClaimed(
      { ...this.d, timeoutMs: this.d.gatewayTimeoutMs },
      claimed,
      req,
      subject,
      at,
    );
    if (after.state === 'paid') this.d.settlement.kick(p.id, after);
    return this.view(after, quote);
  }

  /** The kiosk's own payment. */
  async get(kioskId: string, id: string): Promise<Payment> {
    const p = await this.own(kioskId, id);
    return this.view(p, (await this.d.quotes.findQuote(p.quoteId))!);
  }

  /** Cancels before money can move; closes a QR order at the gateway first. */
  async cancel(kioskId: string, id: string): Promise<Payment> {
    const p = await this.own(kioskId, id);
    if (!isCancellable(p.state))
      throw new HttpError(
        409,
        'payment-not-cancellable',
        `A payment that is ${p.state} cannot be cancelled.`,
      );
    if (p.method === 'qr') {
      const status = await withDeadline(
        this.d.gateway.closeOrder(p.id),
        this.d.gatewayTimeoutMs,
        () => new GatewayTimeoutError('close timed out'),
      ).catch(() => undefined);
      if (!status) await this.d.mover.move(p, 'unknown', { reason: 'gateway-timeout' });
      else if (status.state === 'paid') {
        await this.markPaid(p, status.gatewayRef);
        throw new HttpError(409, 'payment-not-cancellable', 'The payer has already paid.');
      }
    }
    const now = (await this.d.store.find(p.id))!;
    if (isCancellable(now.state)) await this.d.mover.move(now, 'failed', { reason: 'cancelled' });
    return this.get(kioskId, id);
  }

  /** A verified gateway notification: a payer paid. Repeated or stale ones change nothing. */
  async onNotice(n: GatewayNotice): Promise<void> {
    const p = await this.d.store.find(n.orderNo);
    if (!p || n.state !== 'paid' || !n.gatewayRef) return;
    if (n.amountFen !== p.totalFen) {
      this.d.logger.error(
        { paymentId: p.id, amountFen: n.amountFen },
        'notice amount differs from the payment',
      );
      return;
    }
    if (p.state === 'awaiting_payer' || (p.state === 'unknown' && p.stage === 'charge'))
      await this.markPaid(p, n.gatewayRef);
    else if (p.state === 'failed')
      this.d.logger.error({ paymentId: p.id }, 'paid notice for a failed payment');
  }

  /** The payment and quote an e-receipt token stands for, if any. */
  async receipt(token: string): Promise<{ payment: PaymentRecord; quote: QuoteRecord } | undefined> {
    const payment = await this.d.store.findByReceiptToken(token);
    const quote = payment && (await this.d.quotes.findQuote(payment.quoteId));
    return payment && quote ? { payment, quote } : undefined;
  }

  /** Moves a payment the gateway reports paid, and starts posting it. */
  async markPaid(p: PaymentRecord, gatewayRef: string): Promise<void> {
    const paid = await this.d.mover.move(p, 'paid', { gatewayRef });
    if (paid) this.d.settlement.kick(p.id, paid);
  }

  private async own(kioskId: string, id: string): Promise<PaymentRecord> {
    const p = await this.d.store.find(id);
    if (!p || p.kioskId !== kioskId) throw notFound();
    return p;
  }

  private view(p: PaymentRecord, quote: QuoteRecord): Payment {
    return toPayment(p, quote, this.d.baseUrl());
  }
}
