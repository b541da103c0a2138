import type { Payment } from './billing.contract.ts';
import { toQuote } from './billing.service.ts';
import type { QuoteRecord } from './billing.store.ts';
import type { PaymentRecord } from './payment.store.ts';

/** The contract's Payment of a stored one; `baseUrl` is the hub as a phone reaches it. */
export function toPayment(p: PaymentRecord, quote: QuoteRecord, baseUrl: string): Payment {
  return {
    id: p.id,
    state: p.state,
    method: p.method,
    quote: toQuote(quote),
    ...(p.state === 'awaiting_payer' && p.qrContent && p.qrExpiresAt
      ? { qr: { content: p.qrContent, expiresAt: p.qrExpiresAt } }
      : {}),
    ...(p.reason ? { reason: p.reason } : {}),
    ...(p.gatewayRef ? { gatewayRef: p.gatewayRef } : {}),
    ...(p.postingRef ? { postingRef: p.postingRef } : {}),
    receiptUrl: `${baseUrl}/r/${p.receiptToken}`,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
