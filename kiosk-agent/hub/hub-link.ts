import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { HubLinkState } from '../api/contract.ts';
import type { CredentialStore } from './credential-store.ts';
import type { HeartbeatPayload } from './heartbeat-payload.ts';
import { HubCallError, HubClient } from './hub-client.ts';

/** A command as the hub hands it out (GET /api/v1/kiosk/commands). */
export interface HubCommand {
  id: string;
  kind: string;
  args: Record<string, unknown>;
  expiresAt: string;
}

export interface CommandResult {
  ok: boolean;
  message?: string;
  data?: Record<string, unknown>;
}

export interface HubLinkOptions {
  hubUrl: string;
  kioskId: string;
  store: CredentialStore;
  /** A one-time code from the console, used only while the kiosk holds no credential. */
  enrollmentCode?: string;
  heartbeatMs: number;
  heartbeat: () => Promise<HeartbeatPayload>;
  runCommand: (command: HubCommand) => Promise<CommandResult>;
  /** The hub's maintenance flag for this kiosk, read when the link comes up. */
  onMaintenanceFlag: (on: boolean) => Promise<void>;
  logger: Logger;
  now?: () => Date;
  /** How long a command long poll waits at the hub (seconds). */
  pollWaitSeconds?: number;
}

const REFUSED = new Set(['kiosk-not-authenticated', 'kiosk-revoked']);

/**
 * The kiosk's link to its hub, over outbound HTTP only: enrollment with a one-time code, a
 * heartbeat every interval, and a long-polled command channel whose commands are run one at a
 * time and answered with their result. A refused credential (revoked) stops both loops and is
 * forgotten, so the kiosk can be enrolled again with a new code.
 */
export class HubLink extends EventEmitter<{ change: [HubLinkState] }> {
  readonly client: HubClient;
  private credential: string | undefined;
  private state: HubLinkState = { enrollment: 'not-enrolled', reason: 'starting', lastHeartbeatAt: null };
  private running = false;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private readonly polling = new AbortController();
  private loops: Promise<void>[] = [];
  private heartbeatMs: number;

  constructor(private readonly opts: HubLinkOptions) {
    super();
    this.heartbeatMs = opts.heartbeatMs;
    this.client = new HubClient({ baseUrl: opts.hubUrl, credential: () => this.credential });
  }

  current(): HubLinkState {
    return this.state;
  }

  /** A new heartbeat interval (a `set-config` from the hub), used from the next beat on. */
  setHeartbeatMs(ms: number): void {
    this.heartbeatMs = ms;
  }

