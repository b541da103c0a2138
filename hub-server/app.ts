import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Database } from './db/database.ts';
import { consoleStatic } from './http/console-static.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { type Metrics, metricsRoute } from './http/metrics.ts';
import { createApiRegistry, openApiRoutes } from './http/openapi.ts';
import { requestContext } from './http/request-context.ts';
import { registerAuditOpenApi } from './modules/audit/audit.openapi.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import type { Audit } from './modules/audit/audit.ts';
import { registerAuthOpenApi } from './modules/auth/auth.openapi.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { currentKiosk, kioskAuthRoutes, requireKiosk } from './modules/auth/kiosk-auth.ts';
import { currentPerson, requirePerson } from './modules/auth/middleware.ts';
import { type BillingModule, createBillingModule } from './modules/billing/billing.module.ts';
import { registerBillingOpenApi } from './modules/billing/billing.openapi.ts';
import { billingKioskRoutes } from './modules/billing/billing.routes.ts';
import { gatewayNotifyRoutes } from './modules/billing/gateway/gateway.routes.ts';
import { sandboxPayRoutes } from './modules/billing/gateway/sandbox-pay.page.ts';
import { receiptRoutes } from './modules/billing/receipt.routes.ts';
import { registerReconciliationOpenApi } from './modules/billing/reconciliation/reconciliation.openapi.ts';
import { reconciliationRoutes } from './modules/billing/reconciliation/reconciliation.routes.ts';
import { registerFleetOpenApi } from './modules/fleet/fleet.openapi.ts';
import { fleetConsoleRoutes, fleetKioskRoutes } from './modules/fleet/fleet.routes.ts';
import type { FleetService } from './modules/fleet/fleet.service.ts';
import { registryRoutes } from './modules/fleet/registry.routes.ts';
import { registerHealthOpenApi } from './modules/health/health.openapi.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { registerIdempotencyOpenApi } from './modules/idempotency/idempotency.openapi.ts';
import { idempotencyRoutes } from './modules/idempotency/idempotency.routes.ts';
import { idempotent } from './modules/idempotency/idempotency.ts';
import { registerKioskOutboxOpenApi } from './modules/kiosk-outbox/outbox.openapi.ts';
import { kioskOutboxRoutes } from './modules/kiosk-outbox/outbox.routes.ts';

export interface HubDeps {
  db: Database;
  logger: Logger;
  version: string;
  metrics: Metrics;
  fleet: FleetService;
  audit: Audit;
  now: () => Date;
  /** Secure cookies when the hub is served over HTTPS (behind its proxy). */
  cookieSecure: boolean;
  /** Bill payment; absent: built here on the sandbox biller and gateway. */
  billing?: BillingModule;
  /** When a kiosk request's idempotency claim counts as abandoned by a hub that died; IDEMPOTENCY_ABANDON_MS by default. */
  idempotencyAbandonMs?: number;
}

/** Builds the hub's Express app from its dependencies; no singletons, so a test can build many. */
export function buildHubApp({
  db,
  logger,
  version,
  metrics,
  audit,
  now,
  cookieSecure,
  fleet,
  billing = createBillingModule({ db, now, logger }),
  idempotencyAbandonMs,
}: HubDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Request ids first, so even a bad-JSON 400 has an id and an access line.
  app.use(requestContext({ logger }));
  app.use(metrics.middleware);
  app.use(metricsRoute(metrics.registry));
  // Before the JSON parser: the gateway signs the raw bytes.
  app.use('/api/v1/gateway', gatewayNotifyRoutes({ ...billing, logger }));
  app.use(express.json({ limit: '256kb' }));

  const api = createApiRegistry();
  app.use(openApiRoutes(api, { title: 'Tingzi hub', version }));
  registerHealthOpenApi(api);
  registerAuthOpenApi(api);
  registerAuditOpenApi(api);
  registerFleetOpenApi(api);
  registerIdempotencyOpenApi(api);
  registerKioskOutboxOpenApi(api);
  registerBillingOpenApi(api);
  registerReconciliationOpenApi(api);

  app.use('/api/v1', healthRoutes(version));
  app.use('/api/v1/console', authRoutes({ db, logger, now, audit, cookieSecure }));
  app.use('/api/v1/console', auditRoutes({ db, now, audit }));
  app.use('/api/v1/kiosk', kioskAuthRoutes({ db, logger, now, audit }));
  const kioskOnly = requireKiosk({ db });
  app.use(
    '/api/v1/kiosk',
    fleetKioskRoutes({
      service: fleet,
      requireKiosk: kioskOnly,
      kioskIdOf: currentKiosk,
      idempotent: idempotent({ db, now, kioskIdOf: currentKiosk, logger }),
    }),
  );
  app.use(
    '/api/v1/kiosk',
    idempotencyRoutes({
      db,
      now,
      requireKiosk: kioskOnly,
      kioskIdOf: currentKiosk,
      abandonAfterMs: idempotencyAbandonMs,
    }),
  );
  app.use('/api/v1/kiosk', kioskOutboxRoutes({ db, now, requireKiosk: kioskOnly, kioskIdOf: currentKiosk }));
  app.use(
    '/api/v1/kiosk',
    billingKioskRoutes({
      billing: billing.billing,
      payments: billing.payments,
      requireKiosk: kioskOnly,
      kioskIdOf: currentKiosk,
      idempotent: idempotent({ db, now, kioskIdOf: currentKiosk, logger }),
    }),
  );
  if (billing.sandbox.gateway) app.use(sandboxPayRoutes(billing.sandbox.gateway));
  app.use(receiptRoutes(billing));
  const person = requirePerson({ db, now });
  app.use(
    '/api/v1/console',
    fleetConsoleRoutes({
      service: fleet,
      requirePerson: (...roles) => person(...(roles as Parameters<typeof person>)),
      personIdOf: (req) => currentPerson(req).id,
      audit,
    }),
  );
  app.use(
    '/api/v1/console',
    registryRoutes({
      db,
      now,
      requirePerson: (...roles) => person(...(roles as Parameters<typeof person>)),
      personIdOf: (req) => currentPerson(req).id,
      audit,
    }),
  );
  app.use(
    '/api/v1/console',
    reconciliationRoutes({
      service: billing.reconciliation,
      requirePerson: (...roles) => person(...(roles as Parameters<typeof person>)),
      personIdOf: (req) => currentPerson(req).id,
      audit,
      now,
    }),
  );
  app.use(consoleStatic());
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
