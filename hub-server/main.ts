import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Logger } from 'pino';
import pkg from '../package.json' with { type: 'json' };
import { buildHubApp } from './app.ts';
import { Database, DataFileError } from './db/database.ts';
import { loadMigrations, migrate } from './db/migrate.ts';
import { closeServer } from './http/graceful.ts';
import { createLogger } from './http/logger.ts';
import { createMetrics } from './http/metrics.ts';
import { createAudit } from './modules/audit/audit.ts';
import { ensureFirstAdmin } from './modules/auth/first-admin.ts';
import { mintEnrollmentCode } from './modules/auth/kiosk-auth.ts';
import {
  type BillingModule,
  type BillingModuleDeps,
  createBillingModule,
} from './modules/billing/billing.module.ts';
import { startDailyReconciliation } from './modules/billing/reconciliation/reconciliation.timer.ts';
import { startPaymentResolver } from './modules/billing/resolver.ts';
import { startDemoHeartbeats } from './modules/fleet/fleet.demo.ts';
import { FleetService, startFleetTimers } from './modules/fleet/fleet.service.ts';
import { DEMO_FLEET, DEMO_KIOSK } from './seed/demo-fleet.ts';
import { seedDemoData } from './seed/seed.ts';

export interface HubOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  logger: Logger;
  seed?: boolean;
  /** Demo mode: the demo kiosks other than the real agent send generated heartbeats. */
  demo?: boolean;
  now?: () => Date;
  heartbeatIntervalMs?: number;
  /** The hub's URL as a resident's phone reaches it (QR payer page, e-receipts); default: where it listens. */
  publicUrl?: string;
  /** How often the payment resolver looks for payments left half-way. */
  resolverIntervalMs?: number;
  /** Billing timings (adapter timeout, posting retry pause, when the resolver takes over). */
  billingTimings?: Pick<BillingModuleDeps, 'timeoutMs' | 'retryDelayMs' | 'staleMs' | 'stuckMs'>;
  /** The daily reconciliation's time of day in Asia/Shanghai (HH:MM); absent: no daily job (tests). */
  reconcileAt?: string;
  /** The gateway and billers the hub talks to; the built-in sandboxes by default (tests hand in far ends that outlive the hub). */
  billingAdapters?: Pick<BillingModuleDeps, 'gateway' | 'billerFor'>;
  /** When a kiosk request's idempotency claim counts as abandoned by a hub that died (IDEMPOTENCY_ABANDON_MS). */
  idempotencyAbandonMs?: number;
  cookieSecure?: boolean;
}

export interface RunningHub {
  url: string;
  port: number;
  db: Database;
  /** The hub's own fleet service (a second instance would not wake the hub's command long polls). */
  fleet: FleetService;
  /** The hub's bill payment module (its sandboxes, for tests that inject faults). */
  billing: BillingModule;
  /** Set on a hub's very first run only: the one-time password of `admin`, to be changed at first login. */
  firstRunAdminPassword?: string;
  /** Demo mode: a fresh one-time code the demo kiosk's agent enrolls with when it has no credential yet. */
  demoEnrollmentCode?: string;
  close(): Promise<void>;
}

