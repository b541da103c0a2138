import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../kiosk-agent/journal/journal.ts';
import { Outbox } from '../../kiosk-agent/outbox/outbox.ts';
import { OutboxSender } from '../../kiosk-agent/outbox/outbox-sender.ts';
import type { AgentDb } from '../../kiosk-agent/store/agent-db.ts';
import { openAgentDb } from '../../kiosk-agent/store/migrate.ts';
import { tempDir } from '../support/temp-dir.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(dir?: string): Promise<{ db: AgentDb; dir: string }> {
  const d = dir ?? tempDir().dir;
  const db = await openAgentDb(d);
  cleanups.push(() => db.close().catch(() => {}));
  return { db, dir: d };
}

describe('agent outbox (issue 5)', () => {
  it('when it fills past its bound, then the oldest telemetry goes first and no journal entry is ever dropped', async () => {
    const { db } = await open();
    const outbox = new Outbox(db, { maxRows: 10, maxBytes: 1_000_000 });
    const journal = new Journal(db, outbox);
    for (let i = 0; i < 20; i++) {
      await outbox.telemetry({ n: i });
      if (i % 4 === 0)
        await journal.intent('money', `pay-${i}`, { method: 'POST', path: '/p', body: { amount: i } });
    }
    const items = await outbox.peek(100, 10_000_000);
    const telemetry = items.filter((i) => i.kind === 'telemetry').map((i) => (i.body as { n: number }).n);
    expect(items.filter((i) => i.kind === 'journal')).toHaveLength(5);
    expect(telemetry).toEqual([15, 16, 17, 18, 19]);
    for (let i = 0; i < 10; i++)
      await journal.intent('money', `more-${i}`, { method: 'POST', path: '/p', body: { amount: i } });
    expect(await outbox.depth()).toMatchObject({ telemetry: 0, journal: 15 });
    expect((await outbox.depth()).dropped).toBe(20);
  });

  it('when the byte bound is passed, then telemetry is trimmed to fit', async () => {
    const { db } = await open();
    const outbox = new Outbox(db, { maxRows: 1000, maxBytes: 2000 });
    for (let i = 0; i < 50; i++) await outbox.telemetry({ pad: 'x'.repeat(100), n: i });
    const d = await outbox.depth();
    expect(d.bytes).toBeLessThanOrEqual(2000);
    expect(d.telemetry).toBeGreaterThan(10);
    const first = (await outbox.peek(1, 10_000))[0]?.body as { n: number };
    expect(first.n).toBe(50 - d.telemetry);
  });

  it('when a telemetry item is too large to ever be delivered, then it is refused rather than blocking the queue', async () => {
    const { db } = await open();
    const outbox = new Outbox(db);
    await expect(outbox.telemetry({ pad: 'x'.repeat(70_000) })).rejects.toThrow(RangeError);
    expect((await outbox.depth()).telemetry).toBe(0);
  });

  it('when the agent restarts, then queued items are still there in order, and acknowledged ones are gone', async () => {
    const { db, dir } = await open();
    const outbox = new Outbox(db);
    for (let i = 0; i < 5; i++) await outbox.telemetry({ n: i });
    const [a] = await outbox.peek(1, 10_000);
    await outbox.acknowledge([a!.id]);
    await db.close();
    const again = await open(dir);
    const items = await new Outbox(again.db).peek(10, 10_000);
    expect(items.map((i) => (i.body as { n: number }).n)).toEqual([1, 2, 3, 4]);
  });
});

