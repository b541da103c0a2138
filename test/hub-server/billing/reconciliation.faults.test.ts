/*
 * Issue 7, reconciliation after a run full of injected faults: the random scenarios of the payment
 * property test (payments.scenario.ts: retries, requests left in flight, duplicate, held, dropped
 * and badly signed notifications, gateway and biller faults, crashes and restarts), with
 * reconciliation runs dropped in between their steps. Mid-way, every finding is explained (in
 * flight or the resolver's), never one for a person; once the far ends recover and the resolver has
 * run, the day reconciles with no finding at all.
 */
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../../hub-server/db/migrate.ts';
import type { PayRequest } from '../../../hub-server/modules/billing/billing.contract.ts';
import type { Fault } from '../../../hub-server/modules/billing/sandbox/faults.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { type Step, scenario } from './payments.scenario.ts';
import { KIOSK, reconciliationWorld, type World } from './reconciliation.world.ts';

const ACCOUNTS = [
  { billerId: 'sgcc-fz', account: '0512345678' },
  { billerId: 'fz-water', account: '3509999999' }, // refuses every posting: must be refunded
  { billerId: 'crgas-fz', account: '20261234' },
];
const INSTRUMENT = {
  ok: '0001',
  decline: '0002',
  'timeout-charged': '0003',
  'timeout-lost': '0005',
} as const;
const FAULTS: Record<string, Fault> = {
  fail: { kind: 'fail' },
  'timeout-applied': { kind: 'timeout', applied: true },
  'timeout-lost': { kind: 'timeout', applied: false },
};

let file: string;
let removeDir: () => void;
beforeAll(async () => {
  const t = tempDir();
  removeDir = t.remove;
  file = path.join(t.dir, 'hub.sqlite');
  const db = await Database.open(file);
  await migrate(db, await loadMigrations());
  await db.close();
});
afterAll(() => removeDir());

/** What the mid-way runs found over all scenarios: the check below must have had something to judge. */
const seen = new Map<string, number>();
const tally = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);

/** Reconciles the world's day now and asserts no finding needs a person. */
async function reconcileMidway(w: World) {
  const { run, findings } = await w.reconcile();
  expect(run.state).toBe('done');
  for (const f of findings) {
    tally(`${f.kind}/${f.status}`);
    expect(f.status, `explained mid-way: ${JSON.stringify(f)}`).not.toBe('needs-person');
  }
  expect(run.unexplained).toBe(0);
}

let day = 0;
async function run(
  steps: Step[],
  specs: { account: number; method: PayRequest['method']; instrument: keyof typeof INSTRUMENT }[],
  checkpoints: number[],
) {
  // Each scenario has a business day of its own on the shared file, so runs never see each other.
  const start = new Date(Date.parse('2026-01-01T02:00:00.000Z') + day++ * 86_400_000).toISOString();
  // The clock jumps here without the resolver's 15 s passes, so "stuck" is not judged mid-way.
  const w = await reconciliationWorld({ file, start, stuckMs: 7 * 86_400_000 });
  try {
    const requests: PayRequest[] = [];
    for (const s of specs) {
      const { billerId, account } = ACCOUNTS[s.account]!;
      const found = await w.live.billing.lookup(KIOSK, { billerId, account });
      const quote = await w.live.billing.quote(KIOSK, {
        accountToken: found.accountToken,
        billIds: [found.bills[0]!.id],
      });
      const tail = INSTRUMENT[s.instrument];
      requests.push(
        s.method === 'qr'
          ? { quoteId: quote.id, method: 'qr' }
          : s.method === 'card'
            ? { quoteId: quote.id, method: 'card', cardToken: `;622202000000${tail}=30121010000000000?` }
            : { quoteId: quote.id, method: 'payment-code', paymentCode: `13400000000000${tail}` },
      );
    }
    const ids = new Map<number, string>();
    const shown = new Set<number>();
    const inflight: Promise<unknown>[] = [];
    const payOnce = (i: number) =>
      w.live.payments
        .pay(KIOSK, requests[i]!)
        .then((p) => {
          ids.set(i, p.id);
          if (p.state === 'awaiting_payer') shown.add(i);
        })
        .catch(() => {});
    for (const [n, step] of steps.entries()) {
      if (checkpoints.includes(n)) await reconcileMidway(w);
      const i = 'i' in step ? step.i % specs.length : 0;
      if (step.t === 'pay') {
        const r = payOnce(i);
        if (step.wait) await r;
        else inflight.push(r);
      } else if (step.t === 'payer' && shown.has(i)) {
        if (step.notice !== 'ok') w.gateway.notifier.next(step.notice);
        await w.gateway.payQr(ids.get(i)!);
      } else if (step.t === 'release') await w.gateway.notifier.releaseHeld({ reverse: step.reverse });
      else if (step.t === 'cancel' && ids.has(i))
        await w.live.payments.cancel(KIOSK, ids.get(i)!).catch(() => {});
      else if (step.t === 'biller-fault') w.biller.faults.next('post', FAULTS[step.fault]!);
      else if (step.t === 'gateway-fault') w.gateway.faults.next(step.op, FAULTS[step.fault]!);
      else if (step.t === 'advance') w.advance(step.ms);
      else if (step.t === 'resolve') await w.live.resolver.runOnce().catch(() => {});
      else if (step.t === 'crash') {
        for (let k = 0; k < step.ticks; k++) await new Promise((r) => setImmediate(r));
        await w.restart();
      }
    }
    // A run with requests still on their way, as the daily job may meet them.
    await reconcileMidway(w);
    await Promise.all(inflight);
    // The far ends recover; the resolver keeps running as it would in a live hub.
    w.biller.faults.clear();
    w.gateway.faults.clear();
    await w.gateway.notifier.releaseHeld();
    for (let pass = 0; pass < 4; pass++) {
      w.advance(10 * 60_000);
      await w.live.resolver.runOnce();
    }
    await w.live.settlement.idle();
    const { run: final, findings } = await w.reconcile();
    expect(findings, 'the day reconciles once every payment is final').toEqual([]);
    const quoteIds = requests.map((r) => r.quoteId);
    const made = await w.db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM payments WHERE quote_id IN (${quoteIds.map(() => '?').join(', ')})`,
      quoteIds,
    );
    expect(final.paymentsChecked, 'every payment of the scenario, and only those').toBe(made?.n);
    const charged = w.gateway.charges.length;
    tally(charged > 0 ? 'final/with-money' : 'final/no-money');
  } finally {
    await w.close();
  }
}

describe('reconciliation after injected faults (issue 7)', () => {
  it('when payments meet retries, duplicates, lost answers and crashes, then every mid-way finding is explained and the settled day has none', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenario(),
        fc.uniqueArray(fc.nat(13), { maxLength: 3 }),
        async ({ specs, steps }, checkpoints) => run(steps, specs, checkpoints),
      ),
      { numRuns: Number(process.env.RECONCILIATION_RUNS ?? 1000) },
    );
    // The mid-way runs must have met open payments of each kind the faults make, or they proved nothing.
    const explained = [...seen.keys()].filter((k) => /\/(in-flight|resolvable)$/.test(k));
    for (const k of ['stuck-unknown/resolvable', 'final/with-money'])
      expect(seen.get(k) ?? 0, `runs reaching ${k}`).toBeGreaterThan(0);
    expect(explained.length).toBeGreaterThan(3);
    console.info('reconciliation mid-way findings', Object.fromEntries(seen));
  }, 600_000);
});
