import path from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../../hub-server/db/migrate.ts';
import type { PayRequest } from '../../../hub-server/modules/billing/billing.contract.ts';
import {
  type BillingModule,
  createBillingModule,
} from '../../../hub-server/modules/billing/billing.module.ts';
import { isFinal, TRANSITIONS } from '../../../hub-server/modules/billing/domain.ts';
import { SandboxGateway } from '../../../hub-server/modules/billing/gateway/sandbox-gateway.ts';
import type { Fault } from '../../../hub-server/modules/billing/sandbox/faults.ts';
import { SandboxBiller } from '../../../hub-server/modules/billing/sandbox/sandbox-biller.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { type Step, scenario } from './payments.scenario.ts';

/*
 * Issue 7, the money invariant (ARCHITECTURE.md): whatever is retried, duplicated, lost or
 * crashed, every payment is charged at most once (counted at the sandbox gateway), and once the
 * resolver has run every charged payment is posted or refunded, never both, never neither.
 */

const KIOSK = 'prop-kiosk';
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
let checker: Database;
let removeDir: () => void;
beforeAll(async () => {
  const t = tempDir();
  removeDir = t.remove;
  file = path.join(t.dir, 'hub.sqlite');
  checker = await Database.open(file);
  await migrate(checker, await loadMigrations());
});
afterAll(async () => {
  await checker.close();
  removeDir();
});

/** A hub process: its own connection to the file and its own services; `kill` stops it dead. */
interface Process {
  module: BillingModule;
  kill(): void;
  close(): Promise<void>;
}

async function openProcess(world: World): Promise<Process> {
  const real = await Database.open(file);
  let dead = false;
  // After a crash every call fails, so the dead process can neither write nor start anything new.
  const db = new Proxy(real, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => (dead ? Promise.reject(new Error('crashed')) : v.apply(target, args));
    },
  });
  const module = createBillingModule({
    db,
    now: world.now,
    logger: pino({ level: 'silent' }),
    billerFor: () => world.biller,
    gateway: world.gateway,
    retryDelayMs: 0,
    staleMs: 60_000,
  });
  return {
    module,
    kill: () => {
      dead = true;
    },
    close: async () => {
      await module.settlement.idle();
      await real.close();
    },
  };
}

interface World {
  now: () => Date;
  advance(ms: number): void;
  biller: SandboxBiller;
  gateway: SandboxGateway;
  live?: Process;
}

function newWorld(): World {
  let offset = 0;
  const now = () => new Date(Date.parse('2026-11-25T02:00:00Z') + offset);
  const world: World = {
    now,
    advance: (ms) => {
      offset += ms;
    },
    biller: new SandboxBiller({ now }),
    gateway: new SandboxGateway({
      secret: 'prop-secret',
      now,
      baseUrl: () => 'http://hub.invalid',
      // The notify route's work without HTTP: verify, then hand to the live process.
      transport: async (body, signature) => {
        const notice = world.gateway.verifyNotice(Buffer.from(body), signature);
        if (!notice) return 401;
        await world.live!.module.payments.onNotice(notice);
        return 200;
      },
    }),
  };
  return world;
}

