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
});
