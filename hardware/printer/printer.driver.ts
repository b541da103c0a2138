import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { type DeviceState, type DeviceStatus, sameCondition } from '../common/device-status.ts';
import { DeviceDisconnectedError, DeviceError, DeviceTimeoutError } from '../common/errors.ts';
import type { Transport } from '../common/transport.ts';
import { Waitress } from '../common/waitress.ts';
import { conditionFromReplies, type PrinterDetail, type PrinterOfflineReason } from './printer-condition.ts';
import {
  decodeStatusByte,
  encodeStatusRequest,
  INITIALIZE,
  isStatusByte,
  type StatusRequest,
} from './printer-status.frame.ts';

export interface PrinterDriverOptions {
  /** Usually a `SerialTransport`; any `Transport` will do. */
  transport: Transport;
  logger: Logger;
  /** Pause between two status polls. */
  pollIntervalMs?: number;
  /** How long one `DLE EOT n` may go unanswered. */
  replyTimeoutMs?: number;
  /** Pause between two attempts to open a port that is not there. */
  reconnectIntervalMs?: number;
}

/** Running totals, for diagnostics and tests. */
export interface PrinterDriverCounters {
  /** Bytes that were not a status answer (line noise, unsolicited bytes) and were skipped. */
  garbageBytes: number;
  timeouts: number;
  /** Successful opens of the port after the first. */
  reconnects: number;
}

/** Consecutive unanswered requests after which the printer counts as gone (powered off, cable out). */
const TIMEOUTS_UNTIL_OFFLINE = 2;

/**
 * The receipt printer at the status level: opens its port, initialises the
 * printer (`ESC @`), polls `DLE EOT 1, 2, 4` (and 3 when an error is flagged)
 * and reports a `DeviceStatus` whenever the condition changes. It never gives
 * up: a missing port is retried every `reconnectIntervalMs`, and a port that
 * disappears is reopened when it comes back.
 */
export class PrinterDriver extends EventEmitter<{ status: [DeviceStatus] }> {
  private readonly transport: Transport;
  private readonly logger: Logger;
  private readonly pollIntervalMs: number;
  private readonly replyTimeoutMs: number;
  private readonly reconnectIntervalMs: number;
  private readonly waitress = new Waitress<number>();
  private readonly stats: PrinterDriverCounters = { garbageBytes: 0, timeouts: 0, reconnects: 0 };
  private current: DeviceStatus;
  private running = false;
  /** Bumped on stop and on every loss of the port, so stale timers and polls end themselves. */
  private session = 0;
  private timer: NodeJS.Timeout | undefined;
  private timeoutsInARow = 0;
  private everOpened = false;

  constructor({
    transport,
    logger,
    pollIntervalMs = 250,
    replyTimeoutMs = 500,
    reconnectIntervalMs = 1000,
  }: PrinterDriverOptions) {
    super();
    this.transport = transport;
    this.logger = logger;
    this.pollIntervalMs = pollIntervalMs;
    this.replyTimeoutMs = replyTimeoutMs;
    this.reconnectIntervalMs = reconnectIntervalMs;
    this.current = {
      device: 'printer',
      state: 'offline',
      detail: { paper: 'ok', cover: 'closed', online: false, reason: 'not-started' } satisfies PrinterDetail,
      since: new Date().toISOString(),
    };
  }

  /** The latest status. */
  status(): DeviceStatus {
    return this.current;
  }

  get counters(): Readonly<PrinterDriverCounters> {
    return { ...this.stats };
  }

