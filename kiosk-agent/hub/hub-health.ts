import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { HubConnectivity } from '../api/contract.ts';

export interface HubHealthOptions {
  hubUrl: string;
  logger: Logger;
  intervalMs?: number;
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * Watches whether the hub answers `GET /api/v1/health`, and emits `change`
 * with a `HubConnectivity` whenever that flips. It needs no credential, so the screen can say
 * whether the hub is reachable even before the kiosk is enrolled (the credentialed traffic is
 * the hub link's, `hub-link.ts`).
 */
export class HubHealth extends EventEmitter<{ change: [HubConnectivity] }> {
  private state: HubConnectivity;
  private timer: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly opts: HubHealthOptions) {
    super();
    this.intervalMs = opts.intervalMs ?? 2000;
    this.timeoutMs = opts.timeoutMs ?? 1500;
    this.now = opts.now ?? (() => new Date());
    this.state = { connected: false, since: this.now().toISOString(), reason: 'not checked yet' };
  }

  current(): HubConnectivity {
    return this.state;
  }

  start(): void {
    const tick = async () => {
      await this.check();
      if (this.timer !== undefined) this.timer = setTimeout(tick, this.intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One probe; resolves with the connectivity it observed. */
  async check(): Promise<HubConnectivity> {
    const url = new URL('/api/v1/health', this.opts.hubUrl);
    let reason: string | undefined;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      const body = (await res.json().catch(() => null)) as { status?: string } | null;
      if (!res.ok || body?.status !== 'ok') reason = `the hub answered HTTP ${res.status}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      reason =
        e.name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : `cannot reach the hub (${e.cause?.code ?? e.message})`;
    }
    this.update(reason === undefined, reason);
    return this.state;
  }

  private update(connected: boolean, reason: string | undefined): void {
    if (connected === this.state.connected && reason === this.state.reason) return;
    const flipped = connected !== this.state.connected;
    this.state = {
      connected,
      since: flipped ? this.now().toISOString() : this.state.since,
      ...(reason ? { reason } : {}),
    };
    this.opts.logger.info({ connected, reason }, 'hub connectivity');
    this.emit('change', this.state);
  }
}
