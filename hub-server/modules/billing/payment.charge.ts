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
 * Asks the gateway for the money of a just-created payment, once: the charge is claimed in the
 * database first, so a retried or concurrent request can never ask twice. A lost answer leaves the
 * payment `unknown` for the resolver; nothing here ever charges again.
 */
export async function startCharge(d: ChargeDeps, p: PaymentRecord, req: PayRequest, subject: string) {
  const at = d.now();
  const to = req.method === 'qr' ? 'created' : 'authorizing';
  if (!(await d.store.claimCharge(p, 'created', to, at.toISOString()))) return;
  const claimed = (await d.store.find(p.id))!;
  const ask = <T>(call: () => Promise<T>) =>
    withDeadline(call(), d.timeoutMs, () => new GatewayTimeoutError('the gateway did not answer in time'));
  try {
    if (req.method === 'qr') {
      const expiresAt = new Date(at.getTime() + QR_TTL_MS).toISOString();
      const { content } = await ask(() =>
        d.gateway.createQrOrder({ orderNo: p.id, amountFen: p.totalFen, subject, expiresAt }),
      );
      const shown = await d.mover.move(claimed, 'awaiting_payer', {
        qrContent: content,
        qrExpiresAt: expiresAt,
      });
      // Cancelled while the order was being made: nobody saw the code, close it at once.
      if (!shown) await d.gateway.closeOrder(p.id).catch(() => {});
      return;
    }
    const { gatewayRef } = await ask(() =>
      req.method === 'card'
        ? d.gateway.chargeCard({ orderNo: p.id, amountFen: p.totalFen, track2: req.cardToken })
        : d.gateway.chargeCode({ orderNo: p.id, amountFen: p.totalFen, code: req.paymentCode }),
    );
    await d.mover.move(claimed, 'paid', { gatewayRef });
  } catch (err) {
    if (err instanceof GatewayTimeoutError)
      await d.mover.move(claimed, 'unknown', { reason: 'gateway-timeout' });
    else if (err instanceof GatewayDeclinedError)
      await d.mover.move(claimed, 'failed', { reason: err.reason });
    else if (err instanceof GatewayUnavailableError)
      await d.mover.move(claimed, 'failed', { reason: 'gateway-unavailable' });
    else throw err;
  }
}
