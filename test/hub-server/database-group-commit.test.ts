import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../hub-server/db/database.ts';
import { tempDir } from '../support/temp-dir.ts';

const temps: { remove(): void }[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});
async function open(): Promise<{ db: Database; file: string }> {
  const t = tempDir();
  temps.push(t);
  const file = path.join(t.dir, 'hub.sqlite');
  const db = await Database.open(file);
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  return { db, file };
}
const insert = (db: Database, id: number, v = `v${id}`) =>
  db.writeAlone((d) => d.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [id, v]));
const ids = async (db: Database) =>
  (await db.all<{ id: number }>('SELECT id FROM t ORDER BY id')).map((r) => r.id);

describe('hub database: group commit', () => {
  it('when writes wait together, then each is answered only once another connection can read it', async () => {
    const { db, file } = await open();
    const reader = await Database.open(file);
    const seen = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        insert(db, i + 1).then(() =>
          reader.get<{ n: number }>('SELECT COUNT(*) AS n FROM t WHERE id = ?', [i + 1]),
        ),
      ),
    );
    expect(seen.map((r) => r?.n)).toEqual(Array(40).fill(1));
    await reader.close();
    await db.close();
  });

  it('when one write of a group fails, then only it rejects and the others land', async () => {
    const { db } = await open();
    await insert(db, 5);
    const results = await Promise.allSettled([1, 2, 5, 3, 4].map((id) => insert(db, id)));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await ids(db)).toEqual([1, 2, 3, 4, 5]);
    expect((await db.get<{ v: string }>('SELECT v FROM t WHERE id = 5'))?.v).toBe('v5');
    await db.close();
  });

  it('when atomic work throws inside a group, then none of its writes remain and the group’s other writes do', async () => {
    const { db } = await open();
    const results = await Promise.allSettled([
      insert(db, 1),
      db.atomic(async (d) => {
        await d.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [10, 'half']);
        await d.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [11, 'half']);
        throw new Error('changed my mind');
      }),
      db.atomic(async (d) => {
        await d.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [20, 'whole']);
        await d.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [21, 'whole']);
        return 'both';
      }),
      insert(db, 2),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error).message))).toEqual([
      'ok',
      'changed my mind',
      'ok',
      'ok',
    ]);
    expect((results[2] as PromiseFulfilledResult<string>).value).toBe('both');
    expect(await ids(db)).toEqual([1, 2, 20, 21]);
    await db.close();
  });

  it('when a transaction is queued between grouped writes, then it runs alone and sees every write before it', async () => {
    const { db } = await open();
    const before = [1, 2, 3].map((id) => insert(db, id));
    const counted = db.transaction(async (tx) => {
      const n = (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM t'))?.n ?? 0;
      await tx.run('INSERT INTO t (id, v) VALUES (?, ?)', [100, `saw ${n}`]);
      return n;
    });
    const after = [4, 5].map((id) => insert(db, id));
    await Promise.all([...before, ...after]);
    expect(await counted).toBe(3);
    expect(await ids(db)).toEqual([1, 2, 3, 4, 5, 100]);
    await db.close();
  });

  it('when a prepared read or RETURNING write has answered, then no read snapshot stays open (the WAL can be reset)', async () => {
    const { db } = await open();
    for (let i = 1; i <= 20; i++) await insert(db, i);
    expect(await db.getPrepared<{ v: string }>('SELECT v FROM t WHERE id >= ? ORDER BY id', [3])).toEqual({
      v: 'v3',
    });
    const returned = await db.writeAlone((d) =>
      d.allPrepared<{ id: number; v: string }>('UPDATE t SET v = ? WHERE id = ? RETURNING id, v', ['new', 7]),
    );
    expect(returned).toEqual([{ id: 7, v: 'new' }]);
    const [checkpoint] = await db.all<{ busy: number; log: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
    expect(checkpoint).toMatchObject({ busy: 0, log: 0 });
    await db.close();
  });

  it('when more calls of one prepared statement are in flight than it has copies, then each gets its own answer', async () => {
    const { db } = await open();
    await Promise.all(Array.from({ length: 30 }, (_, i) => insert(db, i + 1)));
    const rows = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.getPrepared<{ id: number; v: string }>('SELECT id, v FROM t WHERE id = ?', [i + 1]),
      ),
    );
    expect(rows.map((r) => r?.v)).toEqual(Array.from({ length: 30 }, (_, i) => `v${i + 1}`));
    await db.close();
  });
});

describe('hub database: checkpoints off the writer', () => {
  it('when writes are committed, then the WAL is copied into the data file soon after, without the writer doing it', async () => {
    const t = tempDir();
    temps.push(t);
    const file = path.join(t.dir, 'hub.sqlite');
    const db = await Database.open(file, { checkpointMs: 20 });
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    await Promise.all([1, 2, 3].map((id) => insert(db, id, `marker-${id}-in-the-main-file`)));
    // The writer's own checkpoint waits for 10,000 WAL pages: these three rows are in the WAL only.
    const inFile = () => readFileSync(file).includes('marker-3-in-the-main-file');
    const deadline = Date.now() + 5_000;
    while (!inFile() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(inFile()).toBe(true);
    await db.close();
  });
});
