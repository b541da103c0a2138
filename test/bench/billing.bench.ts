import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance as perf } from 'node:perf_hooks';
import express from 'express';
import type { Logger } from 'pino';
import pino from 'pino';
import { buildHubApp } from '../../hub-server/app.ts';
import { Database } from '../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../hub-server/db/migrate.ts';
import { closeServer } from '../../hub-server/http/graceful.ts';
import { createLogger } from '../../hub-server/http/logger.ts';
import { createMetrics } from '../../hub-server/http/metrics.ts';
import type { RunningHub } from '../../hub-server/main.ts';
import { createAudit } from '../../hub-server/modules/audit/audit.ts';
import { ensureFirstAdmin } from '../../hub-server/modules/auth/first-admin.ts';
import { createBillingModule } from '../../hub-server/modules/billing/billing.module.ts';
import { startPaymentResolver } from '../../hub-server/modules/billing/resolver.ts';
import { SandboxBiller } from '../../hub-server/modules/billing/sandbox/sandbox-biller.ts';
import { FleetService, startFleetTimers } from '../../hub-server/modules/fleet/fleet.service.ts';
import { FleetStore } from '../../hub-server/modules/fleet/fleet.store.ts';
import { SANDBOX_ACCOUNTS, type SandboxAccountSeed } from '../../hub-server/seed/billing-sandbox.ts';
import { seedDemoData } from '../../hub-server/seed/seed.ts';
import { enrolledKiosk } from '../support/enrolled-hub.ts';
import { tempDir } from '../support/temp-dir.ts';
import { drive } from './billing-driver.ts';
import { listen } from './fleet.bench.ts';
import { type BenchRow, percentile } from './table.ts';

/** Kiosks paying at once, one resident each: the concurrency of the hub run and of the bare baseline. */
const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 16);
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * Payable accounts beyond the seed. A posted bill is no longer due and the sandbox has no way to
 * issue new bills, so every journey takes an account of its own (one or two bills, all paid).
 */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 40_000);

/** Generated accounts across four billers (one with a convenience fee), every third with an overdue bill too. */
function benchAccounts(n: number): SandboxAccountSeed[] {
  const pad = (i: number, w: number) => String(i).padStart(w, '0');
  const make = [
    (i: number) => ({ billerId: 'sgcc-fz', account: `06${pad(i, 8)}` }),
    (i: number) => ({ billerId: 'fz-water', account: `36${pad(i, 8)}` }),
    (i: number) => ({ billerId: 'crgas-fz', account: `3${pad(i, 7)}` }),
    (i: number) => ({ billerId: 'fz-parking', account: `P7${pad(i, 7)}` }),
  ];
  return Array.from({ length: n }, (_, i) => ({
    ...make[i % make.length]!(i),
    holderName: '测试户',
    bills: [
      ...(i % 3 === 0 ? [{ monthsAgo: 2, principalFen: 4_000 + (i % 97), daysOverdue: 30 }] : []),
      { monthsAgo: 1, principalFen: 2_000 + (i % 89) * 10 },
    ],
  }));
}

/**
 * A hub wired as `startHub` (hub-server/main.ts) wires it — file database, migrations, demo seed,
 * first admin, fleet, metrics, access log, billing on the sandbox gateway, resolver and fleet
 * timers — except that the sandbox biller holds `accounts`: `startHub` takes no biller, and its
 * seed has about 25 payable bills in all.
 */
