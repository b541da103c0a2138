interface Pending<T, R> {
  item: T;
  resolve(r: R): void;
  reject(e: unknown): void;
}

/**
 * Group commit: items that arrive while a write is in flight are written
 * together by the next call of `write`, so a burst of heartbeats pays for one
 * database round trip (one multi-row statement) instead of one each. `write`
 * must be atomic (a transaction, or one statement) and returns a value or an
 * Error per item, in order (that item alone is refused); a throw refuses every
 * item of that group and leaves the next groups unharmed.
 */
export class GroupCommit<T, R> {
  private pending: Pending<T, R>[] = [];
  private flushing = false;

  /**
   * `lingerMs`: how long a group waits to fill (unless `maxGroup` is reached)
   * before it is written. A few ms of latency buys bigger groups, and a
   * heartbeat written in a group of 100 costs the database a fraction of one
   * written alone (each commit rewrites the pages it touched).
   */
  constructor(
    private readonly write: (items: T[]) => Promise<(R | Error)[]>,
    private readonly maxGroup = 200,
    private readonly lingerMs = 0,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        if (this.lingerMs > 0) setTimeout(() => void this.flush(), this.lingerMs);
        else setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    let waited = true; // add() already lingered before the first group
    while (this.pending.length > 0) {
      if (!waited && this.lingerMs > 0 && this.pending.length < this.maxGroup) {
        waited = true;
        await new Promise((r) => setTimeout(r, this.lingerMs));
        continue;
      }
      waited = false;
      const group = this.pending.splice(0, this.maxGroup);
      try {
        const results = await this.write(group.map((p) => p.item));
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
