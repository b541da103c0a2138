import sqlite3 from 'sqlite3';

/**
 * Checkpoints a WAL-mode data file from a connection of its own, every `intervalMs` after writes.
 * A checkpoint copies the WAL into the file and fsyncs both (with `synchronous = NORMAL` it is
 * what makes commits safe from a power cut); run by the writer's connection after a commit (sqlite's
 * default, every 1000 WAL pages), it holds that commit — and the whole write queue behind it — for
 * the copy and both fsyncs. Here it runs on a thread-pool thread beside the writer, which goes on
 * appending to the WAL meanwhile (PASSIVE: it never waits for the writer nor makes it wait).
 */
export class Checkpointer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  private closed = false;

  private constructor(
    private readonly conn: sqlite3.Database,
    private readonly intervalMs: number,
  ) {}

  /** Opens the checkpointing connection to `file` (already in WAL mode). */
  static async open(file: string, intervalMs: number): Promise<Checkpointer> {
    const conn = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(handle)));
    });
    return new Checkpointer(conn, intervalMs);
  }

  /** Something was committed: checkpoint within `intervalMs`. */
  wrote(): void {
    this.dirty = true;
    if (this.timer || this.running || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.checkpoint().finally(() => {
        this.running = undefined;
        if (this.dirty) this.wrote();
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  /** One PASSIVE checkpoint now; a busy or failed one is left to the next (or to sqlite's own). */
  checkpoint(): Promise<void> {
    this.dirty = false;
    return new Promise((resolve) => this.conn.all('PRAGMA wal_checkpoint(PASSIVE)', () => resolve()));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await new Promise<void>((resolve) => this.conn.close(() => resolve()));
  }
}
