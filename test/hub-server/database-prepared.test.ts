import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../../hub-server/db/database.ts';
import { tempDir } from '../support/temp-dir.ts';

const temps: { remove(): void }[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});
async function open(): Promise<Database> {
  const t = tempDir();
  temps.push(t);
  const db = await Database.open(path.join(t.dir, 'hub.sqlite'));
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  return db;
}

describe('hub database: prepared statements and single-statement writes', () => {
  it('when runPrepared runs the same SQL many times at once, then every row lands with its own params', async () => {
    const db = await open();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [i + 1, `v${i}`]),
      ),
    );
    expect(results.map((r) => r.changes)).toEqual(Array(50).fill(1));
    const rows = await db.all<{ id: number; v: string }>('SELECT id, v FROM t ORDER BY id');
    expect(rows).toHaveLength(50);
    expect(rows[49]).toEqual({ id: 50, v: 'v49' });
    await db.close();
  });

  it('when a prepared statement fails, then that call rejects and the next one with good params works', async () => {
    const db = await open();
    await db.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [1, 'a']);
    await expect(db.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [1, 'dup'])).rejects.toThrow(/UNIQUE/);
    await expect(db.runPrepared('INSERT INTO nowhere (x) VALUES (?)', [1])).rejects.toThrow(/no such table/);
    await db.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [2, 'b']);
    expect((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM t'))?.n).toBe(2);
    await db.close();
  });

  it('when writeAlone runs beside a transaction, then it waits for the commit instead of joining it', async () => {
    const db = await open();
    const order: string[] = [];
    const tx = db.transaction(async (t) => {
      await t.run("INSERT INTO t (id, v) VALUES (1, 'tx')");
      await new Promise((r) => setTimeout(r, 30));
      order.push('tx-end');
      throw new Error('roll back');
    });
    const alone = db.writeAlone(async (d) => {
      order.push('alone');
      return d.runPrepared('INSERT INTO t (id, v) VALUES (?, ?)', [2, 'alone']);
    });
    await expect(tx).rejects.toThrow('roll back');
    await alone;
    expect(order).toEqual(['tx-end', 'alone']);
    // The rolled-back transaction did not take the single-statement write with it.
    expect(await db.all('SELECT id, v FROM t')).toEqual([{ id: 2, v: 'alone' }]);
    await db.close();
  });

  it('when more distinct statements are used than are kept, then the oldest idle ones make way and every call still answers', async () => {
    const db = await open();
    // 600 distinct INSERTs and lookups: more than the 512 statements kept.
    for (let i = 1; i <= 600; i++) await db.run(`INSERT INTO t (id, v) VALUES (?, 'x${i}')`, [i]);
    const found = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        db.getPrepared<{ v: string }>(`SELECT v FROM t WHERE id = ${i + 1}`),
      ),
    );
    expect(found.map((r) => r?.v)).toEqual(Array.from({ length: 600 }, (_, i) => `x${i + 1}`));
    expect(await db.getPrepared<{ v: string }>('SELECT v FROM t WHERE id = 1')).toEqual({ v: 'x1' });
    await db.close();
  });

  it('when run is given a query or a RETURNING write, then it still runs it whole and holds no snapshot open', async () => {
    const db = await open();
    await db.run('INSERT INTO t (id, v) VALUES (1, ?), (2, ?)', ['a', 'b']);
    expect((await db.run('UPDATE t SET v = ? WHERE id > 0 RETURNING id', ['z'])).changes).toBe(2);
    await db.run('SELECT v FROM t');
    const [checkpoint] = await db.all<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
    expect(checkpoint?.busy).toBe(0);
    expect(await db.all('SELECT v FROM t')).toEqual([{ v: 'z' }, { v: 'z' }]);
    await db.close();
  });
});
