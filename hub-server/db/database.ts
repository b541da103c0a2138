import sqlite3 from 'sqlite3';
import { WriteQueue } from './write-queue.ts';

/** A row as sqlite returns it. */
export type Row = Record<string, unknown>;
export type Params = unknown[] | Record<string, unknown>;

/** How many prepared statements are kept in all (`runPrepared`, `getPrepared`, `allPrepared`). */
const MAX_PREPARED = 512;
/**
 * Copies kept of one statement. Calls on one sqlite3 statement run one after another, each waiting
 * for the event loop to hand over the next; a few copies let concurrent calls (a group commit's
 * members) go to the connection back to back.
 */
const COPIES = 4;

interface Prepared {
  statement: Promise<sqlite3.Statement>;
  /** Calls issued on it and not yet answered. */
  busy: number;
}

/** Raised when the data file cannot be used as it is; it is never recreated or overwritten. */
export class DataFileError extends Error {
  readonly code: 'data-file-corrupt' | 'data-file-too-new' | 'data-file-unreadable';
  constructor(code: DataFileError['code'], message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DataFileError';
    this.code = code;
  }
}

/**
 * The one promise wrapper over `sqlite3`. WAL, a busy timeout, foreign keys,
 * and a single writer: writes are queued in-process (`WriteQueue`, with group
 * commit) and run inside `BEGIN IMMEDIATE`, so a second hub process waits on
 * the busy timeout instead of failing half-way. Durability: `synchronous =
 * NORMAL` in WAL mode (a commit survives a crash of the process; a power cut
 * may lose the last commits before a checkpoint, never corrupt the file).
 */
export class Database {
  /**
   * The writer's BEGIN/COMMIT/ROLLBACK as kept statements: unlike `exec`, which sqlite3 runs only
   * once every call in flight has finished, they wait for nobody (the queue awaits each in turn).
   */
  private readonly writes: WriteQueue = new WriteQueue({ control: (sql) => this.runPrepared(sql) });
  /** Statements prepared once and kept, by SQL text, a few copies each; capped, past it each call prepares its own. */
  private readonly prepared = new Map<string, Prepared[]>();
  private preparedCount = 0;

  private constructor(
    private readonly db: sqlite3.Database,
    readonly file: string,
  ) {}

