import sqlite3 from 'sqlite3';
import { Checkpointer } from './checkpointer.ts';
import { StatementCache } from './statement-cache.ts';
import { WriteQueue } from './write-queue.ts';

/** A row as sqlite returns it. */
export type Row = Record<string, unknown>;
export type Params = unknown[] | Record<string, unknown>;

/**
 * A single write statement that returns no row: `run` keeps it prepared (it always runs to its end
 * in one step). Anything else `run` is handed (a query, RETURNING, a PRAGMA) is prepared per call.
 */
const PLAIN_WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b(?![\s\S]*\bRETURNING\b)/i;

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
 * FULL` in WAL mode: every commit is on disk before it is answered, so a power
 * cut cannot lose a payment's charge claim made before the gateway took the
 * money (a retry would otherwise make a new payment and charge again). Group
 * commit keeps its cost to one fsync per group.
 */
export class Database {
  /**
   * The writer's BEGIN/COMMIT/ROLLBACK as kept statements: unlike `exec`, which sqlite3 runs only
   * once every call in flight has finished, they wait for nobody (the queue awaits each in turn).
   */
  private readonly writes: WriteQueue = new WriteQueue({ control: (sql) => this.runPrepared(sql) });
  private readonly statements: StatementCache;
  /** WAL checkpoints off the writer's path (`Checkpointer`); absent for a database not in WAL mode. */
  private checkpointer: Checkpointer | undefined;

  private constructor(
    private readonly db: sqlite3.Database,
    readonly file: string,
  ) {
    this.statements = new StatementCache(db);
  }

  /** Opens (creating when absent) a database file and sets the pragmas every connection needs. */
  static async open(
    file: string,
    opts: {
      busyTimeoutMs?: number /** How soon after a write the WAL is checkpointed. */;
      checkpointMs?: number;
    } = {},
  ): Promise<Database> {
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
      await db.exec('PRAGMA synchronous = FULL');
      await db.exec('PRAGMA foreign_keys = ON');
      const check = await db.get<{ quick_check: string }>('PRAGMA quick_check');
      if (check?.quick_check !== 'ok') throw new Error(`quick_check: ${check?.quick_check}`);
      const mode = await db.get<{ journal_mode: string }>('PRAGMA journal_mode');
      if (mode?.journal_mode === 'wal') {
        // sqlite's own checkpoint after a commit stays as a backstop, at 10x its default.
        await db.exec('PRAGMA wal_autocheckpoint = 10000');
        db.checkpointer = await Checkpointer.open(file, opts.checkpointMs ?? 200);
      }
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

  /** Runs one statement; a plain INSERT, UPDATE, DELETE or REPLACE on a kept prepared statement. */
  run(sql: string, params: Params = []): Promise<{ changes: number; lastID: number }> {
    return (PLAIN_WRITE.test(sql) && this.statements.run(sql, params)) || this.runUnprepared(sql, params);
  }

  private runUnprepared(sql: string, params: Params): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (err) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  /**
   * `run` with a statement prepared on first use and kept (`StatementCache`), for hot
   * paths: one thread-pool round trip per call instead of prepare, run and finalize.
   * For a statement that returns no row (RETURNING: `allPrepared`).
   */
  runPrepared(sql: string, params: unknown[] = []): Promise<{ changes: number; lastID: number }> {
    return this.statements.run(sql, params) ?? this.runUnprepared(sql, params);
  }

  /**
   * Every row of a kept prepared statement (see `runPrepared`); also for `INSERT`,
   * `UPDATE` or `DELETE … RETURNING`. The statement always runs to its end, so it
   * never holds a read snapshot open between calls.
   */
  allPrepared<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.statements.all<T>(sql, params) ?? this.all<T>(sql, params);
  }

  /** The first row of `allPrepared`: for statements that answer at most a few rows (a key lookup). */
  async getPrepared<T = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.allPrepared<T>(sql, params))[0];
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
    return this.wrote(this.writes.push('alone', () => work(this)));
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
    return this.wrote(this.writes.push('atomic', () => work(this)));
  }

  /**
   * Runs `work` inside `BEGIN IMMEDIATE … COMMIT`, one at a time in this process
   * and with no other write between its statements. Rolls back and rethrows when
   * `work` throws.
   */
  transaction<T>(work: (db: Database) => Promise<T>): Promise<T> {
    return this.wrote(this.writes.push('exclusive', () => work(this)));
  }

  /** Tells the checkpointer once `write` has settled. */
  private wrote<T>(write: Promise<T>): Promise<T> {
    const checkpointer = this.checkpointer;
    if (checkpointer)
      void write.then(
        () => checkpointer.wrote(),
        () => checkpointer.wrote(),
      );
    return write;
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    this.checkpointer = undefined;
    await this.statements.close();
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}