async function startBillingHub(dataDir: string, logger: Logger, accounts: SandboxAccountSeed[]) {
  const now = () => new Date();
  const db = await Database.open(path.join(dataDir, 'hub.sqlite'));
  await migrate(db, await loadMigrations());
  await seedDemoData(db);
  await ensureFirstAdmin(db, now);
  const fleet = new FleetService({ db, now, heartbeatIntervalMs: 5000 });
  const biller = new SandboxBiller({ now, accounts });
  let listening = '';
  const billing = createBillingModule({ db, now, logger, baseUrl: () => listening, billerFor: () => biller });
  const app = buildHubApp({
    db,
    logger,
    version: 'bench',
    metrics: createMetrics(),
    audit: createAudit(db, now),
    now,
    cookieSecure: false,
    fleet,
    billing,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  listening = `http://127.0.0.1:${port}`;
  const resolver = startPaymentResolver({
    resolver: billing.resolver,
    intervalMs: 15_000,
    onError: (err) => logger.error({ err }, 'payment resolver failed'),
  });
  const timers = startFleetTimers({
    service: fleet,
    intervalMs: 5000,
    onError: (err) => logger.error({ err }, 'offline sweep failed'),
  });
  const hub: RunningHub = {
    url: listening,
    port,
    db,
    fleet,
    billing: { ...billing, sandbox: { ...billing.sandbox, biller } },
    async close() {
      timers.stop();
      resolver.stop();
      fleet.releaseWaiters();
      await closeServer(server, { timeoutMs: 10_000 });
      await billing.settlement.idle();
      await db.close();
    },
  };
  return hub;
}

/** `n` bench kiosks in the registry, each enrolled over HTTP with a one-time code; their credentials. */
async function enrollKiosks(hub: RunningHub, n: number): Promise<string[]> {
  const at = new Date().toISOString();
  const store = new FleetStore(hub.db);
  const credentials: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `bench-pay-${String(i).padStart(3, '0')}`;
    await store.insert({
      id,
      name: `Bench kiosk ${i}`,
      address: `${i} Bench Road`,
      district: '鼓楼区',
      latitude: null,
      longitude: null,
      createdAt: at,
    });
    credentials.push((await enrolledKiosk(hub, id)).credential);
  }
  return credentials;
}

const f = (v: number | undefined, digits = 1) => (v === undefined ? '?' : v.toFixed(digits));
const pcts = (xs: number[] = []) =>
  xs.length ? `${f(percentile(xs, 50))}/${f(percentile(xs, 95))}/${f(percentile(xs, 99))}` : '?';

/** The data file's journal mode and sync level, as `Database.open` set them for production too. */
async function durabilityOf(hub: RunningHub): Promise<string> {
  const mode = await hub.db.get<{ journal_mode: string }>('PRAGMA journal_mode');
  const sync = await hub.db.get<{ synchronous: number }>('PRAGMA synchronous');
  const level = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][sync?.synchronous ?? -1] ?? String(sync?.synchronous);
  return `${mode?.journal_mode?.toUpperCase()} synchronous=${level}`;
}

/** What the database and the sandboxes hold once every posting has finished. */
async function settledState(hub: RunningHub) {
  await hub.billing.settlement.idle();
  await hub.billing.resolver.runOnce();
  await hub.billing.settlement.idle();
  const db = hub.db;
  const byState = await db.all<{ state: string; n: number }>(
    'SELECT state, COUNT(*) AS n FROM payments GROUP BY state',
  );
  const count = (s: string) => byState.find((r) => r.state === s)?.n ?? 0;
  const claims = await db.get<{ most: number | null }>(
    'SELECT MAX(n) AS most FROM (SELECT COUNT(*) AS n FROM payment_charges GROUP BY payment_id)',
  );
  const unfinished = await db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM payments WHERE gateway_ref IS NOT NULL AND state NOT IN ('posted', 'refunded')",
  );
  const gatewayCharges = new Map<string, number>();
  for (const c of hub.billing.sandbox.gateway!.charges)
    gatewayCharges.set(c.orderNo, (gatewayCharges.get(c.orderNo) ?? 0) + 1);
  return {
    payments: byState.reduce((s, r) => s + r.n, 0),
    posted: count('posted'),
    refunded: count('refunded'),
    mostClaims: claims?.most ?? 0,
    mostCharges: Math.max(0, ...gatewayCharges.values()),
    charged: gatewayCharges.size,
    unfinished: unfinished?.n ?? 0,
    biller: hub.billing.sandbox.biller!.appliedPostings,
  };
}

/**
 * Bill payment through the whole hub (issue 7): many kiosks each running payment journeys —
 * lookup, quote, pay by payment code through the sandbox gateway — on a file database, beside a
 * bare Express endpoint driven by the same driver at the same concurrency. Then, once every
 * posting has finished, the money invariants from the database and the sandboxes.
 */
