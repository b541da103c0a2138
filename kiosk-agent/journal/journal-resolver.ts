import type { Logger } from 'pino';
import type { Journal } from './journal.ts';

/** The hub's record of an idempotency key (`GET /api/v1/kiosk/idempotency/:key`). */
export type HubKeyRecord =
  | { found: false }
  | { found: true; state: 'in-progress' | 'done'; status: number | null; body: unknown };

export interface JournalResolverOptions {
  journal: Journal;
  /** Asks the hub about a key; throws when the hub cannot be asked (unreachable, not enrolled). */
  lookup: (key: string) => Promise<HubKeyRecord>;
  logger: Logger;
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Resolves every intent that has no outcome (the agent died or the hub did not answer): the hub
 * never received the key → `not-sent` (safe to offer again); the hub holds it → its outcome.
 * Until every open intent is resolved, `blocked()` is true and new money steps are refused.
 */
export class JournalResolver {
  private open = new Set<string>();
  /** Keys whose call is on the wire right now: theirs is the live answer, not a resolution. */
  private readonly inFlight = new Set<string>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private failures = 0;
  private checkedOnce = false;
  private readonly listeners: ((key: string, record: HubKeyRecord, fromBefore: boolean) => void)[] = [];
  /** The intents that were open when the agent started: left by a crash, not by this run's calls. */
  private fromBefore = new Set<string>();

  constructor(private readonly opts: JournalResolverOptions) {}

  /** Loads the open intents and starts resolving them. */
  async start(): Promise<void> {
    this.running = true;
    this.open = new Set(await this.opts.journal.unresolved());
    this.fromBefore = new Set(this.open);
    this.checkedOnce = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pass;
  }

  /**
   * Calls `fn` after each intent is resolved here, with what the hub said and whether the intent
   * was left open by an earlier run (a crash) rather than by a call of this one that got no answer.
   */
  whenResolved(fn: (key: string, record: HubKeyRecord, fromBefore: boolean) => void): void {
    this.listeners.push(fn);
  }

  /** True while any intent from before (or a call that got no answer) is still unresolved. */
  blocked(): boolean {
    return !this.checkedOnce || [...this.open].some((k) => !this.inFlight.has(k));
  }

  /** Open intents waiting for resolution (for /agent/status). */
  pending(): number {
    return [...this.open].filter((k) => !this.inFlight.has(k)).length;
  }

  /** The proxy is sending `key` now. */
  sending(key: string): void {
    this.inFlight.add(key);
    this.open.add(key);
  }

  /** The proxy got its answer (`answered`), or none, leaving the intent open for resolution. */
  sent(key: string, answered: boolean): void {
    this.inFlight.delete(key);
    if (answered) this.open.delete(key);
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // One pass at a time, so a key never gets two outcomes.
      if (this.pass) return this.schedule(50);
      this.pass = this.resolveAll().finally(() => {
        this.pass = undefined;
      });
    }, ms);
  }

  private async resolveAll(): Promise<void> {
    let left = 0;
    for (const key of [...this.open]) {
      if (!this.running) return;
      if (this.inFlight.has(key)) continue;
      try {
        if (!(await this.resolve(key))) left++;
      } catch (err) {
        left++;
        this.failures++;
        this.opts.logger.warn(
          { key, message: (err as Error).message },
          'cannot resolve a journal intent yet',
        );
        break;
      }
    }
    if (this.pending() > 0 || left > 0) {
      const base = this.opts.retryMs ?? 1000;
      this.schedule(Math.min(base * 2 ** Math.min(this.failures, 10), this.opts.maxRetryMs ?? 30_000));
    } else this.failures = 0;
  }

  /** True once `key` has its outcome. */
  private async resolve(key: string): Promise<boolean> {
    const record = await this.opts.lookup(key);
    if (record.found && record.state === 'in-progress') return false;
    if (record.found)
      await this.opts.journal.outcome(key, {
        result: 'done',
        httpStatus: record.status ?? undefined,
        source: 'resolved',
        summary: record.body,
      });
    else await this.opts.journal.outcome(key, { result: 'not-sent', source: 'resolved' });
    this.open.delete(key);
    this.opts.logger.info({ key, result: record.found ? 'done' : 'not-sent' }, 'journal intent resolved');
    const fromBefore = this.fromBefore.delete(key);
    for (const fn of this.listeners) fn(key, record, fromBefore);
    return true;
  }
}
