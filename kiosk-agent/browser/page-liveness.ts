import type { Page } from 'puppeteer-core';

export interface LivenessOptions {
  /** How often the page is asked to answer. */
  intervalMs: number;
  /** How long one answer may take. */
  timeoutMs: number;
  /** Unanswered checks in a row before the page counts as hung. */
  misses: number;
}

export const DEFAULT_LIVENESS: LivenessOptions = { intervalMs: 5_000, timeoutMs: 3_000, misses: 3 };

/**
 * Asks the kiosk page to evaluate a trivial expression every few seconds. A page whose main
 * thread is stuck (an endless loop, a renderer deadlock) cannot answer; after `misses`
 * unanswered checks in a row, or at once when the renderer crashes, `onHung` is called and the
 * watch stops (the supervisor starts a new watch on whatever page it brings back).
 */
export class PageLiveness {
  private timer: NodeJS.Timeout | undefined;
  private missed = 0;
  private stopped = false;

  constructor(
    private readonly page: Page,
    private readonly opts: LivenessOptions,
    private readonly onHung: (reason: string) => void,
  ) {}

  start(): void {
    this.page.once('error', (err) => this.hung(`the page crashed: ${err.message}`));
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check(), this.opts.intervalMs);
  }

  private async check(): Promise<void> {
    const answered = await answersWithin(this.page, this.opts.timeoutMs);
    if (this.stopped) return;
    this.missed = answered ? 0 : this.missed + 1;
    if (this.missed >= this.opts.misses) this.hung(`the page did not answer ${this.missed} checks in a row`);
    else this.schedule();
  }

  private hung(reason: string): void {
    if (this.stopped) return;
    this.stop();
    this.onHung(reason);
  }
}

/** Whether the page evaluates `1` within `ms` (a closed or crashed page does not). */
export async function answersWithin(page: Page, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const answer = page.evaluate('1').then(
    (v) => v === 1,
    () => false,
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
