import sqlite3 from 'sqlite3';

/** A row as sqlite returns it. */
export type Row = Record<string, unknown>;
export type Params = unknown[] | Record<string, unknown>;

/** How many distinct statements `runPrepared` keeps. */
const MAX_PREPARED = 512;

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
 * and a single writer: write transactions are queued in-process and each runs
 * inside `BEGIN IMMEDIATE`, so a second hub process waits on the busy timeout
 * instead of failing half-way.
 */
export class Database {
  private writeQueue: Promise<unknown> = Promise.resolve();
  /** Statements prepared once and kept, by SQL text (`runPrepared`); capped, past it each call prepares its own. */
  private readonly prepared = new Map<string, Promise<sqlite3.Statement>>();

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
  async runPrepared(sql: string, params: unknown[] = []): Promise<{ changes: number; lastID: number }> {
    let statement = this.prepared.get(sql);
    if (!statement) {
      if (this.prepared.size >= MAX_PREPARED) return this.run(sql, params);
      statement = new Promise<sqlite3.Statement>((resolve, reject) => {
        const s = this.db.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
      });
      this.prepared.set(sql, statement);
      statement.catch(() => this.prepared.delete(sql));
    }
    const s = await statement;
    return new Promise((resolve, reject) =>
      s.run(params, function (err) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  /**
   * Runs `work` in this process's single-writer queue, like `transaction`, but
   * without `BEGIN … COMMIT`: for a write that is one statement, atomic by itself
   * (its triggers included), so it costs one round trip instead of three.
   */
  writeAlone<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const next = this.writeQueue.then(() => work(this));
    this.writeQueue = next.catch(() => {});
    return next;
  }

  /**
   * Runs `work` inside `BEGIN IMMEDIATE … COMMIT`, one at a time in this process.
   * Rolls back and rethrows when `work` throws.
   */
  transaction<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const next = this.writeQueue.then(async () => {
      await this.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this);
        await this.exec('COMMIT');
        return result;
      } catch (err) {
        await this.exec('ROLLBACK').catch(() => {});
        throw err;
      }
    });
    this.writeQueue = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    const statements = await Promise.allSettled(this.prepared.values());
    this.prepared.clear();
    for (const s of statements) if (s.status === 'fulfilled') s.value.finalize();
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}
