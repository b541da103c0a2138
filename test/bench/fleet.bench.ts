import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express, { type Express } from 'express';
import pino from 'pino';
import { Database } from '../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../hub-server/db/migrate.ts';
import { errorHandler } from '../../hub-server/http/errors.ts';
import { fleetConsoleRoutes, fleetKioskRoutes } from '../../hub-server/modules/fleet/fleet.routes.ts';
import { FleetService } from '../../hub-server/modules/fleet/fleet.service.ts';
import { FleetStore } from '../../hub-server/modules/fleet/fleet.store.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type BenchRow, percentile } from './table.ts';

const KIOSKS = 10_000;
const DURATION_S = 5;
const ids = Array.from({ length: KIOSKS }, (_, i) => `bench-${String(i).padStart(5, '0')}`);

async function listen(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const SETUP_REQUEST = fileURLToPath(new URL('./fleet-heartbeat-request.cjs', import.meta.url));

/**
 * POSTs heartbeats for the 10,000 kiosk ids in turn (id in a header, as the
 * stand-in requireKiosk reads it), from an autocannon worker thread so the
 * load generator does not share the server's event loop.
 */
async function hammer(url: string): Promise<number> {
  const result = await autocannon({
    url,
    connections: 10,
    duration: DURATION_S,
    workers: 1,
    requests: [{ method: 'POST', path: '/api/v1/kiosk/heartbeat', setupRequest: SETUP_REQUEST as never }],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`heartbeat bench: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return result.requests.average;
}

/** Heartbeat ingest (file database) beside a bare Express endpoint; GET /fleet over 10,000 kiosks. */
export async function benchFleet(): Promise<BenchRow[]> {
  const temp = tempDir();
  const db = await Database.open(path.join(temp.dir, 'hub.sqlite'));
  try {
    await migrate(db, await loadMigrations());
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
      }
    });

    const bare = express();
    bare.use(express.json());
    bare.post('/api/v1/kiosk/heartbeat', (req, res) => {
      res.json({ ok: Boolean(req.get('x-bench-kiosk')) });
    });
    const bareServer = await listen(bare);
    const bareRate = await hammer(bareServer.url);
    await bareServer.close();

    const service = new FleetService({ db, now: () => new Date(), heartbeatIntervalMs: 60_000 });
    const app = express();
    app.use(express.json());
    app.use(
      '/api/v1/kiosk',
      fleetKioskRoutes({
        service,
        requireKiosk: (_req, _res, next) => next(),
        kioskIdOf: (req) => String(req.get('x-bench-kiosk')),
      }),
    );
    app.use(
      '/api/v1/console',
      fleetConsoleRoutes({
        service,
        requirePerson: () => (_req, _res, next) => next(),
        personIdOf: () => 'bench',
      }),
    );
    app.use(errorHandler(pino({ level: 'silent' })));
    const hub = await listen(app);
    const rate = await hammer(hub.url);

    const queries = [
      '',
      '?state=online',
      '?alert=any',
      '?district=District%203',
      '?q=Bench%20kiosk%2099',
      '?offset=9000',
    ];
    const times: number[] = [];
    let listed = 0;
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      const res = await fetch(`${hub.url}/api/v1/console/fleet${queries[i % queries.length]}`);
      const json = (await res.json()) as { total: number };
      times.push(performance.now() - t0);
      if (i === 0) listed = json.total;
    }
    await hub.close();
    if (listed !== KIOSKS) throw new Error(`fleet list saw ${listed} kiosks, expected ${KIOSKS}`);
    const p95 = percentile(times, 95);
    return [
      {
        benchmark: 'hub heartbeat ingest (req/s, file db, 10 conns)',
        value: rate.toFixed(0),
        baseline: `${bareRate.toFixed(0)} bare express`,
        ratio: (rate / bareRate).toFixed(2),
        target: '>= 2000',
        ok: rate >= 2000,
      },
      {
        benchmark: 'console GET /fleet, 10,000 kiosks (p95 ms)',
        value: p95.toFixed(1),
        target: '< 100',
        ok: p95 < 100,
      },
    ];
  } finally {
    await db.close();
    temp.remove();
  }
}
