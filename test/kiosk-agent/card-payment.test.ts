import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub-server/main.ts';
import { AgentDb } from '../../kiosk-agent/store/agent-db.ts';
import type { Harness } from './agent-harness.ts';
import { billingAgent, finalPayment, readCard, UNIONPAY, viaAgent, waterQuote } from './billing-agent.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function linked(): Promise<{ hub: RunningHub; h: Harness }> {
  const s = await billingAgent();
  close = s.close;
  return s;
}

/** Every byte of the agent's sqlite database and its write-ahead log, as text. */
function sqliteBytes(stateDir: string): string {
  const read = (f: string) => {
    try {
      return readFileSync(join(stateDir, f)).toString('latin1');
    } catch {
      return '';
    }
  };
  return read('agent.sqlite') + read('agent.sqlite-wal');
}

const hubKnows = async (hub: RunningHub, key: string) =>
  (await hub.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM kiosk_idempotency WHERE key = ?', [key]))!.n;

describe('card payments through the agent (issue 7)', () => {
  it('when the screen pays with its card token, then the hub charges the card’s track 2 and the journal and logs keep only the token', async () => {
    const { h } = await linked();
    const sessionId = await h.startSession();
    const token = await readCard(h, sessionId);
    const quote = await waterQuote(h);
    const paid = await viaAgent(h, '/billing/payments', {
      key: 'pay-card-0001',
      body: { quoteId: quote.id, method: 'card', cardToken: token },
    });
    expect(paid.status).toBe(201);
    // The sandbox gateway declines anything that is not track 2 (`card-unreadable`): this was the track.
    expect(paid.body).toMatchObject({ method: 'card', gatewayRef: expect.any(String) });
    expect(['paid', 'posting', 'posted']).toContain(paid.body.state);
    expect((await finalPayment(h, paid.body.id)).state).toBe('posted');

    const db = await AgentDb.open(join(h.stateDir, 'agent.sqlite'));
    const rows = await db.all<{ entry: string; data: string }>(
      "SELECT entry, data FROM journal WHERE key = 'pay-card-0001' ORDER BY seq",
    );
    await db.close();
    expect(rows.map((r) => r.entry)).toEqual(['intent', 'outcome']);
    expect(JSON.parse(rows[0]!.data).body).toEqual({ quoteId: quote.id, method: 'card', cardToken: token });
    const stored = sqliteBytes(h.stateDir);
    expect(stored).toContain(token);
    expect(stored).not.toContain(UNIONPAY.pan);
    expect(stored).not.toContain(UNIONPAY.track2.slice(UNIONPAY.pan.length));
    const logs = h.logLines.join('\n');
    expect(logs).not.toContain(UNIONPAY.pan);
    expect(logs).not.toContain(UNIONPAY.track2.slice(UNIONPAY.pan.length));
  });

  it('when the token is unknown, or belongs to a session that ended, then 409 card-token-unknown and neither the journal nor the hub saw the step', async () => {
    const { hub, h } = await linked();
    const first = await h.startSession();
    const token = await readCard(h, first);
    const quote = await waterQuote(h);
    const unknown = await viaAgent(h, '/billing/payments', {
      key: 'pay-card-0002',
      body: { quoteId: quote.id, method: 'card', cardToken: 'card_made-up' },
    });
    expect(unknown).toMatchObject({ status: 409, body: { error: { code: 'card-token-unknown' } } });

    await h.agent.session.end('done');
    await h.startSession();
    const stale = await viaAgent(h, '/billing/payments', {
      key: 'pay-card-0003',
      body: { quoteId: quote.id, method: 'card', cardToken: token },
    });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'card-token-unknown' } } });
    for (const key of ['pay-card-0002', 'pay-card-0003']) {
      expect(await h.agent.delivery.journal.state(key)).toBeUndefined();
      expect(await hubKnows(hub, key)).toBe(0);
    }
  });

  it('when a page names another session than the one holding the card, then the token is refused', async () => {
    const { h } = await linked();
    const sessionId = await h.startSession();
    const token = await readCard(h, sessionId);
    const quote = await waterQuote(h);
    const other = await viaAgent(h, '/billing/payments', {
      key: 'pay-card-0004',
      sessionId: 'not-this-session',
      body: { quoteId: quote.id, method: 'card', cardToken: token },
    });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'card-token-unknown' } } });
  });
});
