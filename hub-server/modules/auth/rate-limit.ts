/** An in-memory sliding window: at most `max` hits per key within `windowMs`, on the injected clock. */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  /** Records one hit and answers whether it is within the limit. */
  hit(key: string): boolean {
    const t = this.now().getTime();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > t - this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(t);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(t);
    return true;
  }

  private prune(t: number): void {
    for (const [key, times] of this.hits) {
      if (times.every((at) => at <= t - this.windowMs)) this.hits.delete(key);
    }
  }
}