  /** Starts polling. Resolves after the first attempt to open the port; never rejects. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.transport.on('data', this.onData);
    this.transport.on('close', this.onClose);
    await this.connect(this.session);
  }

  /** Stops polling and closes the port. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.endSession();
    this.transport.off('data', this.onData);
    this.transport.off('close', this.onClose);
    await this.transport.close().catch((err: unknown) => this.logger.warn({ err }, 'close failed'));
    this.setOffline('stopped');
  }

  private async connect(session: number): Promise<void> {
    if (!this.isCurrent(session)) return;
    try {
      await this.transport.open();
    } catch (err) {
      if (this.current.state !== 'offline' || this.reason() !== 'port-unavailable') {
        this.logger.warn({ err, path: this.transport.path }, 'printer port unavailable; retrying');
      }
      this.setOffline('port-unavailable');
      this.schedule(session, this.reconnectIntervalMs, () => this.connect(session));
      return;
    }
    if (!this.isCurrent(session)) return;
    if (this.everOpened) this.stats.reconnects += 1;
    this.everOpened = true;
    this.timeoutsInARow = 0;
    this.logger.info({ path: this.transport.path }, 'printer port open');
    try {
      await this.transport.write(INITIALIZE);
    } catch (err) {
      // The port went away again; onClose schedules the next attempt.
      this.logger.warn({ err }, 'initialise failed');
      return;
    }
    await this.poll(session);
  }

  private async poll(session: number): Promise<void> {
    if (!this.isCurrent(session)) return;
    try {
      const printer = await this.ask(1);
      const offlineCause = await this.ask(2);
      const rollPaper = await this.ask(4);
      const errorCause = offlineCause.error ? await this.ask(3) : undefined;
      if (!this.isCurrent(session)) return;
      this.timeoutsInARow = 0;
      const { state, detail } = conditionFromReplies({ printer, offlineCause, rollPaper, errorCause });
      this.update(state, detail);
    } catch (err) {
      if (!this.isCurrent(session)) return;
      if (err instanceof DeviceTimeoutError) {
        this.stats.timeouts += 1;
        this.timeoutsInARow += 1;
        this.logger.debug({ err, inARow: this.timeoutsInARow }, 'status request timed out');
        if (this.timeoutsInARow >= TIMEOUTS_UNTIL_OFFLINE) this.setOffline('no-answer');
      } else if (err instanceof DeviceError && err.disconnected) {
        // Normally the transport's `close` event got here first; if the port was closed
        // behind the driver's back there is no event, so reconnect from here.
        if (!this.transport.isOpen) return this.lost();
      } else {
        this.logger.error({ err }, 'status poll failed');
      }
    }
    this.schedule(session, this.pollIntervalMs, () => this.poll(session));
  }

  /** Sends `DLE EOT n` and waits for its one-byte answer. */
  private async ask<N extends StatusRequest>(n: N) {
    const command = `DLE EOT ${n}`;
    const wait = this.waitress.waitFor(isStatusByte, this.replyTimeoutMs, command);
    try {
      // Both at once: a write stuck behind flow control must not leave the timeout unobserved.
      const [, byte] = await Promise.all([this.transport.write(encodeStatusRequest(n)), wait.promise]);
      // isStatusByte matched, so the decode cannot be null.
      return decodeStatusByte(n, byte)!;
    } catch (err) {
      wait.cancel(); // a failed write: stop waiting (a no-op after a timeout)
      throw err;
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    for (const byte of chunk) {
      // Only a byte that arrives while a request waits and has the fixed status bits is an answer.
      if (!this.waitress.resolve(byte)) this.stats.garbageBytes += 1;
    }
  };

  private readonly onClose = (unexpected: boolean): void => {
    if (this.running && unexpected) this.lost();
  };

  /** The port is gone: offline, and try to reopen it every `reconnectIntervalMs`. */
  private lost(): void {
    this.logger.warn({ path: this.transport.path }, 'printer port went away');
    this.endSession();
    this.setOffline('port-unavailable');
    const session = this.session;
    this.schedule(session, this.reconnectIntervalMs, () => this.connect(session));
  }

  private endSession(): void {
    this.session += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waitress.rejectAll(new DeviceDisconnectedError(`${this.transport.path}: port closed`));
  }

  private isCurrent(session: number): boolean {
    return this.running && session === this.session;
  }

  private schedule(session: number, delayMs: number, task: () => Promise<void>): void {
    if (!this.isCurrent(session)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      task().catch((err: unknown) => this.logger.error({ err }, 'printer task failed'));
    }, delayMs);
  }

  private reason(): PrinterOfflineReason | undefined {
    return (this.current.detail as Partial<PrinterDetail>).reason;
  }

  private setOffline(reason: PrinterOfflineReason): void {
    const last = this.current.detail as Partial<PrinterDetail>;
    this.update('offline', {
      paper: last.paper ?? 'ok',
      cover: last.cover ?? 'closed',
      online: false,
      reason,
    });
  }

  private update(state: DeviceState, detail: PrinterDetail): void {
    const next: DeviceStatus = {
      device: 'printer',
      state,
      detail: { ...detail },
      since: new Date().toISOString(),
    };
    if (sameCondition(this.current, next)) return;
    this.current = next;
    this.logger.info({ state, detail }, 'printer status');
    this.emit('status', next);
  }
}
