/** How a queued write joins the others (see `WriteQueue`). */
export type WriteMode =
  /** One statement, atomic by itself: joins a group, runs beside the group's other writes. */
  | 'alone'
  /** Several statements that must commit together, touching only rows of its own: joins a group. */
  | 'atomic'
  /** A transaction that reads what it writes and needs every other writer to wait: never grouped. */
  | 'exclusive';

interface Job {
  mode: WriteMode;
  work: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** What the queue needs of the connection: a way to run `BEGIN IMMEDIATE`, `COMMIT` and `ROLLBACK`. */
export interface WriteConnection {
  control(sql: 'BEGIN IMMEDIATE' | 'COMMIT' | 'ROLLBACK'): Promise<unknown>;
}

/** The most writes one group commit takes. */
const MAX_GROUP = 64;

/**
 * The hub's single writer, with group commit. Writes run one group at a time. `exclusive` work
 * runs alone inside `BEGIN IMMEDIATE … COMMIT`. `alone` and `atomic` work waiting together form
 * one group: one `BEGIN IMMEDIATE`, every member's statements issued at once (sqlite runs them one
 * by one on the connection, without a trip through the event loop between them), one `COMMIT`.
 * So a burst of requests pays for one commit instead of one each, and the queue moves at the
 * speed of the group, not of the slowest single round trip.
 *
 * A member's promise settles only once its group committed: nobody acts on a write that is not in
 * the file. If any member throws (or the commit fails), the whole group is rolled back and every
 * member is run again on its own, in arrival order, as the queue ran them before groups existed —
 * so a failure has exactly the effect it would have had alone. Work may therefore run twice; it
 * must only issue its statements. A lone `alone` write runs without BEGIN/COMMIT (one round trip).
 */
export class WriteQueue {
  private readonly jobs: Job[] = [];
  private running = false;

  constructor(private readonly conn: WriteConnection) {}

  push<T>(mode: WriteMode, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ mode, work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.jobs.length > 0) {
      const head = this.jobs[0]!;
      if (head.mode === 'exclusive') {
        this.jobs.shift();
        await this.settle(head, () => this.inTransaction(head.work));
        continue;
      }
      let n = 1;
      while (n < this.jobs.length && n < MAX_GROUP && this.jobs[n]!.mode !== 'exclusive') n++;
      const group = this.jobs.splice(0, n);
      if (group.length === 1) await this.runAlone(head);
      else await this.runGroup(group);
    }
    this.running = false;
  }

  private async runGroup(group: Job[]): Promise<void> {
    try {
      await this.conn.control('BEGIN IMMEDIATE');
    } catch (err) {
      for (const j of group) j.reject(err);
      return;
    }
    const results = await Promise.allSettled(group.map((j) => j.work()));
    if (results.every((r) => r.status === 'fulfilled')) {
      try {
        await this.conn.control('COMMIT');
        for (const [i, j] of group.entries())
          j.resolve((results[i] as PromiseFulfilledResult<unknown>).value);
        return;
      } catch {
        // Fall through: roll back and run each on its own.
      }
    }
    await this.conn.control('ROLLBACK').catch(() => {});
    for (const j of group) await this.runAlone(j);
  }

  private runAlone(job: Job): Promise<void> {
    return this.settle(job, job.mode === 'atomic' ? () => this.inTransaction(job.work) : job.work);
  }

  private async settle(job: Job, run: () => Promise<unknown>): Promise<void> {
    try {
      job.resolve(await run());
    } catch (err) {
      job.reject(err);
    }
  }

  private async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    await this.conn.control('BEGIN IMMEDIATE');
    try {
      const result = await work();
      await this.conn.control('COMMIT');
      return result;
    } catch (err) {
      await this.conn.control('ROLLBACK').catch(() => {});
      throw err;
    }
  }
}
