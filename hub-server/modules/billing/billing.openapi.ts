import { type ApiRoute, type OpenAPIRegistry, registerRoute } from '../../http/openapi.ts';
import { BillingCatalog, LookupRequest, LookupResult, Quote, QuoteRequest } from './billing.schemas.ts';

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
}