describe('outbox sender (issue 5)', () => {
  it('when the hub keeps failing, then attempts back off exponentially; once it answers, the acknowledged items leave', async () => {
    const { db } = await open();
    const outbox = new Outbox(db);
    for (let i = 0; i < 3; i++) await outbox.telemetry({ n: i });
    const attempts: number[] = [];
    let up = false;
    const sender = new OutboxSender({
      outbox,
      logger: pino({ level: 'silent' }),
      minBackoffMs: 20,
      maxBackoffMs: 160,
      post: async (items) => {
        attempts.push(Date.now());
        if (!up) throw new Error('hub down');
        return items.slice(0, 2).map((i) => i.id); // the hub acknowledges only what it stored
      },
    });
    sender.start();
    cleanups.push(() => sender.stop());
    await new Promise((r) => setTimeout(r, 700));
    // 20, 40, 80, 160, 160, … ms apart: about 7 attempts in 700 ms, not 35.
    expect(attempts.length).toBeGreaterThanOrEqual(4);
    expect(attempts.length).toBeLessThanOrEqual(9);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    expect(gaps[3]!).toBeGreaterThanOrEqual(150);
    up = true;
    const deadline = Date.now() + 3000;
    while ((await outbox.depth()).telemetry > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect((await outbox.depth()).telemetry).toBe(0);
  });
});

describe('agent journal (issue 5)', () => {
  it('when an intent is written, then its outbox copy commits with it, and rows can be neither updated nor deleted', async () => {
    const { db } = await open();
    const outbox = new Outbox(db);
    const journal = new Journal(db, outbox);
    await journal.intent('money', 'pay-0001', {
      method: 'POST',
      path: '/api/v1/kiosk/payments',
      body: { amount: 500 },
    });
    const [copy] = await outbox.peek(10, 100_000);
    expect(copy).toMatchObject({
      kind: 'journal',
      body: { key: 'pay-0001', entry: 'intent', kind: 'money' },
    });
    await expect(db.run("UPDATE journal SET data = '{}'")).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM journal')).rejects.toThrow(/append-only/);
    expect(await journal.unresolved()).toEqual(['pay-0001']);
  });

  it('when a step is done and printed, then its state is derived from appended rows and it is no longer open', async () => {
    const { db } = await open();
    const journal = new Journal(db, new Outbox(db));
    await journal.intent('booking', 'book-0001', { method: 'POST', path: '/b', body: { slotId: 's1' } });
    await journal.outcome('book-0001', {
      result: 'done',
      httpStatus: 201,
      source: 'answer',
      summary: { id: 'b1' },
    });
    await journal.printResult('book-0001', { ok: false, code: 'paperOut' });
    await journal.printResult('book-0001', { ok: true });
    expect(await journal.state('book-0001')).toMatchObject({
      kind: 'booking',
      request: { body: { slotId: 's1' } },
      outcome: { result: 'done', httpStatus: 201, summary: { id: 'b1' } },
      print: { ok: true },
    });
    expect(await journal.unresolved()).toEqual([]);
    const rows = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM journal');
    expect(rows?.n).toBe(4);
  });

  it('when a key was not sent, then it may be offered again; an open or answered key may not', async () => {
    const { db } = await open();
    const journal = new Journal(db, new Outbox(db));
    const req = { method: 'POST', path: '/p', body: { amount: 1 } };
    await journal.intent('money', 'pay-0002', req);
    await expect(journal.intent('money', 'pay-0002', req)).rejects.toMatchObject({ state: 'open' });
    await journal.outcome('pay-0002', { result: 'not-sent', source: 'resolved' });
    await journal.intent('money', 'pay-0002', req);
    expect(await journal.unresolved()).toEqual(['pay-0002']);
    await journal.outcome('pay-0002', { result: 'done', httpStatus: 201, source: 'answer' });
    await expect(journal.intent('money', 'pay-0002', req)).rejects.toMatchObject({ state: 'done' });
  });

  it('when a request carries a card number, an ID number and a name, then the journal keeps only masked numbers and the amount', async () => {
    const { db } = await open();
    const journal = new Journal(db, new Outbox(db));
    await journal.intent('money', 'pay-0003', {
      method: 'POST',
      path: '/p',
      body: {
        amount: 12_345,
        cardNumber: '6222021234567891234',
        idNumber: '350102199001011234',
        name: '张三',
        phone: '13800138000',
        billId: 'B-1',
      },
    });
    const all =
      JSON.stringify(await db.all('SELECT data FROM journal')) +
      JSON.stringify(await db.all('SELECT body FROM outbox'));
    expect(all).not.toContain('6222021234567891234');
    expect(all).not.toContain('350102199001011234');
    expect(all).not.toContain('张三');
    expect(all).not.toContain('13800138000');
    expect((await journal.state('pay-0003'))?.request).toEqual({
      method: 'POST',
      path: '/p',
      body: { amount: 12_345, cardNumber: '6222 **** **** 1234', billId: 'B-1' },
    });
  });
});
