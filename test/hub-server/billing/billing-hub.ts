import pino from 'pino';
import { type RunningHub, startHub } from '../../../hub-server/main.ts';
import { DEMO_FLEET } from '../../../hub-server/seed/demo-fleet.ts';
import { enrolledKiosk } from '../../support/enrolled-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';

export type Kiosk = Awaited<ReturnType<typeof enrolledKiosk>>;

/** JSON POST options for `Kiosk.call`. */
export const post = (body: unknown, key?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
  ...(key ? { key } : {}),
});

/**
 * A real hub on a fresh data dir with two enrolled kiosks, a clock that tests move forward
 * (`advance`), no background resolver (tests run `resolve()`), and quick posting retries.
 */
export async function billingHub({ resolverIntervalMs = 3_600_000 } = {}) {
  const t = tempDir();
  let offset = 0;
  const hub: RunningHub = await startHub({
    port: 0,
    dataDir: t.dir,
    logger: pino({ level: 'silent' }),
    now: () => new Date(Date.now() + offset),
    resolverIntervalMs,
    billingTimings: { timeoutMs: 2_000, retryDelayMs: 1, staleMs: 60_000 },
  });
  const kiosk = await enrolledKiosk(hub);
  const other = await enrolledKiosk(hub, DEMO_FLEET[1]!.id);
  const billing = hub.billing;
  return {
    hub,
    kiosk,
    other,
    biller: billing.sandbox.biller!,
    gateway: billing.sandbox.gateway!,
    advance: (ms: number) => {
      offset += ms;
    },
    /** Lets background postings finish, then runs the resolver once and lets it finish. */
    async resolve() {
      await billing.settlement.idle();
      await billing.resolver.runOnce();
      await billing.settlement.idle();
    },
    settled: () => billing.settlement.idle(),
    events: (id: string) =>
      hub.db.all<{ to_state: string; reason: string | null }>(
        'SELECT to_state, reason FROM payment_events WHERE payment_id = ? ORDER BY id',
        [id],
      ),
    async close() {
      await hub.close();
      t.remove();
    },
  };
}
export type BillingHub = Awaited<ReturnType<typeof billingHub>>;

/** Looks up an account and quotes all its bills (or the first `n`); returns the quote. */
export async function quoteFor(k: Kiosk, billerId: string, account: string, n?: number) {
  const found = await (await k.call('/billing/lookup', post({ billerId, account }))).json();
  const billIds = found.bills.slice(0, n).map((b: { id: string }) => b.id);
  const res = await k.call('/billing/quotes', post({ accountToken: found.accountToken, billIds }));
  if (res.status !== 201) throw new Error(`quote: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

let keys = 0;
/** Pays a quote with a fresh idempotency key (or `key`); returns the response. */
export function pay(k: Kiosk, body: Record<string, unknown>, key = `pay-key-${Date.now()}-${++keys}`) {
  return k.call('/billing/payments', post(body, key));
}

/** The payment as the kiosk sees it now. */
export async function paymentOf(k: Kiosk, id: string) {
  return (await k.call(`/billing/payments/${id}`)).json();
}