async function run(
  steps: Step[],
  specs: { account: number; method: PayRequest['method']; instrument: keyof typeof INSTRUMENT }[],
) {
  const world = newWorld();
  const processes = [await openProcess(world)];
  world.live = processes[0];
  const live = () => world.live!.module;
  const requests: PayRequest[] = [];
  for (const s of specs) {
    const { billerId, account } = ACCOUNTS[s.account]!;
    const found = await live().billing.lookup(KIOSK, { billerId, account });
    const quote = await live().billing.quote(KIOSK, {
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
    live()
      .payments.pay(KIOSK, requests[i]!)
      .then((p) => {
        ids.set(i, p.id);
        if (p.state === 'awaiting_payer') shown.add(i);
      })
      .catch(() => {});
  for (const step of steps) {
    const i = 'i' in step ? step.i % specs.length : 0;
    if (step.t === 'pay') {
      const r = payOnce(i);
      if (step.wait) await r;
      else inflight.push(r);
    } else if (step.t === 'payer' && shown.has(i)) {
      if (step.notice !== 'ok') world.gateway.notifier.next(step.notice);
      await world.gateway.payQr(ids.get(i)!);
    } else if (step.t === 'release') await world.gateway.notifier.releaseHeld({ reverse: step.reverse });
    else if (step.t === 'cancel' && ids.has(i))
      await live()
        .payments.cancel(KIOSK, ids.get(i)!)
        .catch(() => {});
    else if (step.t === 'biller-fault') world.biller.faults.next('post', FAULTS[step.fault]!);
    else if (step.t === 'gateway-fault') world.gateway.faults.next(step.op, FAULTS[step.fault]!);
    else if (step.t === 'advance') world.advance(step.ms);
    else if (step.t === 'resolve')
      await live()
        .resolver.runOnce()
        .catch(() => {});
    else if (step.t === 'crash') {
      for (let k = 0; k < step.ticks; k++) await new Promise((r) => setImmediate(r));
      world.live!.kill();
      world.live = await openProcess(world);
      processes.push(world.live);
    }
  }
  await Promise.all(inflight);
  // The far ends recover; the resolver keeps running as it would in a live hub.
  world.biller.faults.clear();
  world.gateway.faults.clear();
  await world.gateway.notifier.releaseHeld();
  for (let pass = 0; pass < 4; pass++) {
    world.advance(10 * 60_000);
    await live().resolver.runOnce();
  }
  return { world, processes, quoteIds: requests.map((r) => r.quoteId) };
}

/** Final states seen over all runs, and charged payments in runs with a crash: the scenarios must reach them. */
const tally = new Map<string, number>();
const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);

async function check(world: World, db: Database, quoteIds: string[], crashed: boolean): Promise<void> {
  const posted = new Set(world.biller.postedSerials());
  for (const quoteId of quoteIds) {
    const p = await db.get<{ id: string; state: string }>(
      'SELECT id, state FROM payments WHERE quote_id = ?',
      [quoteId],
    );
    if (!p) continue;
    const charges = world.gateway.chargesFor(p.id);
    count(p.state);
    if (crashed && charges === 1) count('charged-across-a-crash');
    const refunded = world.gateway.order(p.id)?.refundRef !== undefined;
    expect(charges, `charged at most once: ${p.id}`).toBeLessThanOrEqual(1);
    expect(isFinal(p.state as never), `final: ${p.id} is ${p.state}`).toBe(true);
    if (charges === 1) {
      expect(['posted', 'refunded']).toContain(p.state);
      expect(posted.has(p.id) !== refunded, `posted xor refunded: ${p.id}`).toBe(true);
      expect(p.state === 'posted').toBe(posted.has(p.id));
    } else {
      expect(p.state).toBe('failed');
      expect(posted.has(p.id)).toBe(false);
    }
    const events = await db.all<{ from_state: string | null; to_state: string }>(
      'SELECT from_state, to_state FROM payment_events WHERE payment_id = ? ORDER BY id',
      [p.id],
    );
    expect(events[0]).toEqual({ from_state: null, to_state: 'created' });
    for (const [k, e] of events.slice(1).entries()) {
      expect(e.from_state).toBe(events[k]!.to_state);
      expect(TRANSITIONS[e.from_state as keyof typeof TRANSITIONS]).toContain(e.to_state);
    }
  }
}

describe('payments under faults, retries and crashes (issue 7, property)', () => {
  it('when anything is retried, duplicated, lost or crashed, then each payment is charged at most once and every charged one ends posted xor refunded', async () => {
    await fc.assert(
      fc.asyncProperty(scenario(), async ({ specs, steps }) => {
        const { world, processes, quoteIds } = await run(steps, specs);
        try {
          await check(world, checker, quoteIds, processes.length > 1);
        } finally {
          for (const p of processes) await p.close();
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000) },
    );
    for (const k of ['posted', 'refunded', 'failed', 'charged-across-a-crash'])
      expect(tally.get(k) ?? 0, `runs reaching ${k}`).toBeGreaterThan(0);
    console.info('payment property tally', Object.fromEntries(tally));
  }, 600_000);
});
