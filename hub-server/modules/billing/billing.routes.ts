import { type Request, type RequestHandler, Router } from 'express';
import { parseBody } from '../../http/validate.ts';
import { LookupRequest, QuoteRequest } from './billing.schemas.ts';
import type { BillingService } from './billing.service.ts';

export interface BillingRoutesDeps {
  billing: BillingService;
  requireKiosk: RequestHandler;
  kioskIdOf: (req: Request) => string;
}

/** The kiosk's bill lookup and pricing routes, mounted at /api/v1/kiosk (billing.contract.ts). */
export function billingKioskRoutes({ billing, requireKiosk, kioskIdOf }: BillingRoutesDeps): Router {
  const r = Router();
  r.get('/billing/catalog', requireKiosk, (_req, res) => {
    res.json(billing.catalog());
  });
  r.post('/billing/lookup', requireKiosk, async (req, res) => {
    res.json(await billing.lookup(kioskIdOf(req), parseBody(LookupRequest, req)));
  });
  r.post('/billing/quotes', requireKiosk, async (req, res) => {
    res.status(201).json(await billing.quote(kioskIdOf(req), parseBody(QuoteRequest, req)));
  });
  return r;
}
