import type { PayRequest } from './billing.contract.ts';
import { withDeadline } from './deadline.ts';
import { QR_TTL_MS } from './domain.ts';
import {
  GatewayDeclinedError,
  GatewayTimeoutError,
  GatewayUnavailableError,
  type PaymentGateway,
} from './gateway/gateway-adapter.ts';
import type { PaymentMover } from './payment.mover.ts';
import type { PaymentRecord, PaymentStore } from './payment.store.ts';

export interface ChargeDeps {
  store: PaymentStore;
  mover: PaymentMover;
  gateway: PaymentGateway;
  now: () => Date;
  timeoutMs: number;
}

/**
 * Asks the gateway for the money of a payment whose one charge was just claimed in the database
 * (`PaymentStore.create`, in the same write as the payment), so a retried or concurrent request
 * can never ask twice. A lost answer leaves the payment `unknown` for the resolver; nothing here
 * ever charges again. Answers the payment as the charge left it.
 */
export async function chargeClaimed(
  d: ChargeDeps,
  claimed: PaymentRecord,
  req: PayRequest,
  subject: string,
  at: Date,
): Promise<PaymentRecord> {
  const ask = <T>(call: () => Promise<T>) =>
    withDeadline(call(), d.timeoutMs, () => new GatewayTimeoutError('the gateway did not answer in time'));
  // Another worker moved it first (a cancel, the resolver): it is as that worker left it.
  const settled = async (moved: PaymentRecord | undefined) => moved ?? (await d.store.find(claimed.id))!;
  try {
    if (req.method === 'qr') {
      const expiresAt = new Date(at.getTime() + QR_TTL_MS).toISOString();
      const { content } = await ask(() =>
        d.gateway.createQrOrder({ orderNo: claimed.id, amountFen: claimed.totalFen, subject, expiresAt }),
      );
      const shown = await d.mover.move(claimed, 'awaiting_payer', {
        qrContent: content,
        qrExpiresAt: expiresAt,
      });
      // Cancelled while the order was being made: nobody saw the code, close it at once.
      if (!shown) await d.gateway.closeOrder(claimed.id).catch(() => {});
      return settled(shown);
    }
    const { gatewayRef } = await ask(() =>
      req.method === 'card'
        ? d.gateway.chargeCard({ orderNo: claimed.id, amountFen: claimed.totalFen, track2: req.cardToken })
        : d.gateway.chargeCode({ orderNo: claimed.id, amountFen: claimed.totalFen, code: req.paymentCode }),
    );
    return settled(await d.mover.move(claimed, 'paid', { gatewayRef }));
  } catch (err) {
    if (err instanceof GatewayTimeoutError)
      return settled(await d.mover.move(claimed, 'unknown', { reason: 'gateway-timeout' }));
    if (err instanceof GatewayDeclinedError)
      return settled(await d.mover.move(claimed, 'failed', { reason: err.reason }));
    if (err instanceof GatewayUnavailableError)
      return settled(await d.mover.move(claimed, 'failed', { reason: 'gateway-unavailable' }));
    throw err;
  }
}
