import { z } from 'zod';
import '../../http/openapi.ts';
import { FEE_KINDS } from './billers.ts';
import type * as C from './billing.contract.ts';
import { PAYMENT_STATES } from './domain.ts';

/*
 * The zod side of billing.contract.ts: requests parsed at the edge, responses documented in
 * OpenAPI. The `Same<…>` lines below fail the typecheck when a schema and the contract part.
 */

const fen = z.number().int().nonnegative();
export const FeeKind = z.enum(FEE_KINDS as [C.FeeKind, ...C.FeeKind[]]);

export const BillerInfo = z
  .object({
    id: z.string(),
    kind: FeeKind,
    name: z.string(),
    account: z.object({
      label: z.string(),
      pattern: z.string(),
      keypad: z.enum(['numeric', 'text']),
      example: z.string(),
    }),
    barcode: z.boolean(),
  })
  .openapi('BillerInfo');

export const BillingCatalog = z
  .object({ kinds: z.array(z.object({ kind: FeeKind, billers: z.array(BillerInfo) })) })
  .openapi('BillingCatalog');

export const LookupRequest = z
  .union([
    z.object({ billerId: z.string().min(1).max(60), account: z.string().min(1).max(40) }).strict(),
    z.object({ barcode: z.string().min(1).max(80) }).strict(),
  ])
  .openapi('LookupRequest');

export const Bill = z.object({
  id: z.string(),
  period: z.string(),
  amountFen: fen,
  lateFeeFen: fen,
  dueDate: z.string(),
  overdue: z.boolean(),
});

export const LookupResult = z
  .object({
    biller: BillerInfo,
    accountMasked: z.string(),
    holderMasked: z.string(),
    accountToken: z.string(),
    bills: z.array(Bill),
  })
  .openapi('LookupResult');

export const QuoteRequest = z
  .object({
    accountToken: z.string().min(1).max(100),
    billIds: z.array(z.string().min(1).max(100)).min(1).max(24),
  })
  .openapi('QuoteRequest');

export const Quote = z
  .object({
    id: z.string(),
    biller: BillerInfo,
    accountMasked: z.string(),
    items: z.array(z.object({ billId: z.string(), period: z.string(), amountFen: fen })),
    amountFen: fen,
    feeFen: fen,
    totalFen: fen,
    expiresAt: z.string(),
  })
  .openapi('Quote');

const quoteId = z.string().min(1).max(64);
export const PayRequest = z
  .discriminatedUnion('method', [
    z.object({ quoteId, method: z.literal('qr') }),
    z.object({ quoteId, method: z.literal('payment-code'), paymentCode: z.string().regex(/^\d{16,24}$/) }),
    z.object({ quoteId, method: z.literal('card'), cardToken: z.string().min(1).max(120) }),
  ])
  .openapi('PayRequest');

export const Payment = z
  .object({
    id: z.string(),
    state: z.enum(PAYMENT_STATES),
    method: z.enum(['qr', 'payment-code', 'card']),
    quote: Quote,
    qr: z.object({ content: z.string(), expiresAt: z.string() }).optional(),
    reason: z.string().optional(),
    gatewayRef: z.string().optional(),
    postingRef: z.string().optional(),
    receiptUrl: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Payment');

export const PaymentParams = z.object({ id: z.string() });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(_: T) => _;
same<Same<z.infer<typeof BillingCatalog>, C.BillingCatalog>>(true);
same<Same<z.infer<typeof LookupRequest>, C.LookupRequest>>(true);
same<Same<z.infer<typeof LookupResult>, C.LookupResult>>(true);
same<Same<z.infer<typeof QuoteRequest>, C.QuoteRequest>>(true);
same<Same<z.infer<typeof Quote>, C.Quote>>(true);
same<Same<z.infer<typeof PayRequest>, C.PayRequest>>(true);
same<Same<z.infer<typeof Payment>, C.Payment>>(true);
