import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.ts';
import type { BillerAdapter } from './biller-adapter.ts';
import { BILLERS } from './billers.ts';
import { BillingService } from './billing.service.ts';
import { BillingStore } from './billing.store.ts';
import type { PaymentGateway } from './gateway/gateway-adapter.ts';
import { SandboxGateway } from './gateway/sandbox-gateway.ts';
import { PaymentMover } from './payment.mover.ts';
import { PaymentService } from './payment.service.ts';
import { PaymentStore } from './payment.store.ts';
import { ReconciliationService } from './reconciliation/reconciliation.service.ts';
import { PaymentResolver } from './resolver.ts';
import { SandboxBiller } from './sandbox/sandbox-biller.ts';
import { Settlement } from './settlement.ts';

export interface BillingModuleDeps {
  db: Database;
  now: () => Date;
  logger: Logger;
  /** The hub's base URL as a resident's phone reaches it (QR payer page, e-receipts). */
  baseUrl?: () => string;
  /** The adapter serving a biller; absent: the sandbox serves every biller. */
  billerFor?: (billerId: string) => BillerAdapter;
  /** The payment gateway; absent: the sandbox gateway. */
  gateway?: PaymentGateway;
  /** How long the gateway or a biller may take to answer. */
  timeoutMs?: number;
  /** Pause between posting attempts (times the attempt number). */
  retryDelayMs?: number;
  /** When the resolver takes over a payment nobody is working on. */
  staleMs?: number;
  /** When reconciliation says an open payment needs a person (default one hour untouched). */
  stuckMs?: number;
}

/** The billing module's services and, when they are the sandbox, its external systems (for tests and the demo). */
export interface BillingModule {
  billing: BillingService;
  payments: PaymentService;
  settlement: Settlement;
  resolver: PaymentResolver;
  reconciliation: ReconciliationService;
  gateway: PaymentGateway;
  sandbox: { biller?: SandboxBiller; gateway?: SandboxGateway };
}

/** Builds the billing module; without adapters it runs on the built-in sandboxes. */
export function createBillingModule(deps: BillingModuleDeps): BillingModule {
  const { db, now } = deps;
  const logger = deps.logger.child({ ns: 'hub:billing' });
  const baseUrl = deps.baseUrl ?? (() => 'http://127.0.0.1:7400');
  const timeoutMs = deps.timeoutMs ?? 20_000;
  const sandboxBiller = deps.billerFor ? undefined : new SandboxBiller({ now });
  const billerFor = deps.billerFor ?? (() => sandboxBiller!);
  const sandboxGateway = deps.gateway
    ? undefined
    : new SandboxGateway({ secret: randomBytes(24).toString('hex'), now, baseUrl });
  const gateway = deps.gateway ?? sandboxGateway!;
  const store = new PaymentStore(db);
  const quotes = new BillingStore(db);
  const mover = new PaymentMover(store, now, logger);
  const settlement = new Settlement({
    store,
    quotes,
    mover,
    gateway,
    billerFor,
    logger,
    timeoutMs,
    retryDelayMs: deps.retryDelayMs ?? 500,
  });
  const payments = new PaymentService({
    store,
    quotes,
    mover,
    gateway,
    settlement,
    now,
    logger,
    baseUrl,
    gatewayTimeoutMs: timeoutMs,
  });
  const staleMs = deps.staleMs ?? 3 * timeoutMs;
  const resolver = new PaymentResolver({
    store,
    quotes,
    mover,
    gateway,
    billerFor,
    payments,
    settlement,
    now,
    logger,
    timeoutMs,
    staleMs,
  });
  const reconciliation = new ReconciliationService({
    db,
    gateway,
    billerFor,
    billerIds: BILLERS.map((b) => b.id),
    now,
    logger: deps.logger.child({ ns: 'hub:reconciliation' }),
    timeoutMs,
    staleMs,
    stuckMs: deps.stuckMs ?? 3_600_000,
  });
  return {
    billing: new BillingService({ db, now, logger, billerFor, billerTimeoutMs: timeoutMs, store: quotes }),
    payments,
    settlement,
    resolver,
    reconciliation,
    gateway,
    sandbox: { biller: sandboxBiller, gateway: sandboxGateway },
  };
}
