/**
 * A billing world for reconciliation tests: one real sqlite file, the sandbox gateway and biller
 * (their ledgers outlive hub processes, as real far ends do), a clock the test moves, and hub
 * processes over the file that can be killed and reopened, as in payments.property.test.ts.
 */
import path from 'node:path';
import pino from 'pino';
import { Database } from '../../../hub-server/db/database.ts';
import { loadMigrations, migrate } from '../../../hub-server/db/migrate.ts';
import type { Payment, PayRequest, Quote } from '../../../hub-server/modules/billing/billing.contract.ts';
import {
  type BillingModule,
  createBillingModule,
} from '../../../hub-server/modules/billing/billing.module.ts';
import { SandboxGateway } from '../../../hub-server/modules/billing/gateway/sandbox-gateway.ts';
import { businessDayOf } from '../../../hub-server/modules/billing/reconciliation/business-day.ts';
import { SandboxBiller } from '../../../hub-server/modules/billing/sandbox/sandbox-biller.ts';
import { tempDir } from '../../support/temp-dir.ts';

export const KIOSK = 'recon-kiosk';
/** Payment codes and cards by outcome (docs/billing.md, test payment codes). */
export const CODE = {
  ok: '134000000000000001',
  declined: '134000000000000002',
  lostAfter: '134000000000000003',
  lostBefore: '134000000000000005',
};

/** A hub process: its own connection to the file and its own services; `kill` stops it dead. */
export interface HubProcess {
  module: BillingModule;
  kill(): void;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** The clock's start (ISO). */
  start?: string;
  /** The adapters' deadline in the hub processes. */
  timeoutMs?: number;
  stuckMs?: number;
  /** An existing migrated file (many worlds on one file, each on its own business day). */
  file?: string;
}

export async function reconciliationWorld(opts: WorldOptions = {}) {
  const t = opts.file ? undefined : tempDir();
  const file = opts.file ?? path.join(t!.dir, 'hub.sqlite');
  const db = await Database.open(file);
  await migrate(db, await loadMigrations());
  let offset = 0;
  const start = Date.parse(opts.start ?? '2026-11-25T02:00:00.000Z');
  const now = () => new Date(start + offset);
  const processes: HubProcess[] = [];
  let live: HubProcess;
  const biller = new SandboxBiller({ now });
  const gateway: SandboxGateway = new SandboxGateway({
    secret: 'recon-secret',
    now,
    baseUrl: () => 'http://hub.invalid',
    // The notify route's work without HTTP: verify, then hand to the live process.
    transport: async (body, signature) => {
      const notice = gateway.verifyNotice(Buffer.from(body), signature);
      if (!notice) return 401;
      await live.module.payments.onNotice(notice);
      return 200;
    },
  });

  async function open(timeoutMs = opts.timeoutMs ?? 2_000): Promise<HubProcess> {
    const real = await Database.open(file);
    let dead = false;
    // After a crash every call fails, so the dead process can neither write nor start anything new.
    const conn = new Proxy(real, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => (dead ? Promise.reject(new Error('crashed')) : v.apply(target, args));
      },
    });
    const module = createBillingModule({
      db: conn,
      now,
      logger: pino({ level: 'silent' }),
      billerFor: () => biller,
      gateway,
      timeoutMs,
      retryDelayMs: 0,
      staleMs: 60_000,
      stuckMs: opts.stuckMs ?? 3_600_000,
    });
    const p: HubProcess = {
      module,
      kill: () => {
        dead = true;
      },
      close: async () => {
        if (!dead) await Promise.race([module.settlement.idle(), new Promise((r) => setTimeout(r, 50))]);
        await real.close();
      },
    };
    processes.push(p);
    return p;
  }
  live = await open();

  return {
    file,
    db,
    now,
    biller,
    gateway,
    advance(ms: number) {
      offset += ms;
    },
    get live() {
      return live.module;
    },
    /** Kills the live process (whatever it was doing stays half-done) and opens a new one. */
    async restart(timeoutMs?: number) {
      live.kill();
      live = await open(timeoutMs);
      return live.module;
    },
    /** Looks up and quotes the first `bills` bills of an account. */
    async quote(billerId: string, account: string, bills = 1): Promise<Quote> {
      const found = await live.module.billing.lookup(KIOSK, { billerId, account });
      return live.module.billing.quote(KIOSK, {
        accountToken: found.accountToken,
        billIds: found.bills.slice(0, bills).map((b) => b.id),
      });
    },
    /** Quotes and pays (by payment code unless `how` says), then lets settlement finish. */
    async pay(
      billerId: string,
      account: string,
      how:
        | { method: 'payment-code'; code?: string }
        | { method: 'qr' }
        | { method: 'card'; track2: string } = {
        method: 'payment-code',
      },
    ): Promise<Payment> {
      const quote = await this.quote(billerId, account);
      const req: PayRequest =
        how.method === 'qr'
          ? { quoteId: quote.id, method: 'qr' }
          : how.method === 'card'
            ? { quoteId: quote.id, method: 'card', cardToken: how.track2 }
            : { quoteId: quote.id, method: 'payment-code', paymentCode: how.code ?? CODE.ok };
      const p = await live.module.payments.pay(KIOSK, req);
      await live.module.settlement.idle();
      return live.module.payments.get(KIOSK, p.id);
    },
    state: async (id: string) => (await live.module.payments.get(KIOSK, id)).state,
    /** Reconciles the business day the clock is in (or `day`). */
    async reconcile(day = businessDayOf(now())) {
      return (await live.module.reconciliation.run({ businessDay: day, trigger: 'manual' }))!;
    },
    async close() {
      for (const p of processes) await p.close();
      await db.close();
      t?.remove();
    },
  };
}
export type World = Awaited<ReturnType<typeof reconciliationWorld>>;
