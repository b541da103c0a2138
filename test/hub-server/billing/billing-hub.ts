import type { RunningHub } from '../../../hub-server/main.ts';
import { DEMO_FLEET } from '../../../hub-server/seed/demo-fleet.ts';
import { enrolledKiosk, hubAt } from '../../support/enrolled-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';

export type Kiosk = Awaited<ReturnType<typeof enrolledKiosk>>;

/** JSON POST options for `Kiosk.call`. */
export const post = (body: unknown, key?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
  ...(key ? { key } : {}),
});

/** A real hub on a fresh data dir with two enrolled kiosks; `close` removes it all. */
export async function billingHub(): Promise<{
  hub: RunningHub;
  kiosk: Kiosk;
  other: Kiosk;
  close(): Promise<void>;
}> {
  const t = tempDir();
  const hub = await hubAt(t.dir);
  const kiosk = await enrolledKiosk(hub);
  const other = await enrolledKiosk(hub, DEMO_FLEET[1]!.id);
  return {
    hub,
    kiosk,
    other,
    async close() {
      await hub.close();
      t.remove();
    },
  };
}

/** Looks up an account and quotes all its bills (or the first `n`); returns the quote. */
export async function quoteFor(k: Kiosk, billerId: string, account: string, n?: number) {
  const found = await (await k.call('/billing/lookup', post({ billerId, account }))).json();
  const billIds = found.bills.slice(0, n).map((b: { id: string }) => b.id);
  const res = await k.call('/billing/quotes', post({ accountToken: found.accountToken, billIds }));
  if (res.status !== 201) throw new Error(`quote: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
