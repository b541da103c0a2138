import type { Database } from '../../db/database.ts';

interface Pending<T, R> {
  item: T;
  resolve(r: R): void;
  reject(e: unknown): void;
}

/**
 * Group commit: items that arrive while a write is in flight are written
 * together in the next transaction, so a burst of heartbeats pays for one
 * BEGIN/COMMIT (and `write` can use multi-row statements) instead of one
 * each. `write` returns a value or an Error per item, in order (that item
 * alone is refused); a throw rolls the whole group back and refuses every
 * item in it.
 */
export class GroupCommit<T, R> {
  private pending: Pending<T, R>[] = [];
  private flushing = false;

  constructor(
    private readonly db: Database,
    private readonly write: (tx: Database, items: T[]) => Promise<(R | Error)[]>,
    private readonly maxGroup = 200,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, this.maxGroup);
      try {
        const results = await this.db.transaction((tx) =>
          this.write(
            tx,
            group.map((p) => p.item),
          ),
        );
        group.forEach((p, i) => {
          const r = results[i];
          if (r instanceof Error) p.reject(r);
          else p.resolve(r as R);
        });
      } catch (err) {
        for (const p of group) p.reject(err);
      }
    }
    this.flushing = false;
  }
}
