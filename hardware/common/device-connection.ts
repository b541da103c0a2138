import type { Logger } from 'pino';
import { type DeviceName, type DeviceState, type DeviceStatus, sameCondition } from './device-status.ts';

/** What the connection needs of a serial `Transport` or a `HidTransport`. */
export interface ConnectionTransport {
  readonly path: string;
  open(): Promise<void>;
  close(): Promise<void>;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (unexpected: boolean) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
  off(event: 'close', listener: (unexpected: boolean) => void): unknown;
}

/** The driver's side of the lifecycle: called back on open, on a failed open, on loss and on status changes. */
export interface DeviceConnectionHooks {
  /** The transport's bytes (or HID reports), attached from `start()` to `stop()`. */
  onData(chunk: Buffer): void;
  /** The port opened for `session`: initialise and start polling. */
  onOpen(session: number): Promise<void>;
  /** The port could not be opened; a retry follows in `reconnectIntervalMs`. Log and go offline here. */
  onOpenFailed(err: unknown): void;
  /** The session ended (stop or loss): drop timers, pending replies and parser state. */
  onSessionEnd?(): void;
  /** The port went away while running: go offline here; a reopen follows in `reconnectIntervalMs`. */
  onLost(): void;
  /** The condition changed; the driver emits 'status'. */
  onStatus(status: DeviceStatus): void;
}

export interface DeviceConnectionOptions<Detail> {
  device: DeviceName;
  /** For logs: '<name> status', '<name> task failed'. */
  name: string;
  /** For the loss warning '<portName> went away'; `<name> port` by default. */
  portName?: string;
  transport: ConnectionTransport;
  logger: Logger;
  reconnectIntervalMs: number;
  /** The detail of the first, 'offline' status. */
  detail: Detail;
  hooks: DeviceConnectionHooks;
}

/** Consecutive unanswered requests after which a polled device counts as gone (powered off, cable out). */
const TIMEOUTS_UNTIL_OFFLINE = 2;

/**
 * The connection lifecycle every driver shares: start/stop, open-or-retry
 * every `reconnectIntervalMs`, reopen after a loss, one timer for the next
 * task, and the status that is reported only when the condition changes.
 * Each open, loss and stop starts a new session; a timer or poll of an
 * older session finds `isCurrent(session)` false and ends itself.
 */
export class DeviceConnection<Detail extends object> {
  private readonly options: DeviceConnectionOptions<Detail>;
  private readonly hooks: DeviceConnectionHooks;
  private current: DeviceStatus;
  private isRunning = false;
  private sessionId = 0;
  private timer: NodeJS.Timeout | undefined;
  private everOpened = false;
  private opens = 0;
  private timeoutsInARow = 0;

  constructor(options: DeviceConnectionOptions<Detail>) {
    this.options = options;
    this.hooks = options.hooks;
    this.current = this.make('offline', options.detail);
  }

  get running(): boolean {
    return this.isRunning;
  }

  get session(): number {
    return this.sessionId;
  }

  /** Successful opens after the first. */
  get reconnects(): number {
    return this.opens;
  }

  get status(): DeviceStatus {
    return this.current;
  }

  get detail(): Partial<Detail> {
    return this.current.detail as Partial<Detail>;
  }

  /** Attaches to the transport and tries to open it once; never rejects. */
  async start(): Promise<void> {
    if (this.isRunning) return;
    this.isRunning = true;
    this.options.transport.on('data', this.hooks.onData);
    this.options.transport.on('close', this.onClose);
    await this.connect(this.sessionId);
  }

  /** Ends the session, detaches and closes the transport. The driver reports 'stopped' after. */
  async stop(): Promise<void> {
    if (!this.isRunning) return;
    this.isRunning = false;
    this.endSession();
    this.options.transport.off('data', this.hooks.onData);
    this.options.transport.off('close', this.onClose);
    await this.options.transport
      .close()
      .catch((err: unknown) => this.options.logger.warn({ err }, 'close failed'));
  }

  isCurrent(session: number): boolean {
    return this.isRunning && session === this.sessionId;
  }

  /** Runs `task` after `delayMs` unless the session has ended by then; replaces the task scheduled before. */
  schedule(session: number, delayMs: number, task: () => Promise<void>): void {
    if (!this.isCurrent(session)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      task().catch((err: unknown) => this.options.logger.error({ err }, `${this.options.name} task failed`));
    }, delayMs);
  }

  /** The port is gone: end the session, let the driver go offline, and reopen every `reconnectIntervalMs`. */
  lost(): void {
    const { logger, transport, name, portName = `${name} port` } = this.options;
    logger.warn({ path: transport.path }, `${portName} went away`);
    this.endSession();
    this.hooks.onLost();
    this.retry(this.sessionId);
  }

  /** A request went unanswered; true once enough did in a row that the device counts as offline. */
  timedOut(): boolean {
    this.timeoutsInARow += 1;
    return this.timeoutsInARow >= TIMEOUTS_UNTIL_OFFLINE;
  }

  /** The device answered: the run of timeouts is over. */
  answered(): void {
    this.timeoutsInARow = 0;
  }

  get timeoutsSoFar(): number {
    return this.timeoutsInARow;
  }

  /** Reports `state` and `detail` unless they describe the condition already reported. */
  update(state: DeviceState, detail: Detail): void {
    const next = this.make(state, detail);
    if (sameCondition(this.current, next)) return;
    this.current = next;
    this.options.logger.info({ state, detail: next.detail }, `${this.options.name} status`);
    this.hooks.onStatus(next);
  }

  private async connect(session: number): Promise<void> {
    if (!this.isCurrent(session)) return;
    try {
      await this.options.transport.open();
    } catch (err) {
      this.hooks.onOpenFailed(err);
      this.retry(session);
      return;
    }
    if (!this.isCurrent(session)) return;
    if (this.everOpened) this.opens += 1;
    this.everOpened = true;
    this.timeoutsInARow = 0;
    await this.hooks.onOpen(session);
  }

  private retry(session: number): void {
    this.schedule(session, this.options.reconnectIntervalMs, () => this.connect(session));
  }

  private endSession(): void {
    this.sessionId += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.hooks.onSessionEnd?.();
  }

  private readonly onClose = (unexpected: boolean): void => {
    if (this.isRunning && unexpected) this.lost();
  };

  private make(state: DeviceState, detail: Detail): DeviceStatus {
    const copy = { ...detail } as Record<string, unknown>;
    return { device: this.options.device, state, detail: copy, since: new Date().toISOString() };
  }
}