/** Opens and migrates the data file, seeds it on first run and serves the hub. */
export async function startHub({
  host = '127.0.0.1',
  port,
  dataDir,
  logger,
  seed = true,
  demo = false,
  now = () => new Date(),
  heartbeatIntervalMs = 5000,
  cookieSecure = false,
  publicUrl,
  resolverIntervalMs = 15_000,
  billingTimings = {},
  reconcileAt,
  billingAdapters = {},
  idempotencyAbandonMs,
}: HubOptions): Promise<RunningHub> {
  await mkdir(dataDir, { recursive: true });
  const db = await Database.open(path.join(dataDir, 'hub.sqlite'));
  try {
    const { from, to } = await migrate(db, await loadMigrations());
    if (from !== to) logger.info({ from, to }, 'database migrated');
    if (seed && (await seedDemoData(db))) logger.info('demo data seeded');
  } catch (err) {
    await db.close();
    throw err;
  }
  const firstRunAdminPassword = await ensureFirstAdmin(db, now);
  const audit = createAudit(db, now);
  const fleet = new FleetService({ db, now, heartbeatIntervalMs });
  const metrics = createMetrics();
  let listening = '';
  const billing = createBillingModule({
    db,
    now,
    logger,
    baseUrl: () => publicUrl ?? listening,
    ...billingTimings,
    ...billingAdapters,
  });
  const app = buildHubApp({
    db,
    logger,
    version: pkg.version,
    metrics,
    audit,
    now,
    cookieSecure,
    fleet,
    billing,
    idempotencyAbandonMs,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host);
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  }).catch(async (err) => {
    await db.close();
    throw err;
  });
  const actual = (server.address() as { port: number }).port;
  listening = `http://${host}:${actual}`;
  const resolver = startPaymentResolver({
    resolver: billing.resolver,
    intervalMs: resolverIntervalMs,
    onError: (err) => logger.error({ err }, 'payment resolver failed'),
  });
  const daily = reconcileAt
    ? startDailyReconciliation({ service: billing.reconciliation, at: reconcileAt, now, logger, audit })
    : undefined;
  const timers = startFleetTimers({
    service: fleet,
    intervalMs: heartbeatIntervalMs,
    onError: (err) => logger.error({ err }, 'offline sweep failed'),
  });
  const demoBeats = demo
    ? await startDemoHeartbeats({
        service: fleet,
        kioskIds: DEMO_FLEET.map((k) => k.id).filter((id) => id !== DEMO_KIOSK.id),
        intervalMs: heartbeatIntervalMs,
        now,
        agentVersion: pkg.version,
      })
    : undefined;
  // Unused codes simply expire; an agent that already holds a credential ignores it.
  const demoCode = demo ? await mintEnrollmentCode({ db, now }, DEMO_KIOSK.id, null, 3_600_000) : undefined;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    db,
    fleet,
    billing,
    ...(firstRunAdminPassword ? { firstRunAdminPassword } : {}),
    ...(demoCode ? { demoEnrollmentCode: demoCode.code } : {}),
    async close() {
      timers.stop();
      resolver.stop();
      daily?.stop();
      demoBeats?.stop();
      fleet.releaseWaiters();
      // Stop accepting, let in-flight requests finish, then close the database.
      const { forced } = await closeServer(server, { timeoutMs: 10_000 });
      if (forced) logger.warn('shutdown cut off requests still running after 10 s');
      // Postings under way finish first (each is bounded by the adapters' timeout); a hung one is left to the resolver.
      await Promise.race([billing.settlement.idle(), new Promise((r) => setTimeout(r, 10_000).unref())]);
      await daily?.idle();
      await db.close();
    },
  };
}

async function main(): Promise<void> {
  const logger = createLogger({ name: 'hub' });
  const port = Number(process.env.HUB_PORT ?? 7400);
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  let hub: RunningHub;
  try {
    hub = await startHub({
      port,
      dataDir,
      logger,
      demo: process.env.HUB_DEMO === '1',
      publicUrl: process.env.HUB_PUBLIC_URL,
      // The daily reconciliation: 02:00 Asia/Shanghai unless HUB_RECONCILE_AT says another HH:MM or off.
      reconcileAt:
        process.env.HUB_RECONCILE_AT === 'off' ? undefined : (process.env.HUB_RECONCILE_AT ?? '02:00'),
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      console.error(`Port ${port} is already in use. Set HUB_PORT to a free port.`);
    else if (err instanceof DataFileError) console.error(err.message);
    else console.error(`The hub could not start: ${e.stack ?? e}`);
    process.exit(1);
  }
  logger.info({ url: hub.url }, 'hub listening');
  process.send?.({
    ready: 'hub',
    url: hub.url,
    port: hub.port,
    firstRunAdminPassword: hub.firstRunAdminPassword,
    demoEnrollmentCode: hub.demoEnrollmentCode,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hub.close().catch((err) => logger.error({ err }, 'shutdown'));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
