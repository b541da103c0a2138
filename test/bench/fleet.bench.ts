import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express, { type Express } from 'express';
import pino from 'pino';
import { buildHubApp } from '../../hub-server/app.ts';
import { Database } from '../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../hub-server/db/migrate.ts';
import { createLogger } from '../../hub-server/http/logger.ts';
import { createMetrics } from '../../hub-server/http/metrics.ts';
import { createAudit } from '../../hub-server/modules/audit/audit.ts';
import { FleetService } from '../../hub-server/modules/fleet/fleet.service.ts';
import { FleetStore } from '../../hub-server/modules/fleet/fleet.store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type BenchRow, percentile } from './table.ts';

const KIOSKS = 10_000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const ids = Array.from({ length: KIOSKS }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
const SETUP_REQUEST = fileURLToPath(new URL('./fleet-heartbeat-request.cjs', import.meta.url));

/** Serves an app on 127.0.0.1, a free port; its URL and a close that drops keep-alive connections. */
export async function listen(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

interface Load {
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  bad: number;
  /** This process's CPU (every thread: server, sqlite, the autocannon worker) per request, in µs. */
  cpuUsPerRequest: number;
}

/**
 * POSTs heartbeats from the 10,000 kiosks in turn, each with its own bearer
 * credential, from an autocannon worker thread (its own event loop, so the
 * load generator does not share the server's), after a warm-up pass.
 */
async function hammer(url: string): Promise<Load> {
  const run = (limit: { duration: number } | { amount: number }) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      ...limit,
      workers: 1,
      requests: [{ method: 'POST', path: '/api/v1/kiosk/heartbeat', setupRequest: SETUP_REQUEST as never }],
    });
  // Warm-up: one heartbeat from every kiosk, the steady state of a fleet beating every 5 s.
  await run({ amount: KIOSKS });
  const cpu0 = process.cpuUsage();
  const r = await run({ duration: DURATION_S });
  const cpu = process.cpuUsage(cpu0);
  // autocannon's worker mode reports p97.5/p99 but no p95: p97.5 stands in, labelled so.
  const l = r.latency as unknown as Record<string, number>;
  return {
    rate: r.requests.average,
    p50: l.p50 ?? Number.NaN,
    p95: l.p97_5 ?? Number.NaN,
    p99: l.p99 ?? Number.NaN,
    bad: r.non2xx + r.errors + r.timeouts,
    cpuUsPerRequest: (cpu.user + cpu.system) / Math.max(1, r.requests.total),
  };
}

/** 10,000 kiosks, each with a live credential (`bench-credential-<i>`, stored hashed as enrollment does). */
async function seed(db: Database): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction(async (tx) => {
    const store = new FleetStore(tx);
    for (const [i, id] of ids.entries()) {
      await store.insert({
        id,
        name: `Bench kiosk ${i}`,
        address: `${i} Bench Road`,
        district: `District ${i % 12}`,
        latitude: null,
        longitude: null,
        createdAt: at,
        groupName: `g${i % 20}`,
      });
      const hash = createHash('sha256').update(`bench-credential-${i}`).digest('hex');
      await tx.run('INSERT INTO kiosk_credentials (credential_hash, kiosk_id, created_at) VALUES (?, ?, ?)', [
        hash,
        id,
        at,
      ]);
    }
  });
}

