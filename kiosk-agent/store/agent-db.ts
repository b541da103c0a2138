import sqlite3 from 'sqlite3';

/** A row as sqlite returns it. */
export type Row = Record<string, unknown>;

/**
 * The agent's own small promise wrapper over `sqlite3` (the agent may not import the hub's).
 * WAL with `synchronous = FULL`, so every commit (a journal intent above all) is on disk
 * before the call resolves; a busy timeout; one writer: write transactions queue in-process
 * and each runs inside `BEGIN IMMEDIATE`.
 */
export class AgentDb {
  private writeQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: sqlite3.Database,
    readonly file: string,
  ) {}

  /** Opens (creating when absent) the agent's database file. */
  static async open(file: string, opts: { busyTimeoutMs?: number } = {}): Promise<AgentDb> {
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(handle)));
    });
    const db = new AgentDb(raw, file);
    await db.exec(`PRAGMA busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    await db.exec('PRAGMA journal_mode = WAL');
    // FULL: in WAL mode NORMAL may lose the last commits on power loss; a money intent must not.
    await db.exec('PRAGMA synchronous = FULL');
    return db;
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  all<T = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
    );
  }

  get<T = Row>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) =>
      this.db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as T | undefined))),
    );
  }

  run(sql: string, params: unknown[] = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (err) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  /** Runs `work` inside `BEGIN IMMEDIATE … COMMIT`, one at a time; rolls back and rethrows on error. */
  transaction<T>(work: (db: AgentDb) => Promise<T>): Promise<T> {
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

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
  }
}