  /** Opens (creating when absent) a database file and sets the pragmas every connection needs. */
  static async open(file: string, opts: { busyTimeoutMs?: number } = {}): Promise<Database> {
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(handle)));
    }).catch((err: unknown) => {
      throw new DataFileError(
        'data-file-unreadable',
        `Cannot open the data file ${file}: ${String(err)}`,
        err,
      );
    });
    const db = new Database(raw, file);
    try {
      await db.exec(`PRAGMA busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
      await db.exec('PRAGMA journal_mode = WAL');
      await db.exec('PRAGMA synchronous = NORMAL');
      await db.exec('PRAGMA foreign_keys = ON');
      const check = await db.get<{ quick_check: string }>('PRAGMA quick_check');
      if (check?.quick_check !== 'ok') throw new Error(`quick_check: ${check?.quick_check}`);
    } catch (err) {
      await db.close().catch(() => {});
      if (err instanceof DataFileError) throw err;
      throw new DataFileError(
        'data-file-corrupt',
        `The data file ${file} is not a healthy sqlite database (${(err as Error).message}). ` +
          'It was left untouched: restore it from a backup, or move it away to start with an empty hub.',
        err,
      );
    }
    return db;
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  all<T = Row>(sql: string, params: Params = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
    );
  }

  get<T = Row>(sql: string, params: Params = []): Promise<T | undefined> {
    return new Promise((resolve, reject) =>
      this.db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as T | undefined))),
    );
  }

  run(sql: string, params: Params = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (err) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  /**
   * `run` with a statement prepared on first use and kept until `close`, for hot
   * paths: one thread-pool round trip per call instead of prepare, run and finalize.
   */
  runPrepared(sql: string, params: unknown[] = []): Promise<{ changes: number; lastID: number }> {
    return (
      this.withPrepared(sql, (s, done) =>
        s.run(params, function (err) {
          done(err, { changes: this.changes, lastID: this.lastID });
        }),
      ) ?? this.run(sql, params)
    );
  }

  /**
   * Every row of a kept prepared statement (see `runPrepared`); also for `INSERT`,
   * `UPDATE` or `DELETE … RETURNING`. The statement always runs to its end, so it
   * never holds a read snapshot open between calls.
   */
  allPrepared<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (
      this.withPrepared(sql, (s, done) => s.all(params, (err, rows) => done(err, rows as T[]))) ??
      this.all<T>(sql, params)
    );
  }

  /** The first row of `allPrepared`: for statements that answer at most a few rows (a key lookup). */
  async getPrepared<T = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.allPrepared<T>(sql, params))[0];
  }

  /** Runs `call` on a kept copy of `sql`'s statement; undefined when the cache is full. */
  private withPrepared<R>(
    sql: string,
    call: (s: sqlite3.Statement, done: (err: Error | null, result: R) => void) => void,
  ): Promise<R> | undefined {
    const copy = this.preparedCopy(sql);
    if (!copy) return undefined;
    copy.busy++;
    return copy.statement.then(
      (s) =>
        new Promise<R>((resolve, reject) =>
          call(s, (err, result) => {
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
  private preparedCopy(sql: string): Prepared | undefined {
    const copies = this.prepared.get(sql);
    const idle = copies?.find((c) => c.busy === 0);
    if (idle) return idle;
    if ((!copies || copies.length < COPIES) && this.preparedCount < MAX_PREPARED) {
      const copy: Prepared = {
        statement: new Promise<sqlite3.Statement>((resolve, reject) => {
          const s = this.db.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
        }),
        busy: 0,
      };
      if (copies) copies.push(copy);
      else this.prepared.set(sql, [copy]);
      this.preparedCount++;
      copy.statement.catch(() => {
        const left = this.prepared.get(sql)?.filter((c) => c !== copy) ?? [];
        if (left.length > 0) this.prepared.set(sql, left);
        else this.prepared.delete(sql);
        this.preparedCount--;
      });
      return copy;
    }
    return copies?.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  /**
   * Queues `work` for this process's single writer, like `transaction`, but
   * without a transaction of its own: for a write that is one statement, atomic
   * by itself (its triggers included). Writes waiting together are committed
   * together (`WriteQueue`); a lone one costs one round trip. `work` may run
   * twice (when its group is rolled back for another member's failure), so it
   * must only issue its statement.
   */
  writeAlone<T>(work: (db: Database) => Promise<T>): Promise<T> {
    return this.writes.push('alone', () => work(this));
  }

  /**
   * Runs `work`'s statements so that they commit together or not at all, in a
   * group commit with other writers (`WriteQueue`). For work that touches only
   * rows of its own and decides nothing on what other writers wrote meanwhile
   * (their statements may run between its own): otherwise use `transaction`.
   * When `work` throws, none of its writes remain. It may run twice (see
   * `writeAlone`), and must await every statement it issued before it returns
   * or throws (`Promise.allSettled`, not `Promise.all`).
   */
  atomic<T>(work: (db: Database) => Promise<T>): Promise<T> {
    return this.writes.push('atomic', () => work(this));
  }

  /**
   * Runs `work` inside `BEGIN IMMEDIATE … COMMIT`, one at a time in this process
   * and with no other write between its statements. Rolls back and rethrows when
   * `work` throws.
   */
  transaction<T>(work: (db: Database) => Promise<T>): Promise<T> {
    return this.writes.push('exclusive', () => work(this));
  }

  async close(): Promise<void> {
    const statements = await Promise.allSettled([...this.prepared.values()].flat().map((c) => c.statement));
    this.prepared.clear();
    this.preparedCount = 0;
    for (const s of statements) if (s.status === 'fulfilled') s.value.finalize();
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}
