import type { RunningHub } from '../../hub-server/main.ts';
import type { LookupResult, Payment, Quote } from '../../hub-server/modules/billing/billing.contract.ts';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import { enrollmentCode, hubAt } from '../support/enrolled-hub.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type Harness, startHarness, until } from './agent-harness.ts';

/** The simulator's UnionPay card (card-reader.cards.ts): the sandbox gateway approves it (…0123). */
export const UNIONPAY = { pan: '6222021234567890123', track2: '6222021234567890123=28122200000000000' };

/** A real hub (billing sandbox included) and the agent harness enrolled with it as the demo kiosk. */
export async function billingAgent(): Promise<{ hub: RunningHub; h: Harness; close(): Promise<void> }> {
  const data = tempDir();
  const hub = await hubAt(data.dir);
  const h = await startHarness({
    hubUrl: hub.url,
    kioskId: DEMO_KIOSK.id,
    enrollmentCode: await enrollmentCode(hub),
  });
  await until(() => (h.agent.status().link.enrollment === 'enrolled' ? true : undefined), 5000);
  await until(() => (h.agent.status().journal?.blocked === false ? true : undefined), 5000);
  return {
    hub,
    h,
    async close() {
      await h.close();
      await hub.close();
      data.remove();
    },
  };
}

/** A call through the agent's `/hub/*` proxy, as the kiosk page makes it. */
export async function viaAgent<T = Payment>(
  h: Harness,
  path: string,
  opts: { body?: unknown; key?: string; sessionId?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.key) headers['idempotency-key'] = opts.key;
  if (opts.sessionId) headers['x-session-id'] = opts.sessionId;
  const res = await fetch(`${h.agent.url}/hub${path}`, {
    method: opts.body === undefined ? 'GET' : 'POST',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** Looks up the sandbox's seeded water account through the agent and quotes its oldest bill. */
export async function waterQuote(h: Harness): Promise<Quote> {
  const found = await viaAgent<LookupResult>(h, '/billing/lookup', {
    body: { billerId: 'fz-water', account: '3501234567' },
  });
  if (found.status !== 200) throw new Error(`lookup: ${found.status} ${JSON.stringify(found.body)}`);
  const quote = await viaAgent<Quote>(h, '/billing/quotes', {
    body: { accountToken: found.body.accountToken, billIds: [found.body.bills[0]!.id] },
  });
  if (quote.status !== 201) throw new Error(`quote: ${quote.status} ${JSON.stringify(quote.body)}`);
  return quote.body;
}

/** The resident inserts the UnionPay card and the screen reads it: the token the screen gets. */
export async function readCard(h: Harness, sessionId: string): Promise<string> {
  await h.command('card-reader/enable', { sessionId, requestId: 'enable' });
  h.rig.cardReader.sim.insert('unionpay');
  await until(() => (h.rig.cardReader.driver.status().detail.card === 'inside' ? true : undefined));
  const read = await h.command('card-reader/read', { sessionId, requestId: 'read' });
  if (read.body.card?.source !== 'track2') throw new Error(`read: ${JSON.stringify(read.body)}`);
  return read.body.card.token;
}

/** Polls the payment through the agent until it is final. */
export async function finalPayment(h: Harness, id: string): Promise<Payment> {
  return until(async () => {
    const p = (await viaAgent(h, `/billing/payments/${id}`)).body;
    return ['posted', 'failed', 'refunded'].includes(p.state) ? p : undefined;
  }, 10_000);
}