export async function benchBilling(): Promise<BenchRow[]> {
  const [loadAtStart] = os.loadavg();
  const temp = tempDir('tingzi-bench-billing-');
  const logger = createLogger({
    destination: pino.destination({ dest: path.join(temp.dir, 'hub.log'), sync: false }),
  });
  const generated = benchAccounts(ACCOUNTS);
  const accounts = generated.map(({ billerId, account }) => ({ billerId, account }));
  let hub: RunningHub | undefined;
  try {
    const bareApp = express();
    bareApp.use(express.json());
    bareApp.post('/api/v1/kiosk/billing/payments', (req, res) => {
      res.status(201).json({ ok: Boolean(req.get('authorization') && req.body) });
    });
    const bareServer = await listen(bareApp);
    const credentials = Array.from({ length: KIOSKS }, (_, i) => `bench-credential-${i}`);
    const window = { warmupS: WARMUP_S, durationS: DURATION_S };
    const bare = await drive({ url: bareServer.url, mode: 'bare', credentials, accounts: [], ...window });
    await bareServer.close();

    hub = await startBillingHub(temp.dir, logger, [...SANDBOX_ACCOUNTS, ...generated]);
    const kiosks = await enrollKiosks(hub, KIOSKS);
    const elu0 = perf.eventLoopUtilization();
    const load = await drive({ url: hub.url, mode: 'journeys', credentials: kiosks, accounts, ...window });
    // The hub's own thread (the driver has its own): busy share over warm-up and window.
    const elu = perf.eventLoopUtilization(elu0);
    const end = await settledState(hub);
    const durability = await durabilityOf(hub);

    const bareRate = bare.completed / DURATION_S;
    const rate = load.completed / DURATION_S;
    const pay = load.ms.pay ?? [];
    const p99 = pay.length ? percentile(pay, 99) : Number.POSITIVE_INFINITY;
    const [load1] = os.loadavg();
    const settledOk =
      end.mostCharges <= 1 &&
      end.mostClaims <= 1 &&
      end.unfinished === 0 &&
      end.charged === end.posted + end.refunded &&
      end.biller === end.posted;
    if (load.errors > 0) console.error('billing bench errors (first 5):', load.firstErrors);
    return [
      {
        benchmark: `bare express POST (req/s, ${KIOSKS} conns, ${DURATION_S} s)`,
        value: bareRate.toFixed(0),
        baseline: `p50/p95/p99 ${pcts(bare.ms.bare)} ms, ${bare.errors} errors`,
      },
      {
        benchmark: `hub payment journeys (lookup→quote→pay, file db ${durability}, ${KIOSKS} kiosks, ${DURATION_S} s; /s)`,
        value: rate.toFixed(0),
        baseline: `${(rate * 3).toFixed(0)} hub req/s; ${load.errors} errors; hub thread busy ${(elu.utilization * 100).toFixed(0)}% (${(elu.active / Math.max(1, end.payments)).toFixed(1)} ms a journey)`,
        ratio: ((rate * 3) / bareRate).toFixed(2),
        target: '>= 300, 0 errors',
        ok: rate >= 300 && load.errors === 0,
      },
      {
        benchmark: 'pay call p99 (ms)',
        value: f(p99),
        baseline: `p50/p95/p99 ${pcts(pay)}; lookup ${pcts(load.ms.lookup)}; quote ${pcts(load.ms.quote)}`,
        target: '< 50',
        ok: p99 < 50,
      },
      {
        benchmark: 'after settling: charged at most once, every paid payment posted or refunded',
        value: `${end.payments} payments: ${end.posted} posted, ${end.refunded} refunded, ${end.unfinished} paid unfinished`,
        baseline: `gateway charges/payment max ${end.mostCharges} (${end.charged} charged), claims max ${end.mostClaims}, biller postings ${end.biller}`,
        target: '<= 1 charge each, 0 unfinished',
        ok: settledOk,
      },
      {
        benchmark: 'machine: cores, 1-min load average at the start and the end',
        value: `${os.availableParallelism()} cores`,
        baseline: `load ${loadAtStart?.toFixed(1)} → ${load1?.toFixed(1)} (other processes share these cores)`,
      },
    ];
  } finally {
    await hub?.close();
    logger.flush();
    temp.remove();
  }
}
