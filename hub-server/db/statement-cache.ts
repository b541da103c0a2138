import type sqlite3 from 'sqlite3';

/** How many prepared statements are kept in all; past it the least recently used idle one goes. */
const MAX_KEPT = 512;
/**
 * Copies kept of one statement. Calls on one sqlite3 statement run one after another, each waiting
 * for the event loop to hand over the next; a few copies let concurrent calls (a group commit's
 * members) go to the connection back to back.
 */
const COPIES = 4;

interface Copy {
  statement: Promise<sqlite3.Statement>;
  /** Calls issued on it and not yet answered. */
  busy: number;
}

/**
 * Prepared statements kept by SQL text, so a hot statement costs one thread-pool round trip per
 * call instead of three (prepare, run, finalize). Every call runs its statement to the end (`run`
 * for a statement that returns no row, `all` otherwise), so a kept statement never holds a read
 * snapshot open between calls.
 */
export class StatementCache {
  /** In order of last use, oldest first. */
  private readonly kept = new Map<string, Copy[]>();
  private count = 0;

  constructor(private readonly db: sqlite3.Database) {}

  /** Runs a statement that returns no row; undefined when nothing can be kept (call it unprepared). */
  run(sql: string, params: unknown): Promise<{ changes: number; lastID: number }> | undefined {
    return this.call(sql, (s, done) =>
      s.run(params, function (err) {
        done(err, { changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  /** Every row of a statement (a query, or a write with RETURNING); undefined as for `run`. */
  all<T>(sql: string, params: unknown): Promise<T[]> | undefined {
    return this.call(sql, (s, done) => s.all(params, (err, rows) => done(err, rows as T[])));
  }

  /** Finalizes every kept statement (before the connection closes). */
  async close(): Promise<void> {
    const statements = await Promise.allSettled([...this.kept.values()].flat().map((c) => c.statement));
    this.kept.clear();
    this.count = 0;
    for (const s of statements) if (s.status === 'fulfilled') s.value.finalize();
  }

  private call<R>(
    sql: string,
    invoke: (s: sqlite3.Statement, done: (err: Error | null, result: R) => void) => void,
  ): Promise<R> | undefined {
    const copy = this.copyOf(sql);
    if (!copy) return undefined;
    copy.busy++;
    return copy.statement.then(
      (s) =>
        new Promise<R>((resolve, reject) =>
          invoke(s, (err, result) => {
            copy.busy--;
            if (err) reject(err);
            else resolve(result);
          }),
        ),
      (err: unknown) => {
        copy.busy--;
        throw err;
      },
    );
  }

  /** An idle copy of `sql`'s statement, a new one while there are fewer than COPIES, else the least busy. */
  private copyOf(sql: string): Copy | undefined {
    const copies = this.kept.get(sql);
    if (copies) {
      // Most recently used last.
      this.kept.delete(sql);
      this.kept.set(sql, copies);
      const idle = copies.find((c) => c.busy === 0);
      if (idle) return idle;
      if (copies.length >= COPIES) return copies.reduce((a, b) => (b.busy < a.busy ? b : a));
    }
    if (this.count >= MAX_KEPT && !this.evictOne()) return copies?.[0];
    const copy: Copy = {
      statement: new Promise<sqlite3.Statement>((resolve, reject) => {
        const s = this.db.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
      }),
      busy: 0,
    };
    if (copies) copies.push(copy);
    else this.kept.set(sql, [copy]);
    this.count++;
    copy.statement.catch(() => this.forget(sql, copy));
    return copy;
  }

  /** Finalizes the least recently used statement none of whose copies is in use; false if all are. */
  private evictOne(): boolean {
    for (const [sql, copies] of this.kept) {
      if (copies.some((c) => c.busy > 0)) continue;
      this.kept.delete(sql);
      this.count -= copies.length;
      for (const c of copies)
        c.statement.then(
          (s) => s.finalize(),
          () => {},
        );
      return true;
    }
    return false;
  }

  private forget(sql: string, copy: Copy): void {
    const copies = this.kept.get(sql);
    if (!copies?.includes(copy)) return;
    const left = copies.filter((c) => c !== copy);
    if (left.length > 0) this.kept.set(sql, left);
    else this.kept.delete(sql);
    this.count--;
  }
}
