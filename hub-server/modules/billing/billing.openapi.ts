import { z } from 'zod';
import { type ApiRoute, type OpenAPIRegistry, registerRoute } from '../../http/openapi.ts';
import {
  BillingCatalog,
  LookupRequest,
  LookupResult,
  Payment,
  PaymentParams,
  PayRequest,
  Quote,
  QuoteRequest,
} from './billing.schemas.ts';

type Route = Omit<ApiRoute, 'tags' | 'auth'>;

/** Documents the kiosk's billing routes (billing.contract.ts). */
export function registerBillingOpenApi(registry: OpenAPIRegistry): void {
  const kiosk = (r: Route) =>
    registerRoute(registry, { ...r, tags: ['kiosk'], auth: 'kiosk', path: `/api/v1/kiosk${r.path}` });
  kiosk({
    method: 'get',
    path: '/billing/catalog',
    summary: 'The thirteen kinds of fee and their billers, with each biller’s account format.',
    responses: { 200: { description: 'The catalog.', schema: BillingCatalog } },
  });
  kiosk({
    method: 'post',
    path: '/billing/lookup',
    summary: 'An account’s unpaid bills, by account number or by a paper bill’s barcode.',
    description:
      'The account is checked against the biller’s pattern first (422 `invalid-account`). The answer ' +
      'carries an `accountToken` that stands for the account in the quote for 30 minutes.',
    body: LookupRequest,
    responses: {
      200: { description: 'The account, masked, and its bills, oldest first.', schema: LookupResult },
    },
    errors: {
      404: ['biller-not-found', 'account-not-found'],
      422: ['invalid-account', 'invalid-barcode'],
      503: ['biller-unavailable'],
    },
  });
  kiosk({
    method: 'post',
    path: '/billing/quotes',
    summary: 'Prices the chosen bills (items, convenience fee, total); payable for 10 minutes.',
    body: QuoteRequest,
    responses: { 201: { description: 'The quote.', schema: Quote } },
    errors: { 404: ['lookup-not-found'], 422: ['unknown-bill'], 503: ['biller-unavailable'] },
  });
  kiosk({
    method: 'post',
    path: '/billing/payments',
    summary: 'Pays a quote by dynamic QR code, a wallet payment code or a bank card.',
    description:
      'Needs `Idempotency-Key`: a retry with the same key and body replays the answer, another body ' +
      'with the key is 422. Paying a quote that already has a payment answers with that payment. The ' +
      'money is charged at most once; poll `GET /billing/payments/{id}` until the state is final ' +
      '(`posted`, `failed`, `refunded`). States: created, awaiting_payer, authorizing, paid, posting, ' +
      'posted, failed, refunding, refunded, unknown.',
    body: PayRequest,
    responses: { 201: { description: 'The payment as it stands.', schema: Payment } },
    errors: {
      400: ['idempotency-key-required', 'invalid-idempotency-key'],
      404: ['quote-not-found'],
      409: ['quote-expired', 'request-in-progress'],
      422: ['idempotency-key-reused'],
    },
  });
  kiosk({
    method: 'get',
    path: '/billing/payments/:id',
    summary: 'One of this kiosk’s payments.',
    params: PaymentParams,
    paramsParsed: false,
    responses: { 200: { description: 'The payment.', schema: Payment } },
    errors: { 404: ['payment-not-found'] },
  });
  kiosk({
    method: 'post',
    path: '/billing/payments/:id/cancel',
    summary: 'Cancels a payment before money can move (created or awaiting the payer).',
    params: PaymentParams,
    paramsParsed: false,
    responses: { 200: { description: 'The payment, failed with reason `cancelled`.', schema: Payment } },
    errors: { 404: ['payment-not-found'], 409: ['payment-not-cancellable'] },
  });
  registerRoute(registry, {
    method: 'post',
    path: '/api/v1/gateway/notify',
    summary: 'The payment gateway’s notification that a payer paid (called by the gateway, not a kiosk).',
    description:
      'Authenticated by `x-gateway-signature: sha256=<hex>`, HMAC-SHA256 of the raw body with the ' +
      'shared secret. Duplicate, stale or out-of-order notifications are acknowledged and change nothing.',
    tags: ['kiosk'],
    auth: 'none',
    body: z.object({
      orderNo: z.string(),
      state: z.enum(['paid', 'closed']),
      gatewayRef: z.string().optional(),
      amountFen: z.number().int(),
      at: z.string(),
    }),
    responses: { 200: { description: 'Received.', schema: z.object({ ok: z.literal(true) }) } },
    errors: { 401: ['bad-signature'] },
  });
}