  async start(): Promise<void> {
    this.running = true;
    this.loops.push(this.run());
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.heartbeatTimer);
    this.polling.abort();
    await Promise.allSettled(this.loops);
  }

  /** Sends a PNG to the hub, tied to the command that asked for it. */
  async uploadScreenshot(
    png: Buffer,
    commandId?: string,
  ): Promise<{ id: string; width: number; height: number }> {
    const q = commandId ? `?commandId=${encodeURIComponent(commandId)}` : '';
    return this.client.call(`/api/v1/kiosk/screenshots${q}`, {
      body: png,
      // One picture per command, however often the upload is retried.
      ...(commandId ? { idempotencyKey: `screenshot-${commandId}` } : {}),
      contentType: 'image/png',
      timeoutMs: 30_000,
    });
  }

  private async run(): Promise<void> {
    if (!(await this.ensureEnrolled())) return;
    await this.syncMaintenance();
    this.scheduleHeartbeat(0);
    await this.pollCommands();
  }

  /** Loads the stored credential, or spends the enrollment code; retries while the hub is unreachable. */
  private async ensureEnrolled(): Promise<boolean> {
    const stored = await this.opts.store.load();
    if (stored && stored.kioskId === this.opts.kioskId) {
      this.credential = stored.credential;
      this.update({ enrollment: 'enrolled' });
      return true;
    }
    const code = this.opts.enrollmentCode;
    if (!code) {
      this.update({ enrollment: 'not-enrolled', reason: 'no credential and no enrollment code' });
      return false;
    }
    for (let attempt = 0; this.running; attempt++) {
      try {
        const got = await this.client.call<{ kioskId: string; credential: string }>('/api/v1/kiosk/enroll', {
          body: { code },
        });
        if (got.kioskId !== this.opts.kioskId) {
          this.update({
            enrollment: 'not-enrolled',
            reason: `the code was made for kiosk ${got.kioskId}, not ${this.opts.kioskId}`,
          });
          return false;
        }
        const now = (this.opts.now ?? (() => new Date()))();
        await this.opts.store.save({
          kioskId: got.kioskId,
          credential: got.credential,
          enrolledAt: now.toISOString(),
        });
        this.credential = got.credential;
        this.opts.logger.info({ kioskId: got.kioskId }, 'enrolled with the hub');
        this.update({ enrollment: 'enrolled' });
        return true;
      } catch (err) {
        const e = err as HubCallError;
        if (e.status === 0) {
          this.update({ enrollment: 'not-enrolled', reason: `enrolling: ${e.message}` });
          await this.sleep(Math.min(1000 * 2 ** attempt, 10_000));
          continue;
        }
        this.opts.logger.warn({ code: e.code }, 'enrollment refused');
        this.update({
          enrollment: 'not-enrolled',
          reason: `the hub refused the enrollment code: ${e.message}`,
        });
        return false;
      }
    }
    return false;
  }

  private async syncMaintenance(): Promise<void> {
    try {
      const cfg = await this.client.call<{ maintenance: boolean }>('/api/v1/kiosk/config');
      await this.opts.onMaintenanceFlag(cfg.maintenance);
    } catch (err) {
      await this.onError(err, 'config');
    }
  }

  private scheduleHeartbeat(delayMs: number): void {
    if (!this.running) return;
    this.heartbeatTimer = setTimeout(async () => {
      try {
        await this.client.call('/api/v1/kiosk/heartbeat', { body: await this.opts.heartbeat() });
        this.update({ enrollment: 'enrolled', lastHeartbeatAt: new Date().toISOString() });
      } catch (err) {
        await this.onError(err, 'heartbeat');
      }
      if (this.state.enrollment === 'enrolled') this.scheduleHeartbeat(this.heartbeatMs);
    }, delayMs);
  }

  private async pollCommands(): Promise<void> {
    const wait = this.opts.pollWaitSeconds ?? 25;
    let failures = 0;
    while (this.running && this.state.enrollment === 'enrolled') {
      try {
        const { commands } = await this.client.call<{ commands: HubCommand[] }>(
          `/api/v1/kiosk/commands?wait=${wait}`,
          { timeoutMs: (wait + 10) * 1000, signal: this.polling.signal },
        );
        failures = 0;
        for (const command of commands) await this.execute(command);
      } catch (err) {
        if (!this.running) return;
        await this.onError(err, 'commands');
        failures++;
        await this.sleep(Math.min(500 * 2 ** failures, 10_000));
      }
    }
  }

  private async execute(command: HubCommand): Promise<void> {
    const log = this.opts.logger.child({ commandId: command.id, kind: command.kind });
    let result: CommandResult;
    try {
      result = await this.opts.runCommand(command);
    } catch (err) {
      result = { ok: false, message: (err as Error).message };
    }
    log.info({ ok: result.ok, message: result.message }, 'command done');
    // The hub runs a result once per key, so a result whose answer was lost is simply sent again.
    for (let attempt = 0; attempt < 3 && this.running; attempt++) {
      try {
        await this.client.call(`/api/v1/kiosk/commands/${encodeURIComponent(command.id)}/result`, {
          body: result,
          idempotencyKey: `command-result-${command.id}`,
        });
        return;
      } catch (err) {
        await this.onError(err, 'command result');
        if ((err as HubCallError).status !== 0) return;
        await this.sleep(1000 * 2 ** attempt);
      }
    }
  }

  /** A refused credential ends the link; anything else is logged and retried by the loops. */
  private async onError(err: unknown, during: string): Promise<void> {
    const e = err as HubCallError;
    if (e instanceof HubCallError && REFUSED.has(e.code)) {
      this.opts.logger.warn(
        { code: e.code, during },
        'the hub refused this kiosk; forgetting the credential',
      );
      this.credential = undefined;
      await this.opts.store.clear();
      this.update({ enrollment: 'revoked', reason: e.message });
      this.polling.abort();
      return;
    }
    this.opts.logger.warn({ code: e.code ?? 'error', during, message: e.message }, 'hub call failed');
  }

  private update(next: Partial<HubLinkState>): void {
    const merged: HubLinkState = {
      ...this.state,
      ...next,
      ...(next.enrollment === 'enrolled' ? { reason: undefined } : {}),
    };
    if (merged.reason === undefined) delete merged.reason;
    const changed = JSON.stringify(merged) !== JSON.stringify(this.state);
    this.state = merged;
    if (changed) this.emit('change', this.state);
  }

  /** Waits `ms`, or less if the link stops; the abort listener goes with the wait (an outage retries often). */
  private sleep(ms: number): Promise<void> {
    const { signal } = this.polling;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
