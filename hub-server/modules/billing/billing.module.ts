import type { Logger } from 'pino';
import type { Database } from '../../db/database.ts';
import type { BillerAdapter } from './biller-adapter.ts';
import { BillingService } from './billing.service.ts';
import { SandboxBiller } from './sandbox/sandbox-biller.ts';

export interface BillingModuleDeps {
  db: Database;
  now: () => Date;
  logger: Logger;
  /** The adapter serving a biller; absent: the sandbox serves every biller. */
  billerFor?: (billerId: string) => BillerAdapter;
}

/** The billing module's services and, when they are the sandbox, its external systems (for tests and the demo). */
export interface BillingModule {
  billing: BillingService;
  sandbox?: { biller: SandboxBiller };
}

/** Builds the billing module; without adapters it runs on the built-in sandboxes. */
export function createBillingModule({ db, now, logger, billerFor }: BillingModuleDeps): BillingModule {
  const log = logger.child({ ns: 'hub:billing' });
  const sandboxBiller = billerFor ? undefined : new SandboxBiller({ now });
  const billing = new BillingService({
    db,
    now,
    logger: log,
    billerFor: billerFor ?? (() => sandboxBiller!),
  });
  return { billing, ...(sandboxBiller && { sandbox: { biller: sandboxBiller } }) };
}
