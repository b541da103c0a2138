import type { Logger } from 'pino';
import type { Outbox, OutboxItem } from './outbox.ts';

/** Posts one batch to the hub; resolves with the ids the hub holds (new or already stored). */
export type PostBatch = (items: OutboxItem[]) => Promise<string[]>;

export interface OutboxSenderOptions {
  outbox: Outbox;
  post: PostBatch;
  logger: Logger;
  /** Items per batch (the hub takes up to 500). */
  batchSize?: number;
  /** Body bytes per batch, under the hub's 256 kB JSON limit. */
  batchBytes?: number;
  /** Idle poll and first retry delay; the retry doubles up to `maxBackoffMs` while the hub is down. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Delivers the outbox at least once: oldest first, in batches carrying their ids (the hub stores
 * each id once), with exponential backoff while the hub cannot be reached.
 */
export class OutboxSender {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private failures = 0;
  /** When the last batch was acknowledged (ISO), for status and metrics. */
  lastDeliveredAt: string | null = null;

  constructor(private readonly opts: OutboxSenderOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Something was queued: send now rather than at the next poll (unless backing off). */
  kick(): void {
    if (this.failures === 0) this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const min = this.opts.minBackoffMs ?? 1000;
    const max = this.opts.maxBackoffMs ?? 60_000;
    while (this.running) {
      let sent = 0;
      try {
        const batch = await this.opts.outbox.peek(
          this.opts.batchSize ?? 200,
          this.opts.batchBytes ?? 192 * 1024,
        );
        if (batch.length > 0) {
          const stored = new Set(await this.opts.post(batch));
          await this.opts.outbox.acknowledge(batch.map((i) => i.id).filter((id) => stored.has(id)));
          sent = batch.length;
          this.lastDeliveredAt = new Date().toISOString();
        }
        if (this.failures > 0) this.opts.logger.info({ after: this.failures }, 'outbox delivering again');
        this.failures = 0;
      } catch (err) {
        this.failures++;
        if (this.failures === 1 || this.failures % 10 === 0)
          this.opts.logger.warn(
            { failures: this.failures, message: (err as Error).message },
            'outbox delivery failed',
          );
      }
      if (sent > 0 && this.failures === 0) continue;
      await this.sleep(this.failures === 0 ? min : Math.min(min * 2 ** (this.failures - 1), max));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        clearTimeout(this.timer);
        this.wake = undefined;
        resolve();
      };
      this.timer = setTimeout(this.wake, ms);
    });
  }
}