/** Signs a maintainer in through the real console login; the session cookie for the fleet list. */
async function signIn(url: string, db: Database, logger: pino.Logger, now: () => Date): Promise<string> {
  const audit = createAudit(db, now);
  const { AuthService } = await import('../../hub-server/modules/auth/auth.service.ts');
  await new AuthService({ db, logger, now, audit }).createPerson(
    { kind: 'system', id: null },
    {
      username: 'bench',
      displayName: 'Bench Maintainer',
      role: 'maintainer',
      password: 'bench-password-1',
      mustChangePassword: false,
    },
  );
  const res = await fetch(`${url}/api/v1/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }),
  });
  const cookie = /tingzi_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error(`bench sign-in failed: ${res.status}`);
  return cookie;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '?');
const latency = (l: Load) =>
  `p50/p97.5/p99 ${ms(l.p50)}/${ms(l.p95)}/${ms(l.p99)} ms, ${l.bad} non-2xx, ${l.cpuUsPerRequest.toFixed(0)} µs CPU/req`;

/**
 * Heartbeat ingest through the whole hub app (request ids and access log to a
 * file, metrics, the real kiosk credential check, zod, sqlite group commit)
 * beside a bare Express endpoint driven the same way; then the console's
 * fleet list over 10,000 kiosks, signed in as a maintainer.
 */
export async function benchFleet(): Promise<BenchRow[]> {
  const temp = tempDir();
  const db = await Database.open(path.join(temp.dir, 'hub.sqlite'));
  const logger = createLogger({
    destination: pino.destination({ dest: path.join(temp.dir, 'hub.log'), sync: false }),
  });
  try {
    await migrate(db, await loadMigrations());
    await seed(db);

    const bare = express();
    bare.use(express.json());
    bare.post('/api/v1/kiosk/heartbeat', (req, res) => {
      res.json({ ok: Boolean(req.get('authorization') && req.body) });
    });
    const bareServer = await listen(bare);
    const bareLoad = process.env.BENCH_SKIP_BARE
      ? { rate: 1, p50: 0, p95: 0, p99: 0, bad: 0, cpuUsPerRequest: 0 }
      : await hammer(bareServer.url);
    await bareServer.close();

    const now = () => new Date();
    const fleet = new FleetService({ db, now, heartbeatIntervalMs: 5000 });
    const metrics = createMetrics({ processMetrics: false });
    const audit = createAudit(db, now);
    const app = buildHubApp({
      db,
      logger,
      version: 'bench',
      metrics,
      audit,
      now,
      cookieSecure: false,
      fleet,
    });
    const hub = await listen(app);
    const load = await hammer(hub.url);
    const stored = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM heartbeats_latest');
    if ((stored?.n ?? 0) < Math.min(KIOSKS, load.rate)) throw new Error(`only ${stored?.n} kiosks stored`);

    const cookie = await signIn(hub.url, db, logger, now);
    const queries = [
      '?limit=100',
      '?limit=100&state=online',
      '?limit=100&alert=any',
      '?limit=100&district=District%203',
      '?limit=100&q=Bench%20kiosk%2099',
      '?limit=100&offset=9000',
    ];
    const times: number[] = [];
    let listed = 0;
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      const res = await fetch(`${hub.url}/api/v1/console/fleet${queries[i % queries.length]}`, {
        headers: { cookie },
      });
      const json = (await res.json()) as { total: number };
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`fleet list answered ${res.status}`);
      if (i === 0) listed = json.total;
    }
    await hub.close();
    if (listed !== KIOSKS) throw new Error(`fleet list saw ${listed} kiosks, expected ${KIOSKS}`);
    const p95 = percentile(times, 95);
    const [load1] = os.loadavg();
    return [
      {
        benchmark: `bare express heartbeat (req/s, ${CONNECTIONS} conns, ${DURATION_S} s)`,
        value: bareLoad.rate.toFixed(0),
        baseline: latency(bareLoad),
      },
      {
        benchmark: `hub heartbeat ingest (req/s, file db, ${CONNECTIONS} conns, ${DURATION_S} s)`,
        value: load.rate.toFixed(0),
        baseline: latency(load),
        ratio: (load.rate / bareLoad.rate).toFixed(2),
        target: '>= 2000, 0 non-2xx',
        ok: load.rate >= 2000 && load.bad === 0,
      },
      {
        benchmark: 'machine: cores, 1-min load average at the end',
        value: `${os.availableParallelism()} cores`,
        baseline: `load ${load1?.toFixed(1)} (other processes share these cores)`,
      },
      {
        benchmark: 'console GET /fleet?limit=100 (+filters), 10,000 kiosks (p95 ms)',
        value: p95.toFixed(1),
        target: '< 100',
        ok: p95 < 100,
      },
    ];
  } finally {
    await db.close();
    logger.flush();
    temp.remove();
  }
}
