import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { DeviceConnection } from '../common/device-connection.ts';
import type { DeviceState, DeviceStatus } from '../common/device-status.ts';
import {
  DeviceDisconnectedError,
  DeviceError,
  DeviceNotReadyError,
  DeviceTimeoutError,
} from '../common/errors.ts';
import type { Transport } from '../common/transport.ts';
import { Waitress } from '../common/waitress.ts';
import { encodeDocument } from './escpos.encoder.ts';
import { DEFAULT_COLUMNS, type PrintDocument, printDocumentSchema } from './print-document.ts';
import {
  jobTimeoutMs,
  notReadyReason,
  PrintJobError,
  type PrintReceipt,
  within,
  writePaced,
} from './print-job.ts';
import {
  conditionFromReplies,
  type PrinterDetail,
  type PrinterOfflineReason,
  type PrinterReplies,
} from './printer-condition.ts';
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
  /** The line's baud rate, for pacing print jobs and their timeouts; the transport's when it has one, else 9600. */
  baudRate?: number;
  /** Font A columns of the paper: 32 (58 mm, default) or 48 (80 mm). */
  columns?: number;
}

/** Events besides 'status'. */
export interface PrinterDriverEvents {
  status: [DeviceStatus];
  /** A job the printer confirmed. */
  printed: [PrintReceipt];
  /** A job refused or failed; `reason` as in PrintJobError. */
  printFailed: [{ jobId: string; code: DeviceError['code']; reason: PrintJobError['reason'] }];
}

/** Running totals, for diagnostics and tests. */
export interface PrinterDriverCounters {
  /** Bytes that were not a status answer (line noise, unsolicited bytes) and were skipped. */
  garbageBytes: number;
  timeouts: number;
  /** Successful opens of the port after the first. */
  reconnects: number;
  jobsPrinted: number;
  jobsFailed: number;
}

/**
 * The receipt printer: opens its port, initialises the printer (`ESC @`),
 * polls `DLE EOT 1, 2, 4` (and 3 when an error is flagged) and reports a
 * `DeviceStatus` whenever the condition changes; prints documents one job at a
 * time (`print`). It never gives up: a missing port is retried every
 * `reconnectIntervalMs`, and a port that disappears is reopened when it comes back.
 */
export class PrinterDriver extends EventEmitter<PrinterDriverEvents> {
  private readonly transport: Transport;
  private readonly logger: Logger;
  private readonly pollIntervalMs: number;
  private readonly replyTimeoutMs: number;
  private readonly connection: DeviceConnection<PrinterDetail>;
  private readonly waitress = new Waitress<number>();
  private readonly baudRate: number;
  private readonly columns: number;
  private readonly stats: Omit<PrinterDriverCounters, 'reconnects'> = {
    garbageBytes: 0,
    timeouts: 0,
    jobsPrinted: 0,
    jobsFailed: 0,
  };
  /** Status polls and print jobs take turns on the line: each waits for the one before. */
  private line: Promise<unknown> = Promise.resolve();

  constructor({
    transport,
    logger,
    pollIntervalMs = 250,
    replyTimeoutMs = 500,
    reconnectIntervalMs = 1000,
    baudRate = (transport as Partial<{ baudRate: number }>).baudRate ?? 9600,
    columns = DEFAULT_COLUMNS,
  }: PrinterDriverOptions) {
    super();
    this.baudRate = baudRate;
    this.columns = columns;
    this.transport = transport;
    this.logger = logger;
    this.pollIntervalMs = pollIntervalMs;
    this.replyTimeoutMs = replyTimeoutMs;
    this.connection = new DeviceConnection<PrinterDetail>({
      device: 'printer',
      name: 'printer',
      transport,
      logger,
      reconnectIntervalMs,
      detail: { paper: 'ok', cover: 'closed', online: false, reason: 'not-started' },
      hooks: {
        onData: this.onData,
        onOpen: (session) => this.opened(session),
        onOpenFailed: (err) => {
          if (this.connection.status.state !== 'offline' || this.reason() !== 'port-unavailable') {
            this.logger.warn({ err, path: this.transport.path }, 'printer port unavailable; retrying');
          }
          this.setOffline('port-unavailable');
        },
        onSessionEnd: () =>
          this.waitress.rejectAll(new DeviceDisconnectedError(`${this.transport.path}: port closed`)),
        onLost: () => this.setOffline('port-unavailable'),
        onStatus: (status) => this.emit('status', status),
      },
    });
  }

  /** The latest status. */
  status(): DeviceStatus {
    return this.connection.status;
  }

  get counters(): Readonly<PrinterDriverCounters> {
    return { ...this.stats, reconnects: this.connection.reconnects };
  }

  /** Starts polling. Resolves after the first attempt to open the port; never rejects. */
  start(): Promise<void> {
    return this.connection.start();
  }

  /** Stops polling and closes the port. */
  async stop(): Promise<void> {
    if (!this.connection.running) return;
    await this.connection.stop();
    this.setOffline('stopped');
  }

  /** The port is open: initialise the printer (`ESC @`) and start polling. */
  private async opened(session: number): Promise<void> {
    this.logger.info({ path: this.transport.path }, 'printer port open');
    try {
      await this.transport.write(INITIALIZE);
    } catch (err) {
      // The port went away again; the connection's close handler schedules the next attempt.
      this.logger.warn({ err }, 'initialise failed');
      return;
    }
    await this.poll(session);
  }

  private async poll(session: number): Promise<void> {
    if (!this.isCurrent(session)) return;
    const again = await this.exclusive(() => this.pollOnce(session));
    if (again) this.connection.schedule(session, this.pollIntervalMs, () => this.poll(session));
  }

  /** One round of status requests; false when the session ended (stop, or the port went away). */
  private async pollOnce(session: number): Promise<boolean> {
    if (!this.isCurrent(session)) return false;
    try {
      const replies = await this.askAll();
      if (!this.isCurrent(session)) return false;
      this.connection.answered();
      const { state, detail } = conditionFromReplies(replies);
      this.update(state, detail);
    } catch (err) {
      if (!this.isCurrent(session)) return false;
      if (err instanceof DeviceTimeoutError) {
        this.stats.timeouts += 1;
        const gone = this.connection.timedOut();
        this.logger.debug({ err, inARow: this.connection.timeoutsSoFar }, 'status request timed out');
        if (gone) this.setOffline('no-answer');
      } else if (err instanceof DeviceError && err.disconnected) {
        // Normally the transport's `close` event got here first; if the port was closed
        // behind the driver's back there is no event, so reconnect from here.
        if (!this.transport.isOpen) {
          this.connection.lost();
          return false;
        }
      } else {
        this.logger.error({ err }, 'status poll failed');
      }
    }
    return true;
  }

  /** `DLE EOT 1, 2, 4`, and 3 when the offline cause flags an error. */
  private async askAll(): Promise<PrinterReplies> {
    const printer = await this.ask(1);
    const offlineCause = await this.ask(2);
    const rollPaper = await this.ask(4);
    const errorCause = offlineCause.error ? await this.ask(3) : undefined;
    return { printer, offlineCause, rollPaper, errorCause };
  }

  /**
   * Asks the printer now (`DLE EOT 1, 2, 4`, and 3 when an error is flagged),
   * between polls and jobs; reports and returns the status. Rejects with a
   * DeviceError (timeOut, or deviceNotReady when stopped or unplugged).
   */
  queryStatus(): Promise<DeviceStatus> {
    if (!this.connection.running)
      return Promise.reject(new DeviceNotReadyError('printer driver is not started'));
    return this.exclusive(async () => {
      const { state, detail } = conditionFromReplies(await this.askAll());
      this.connection.answered();
      this.update(state, detail);
      return this.connection.status;
    });
  }

  /** Runs `task` once everything queued before it on the line is done. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.line.then(task, task);
    this.line = run.catch(() => {});
    return run;
  }

  /**
   * Prints a document. Refused at once (`deviceNotReady`, reason paper-out,
   * cover-open, error or offline) when the last status says the printer cannot
   * print; otherwise queued behind the job before it. The status poll pauses,
   * the bytes go out at the line's baud rate (status 'busy', reason
   * 'printing'), then `DLE EOT` confirms: paper end, cover open or an error
   * (a jam) during the job reject with `hardwareError`; a pulled cable with a
   * `hardwareError` that is `disconnected`. Resolves once the printer confirms.
   */
  print(document: PrintDocument, { jobId }: { jobId: string }): Promise<PrintReceipt> {
    const parsed = printDocumentSchema.safeParse(document);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return Promise.reject(
        this.failed(new PrintJobError('invalidData', jobId, 'invalid-document', { detail })),
      );
    }
    const refused = this.refusal(jobId);
    if (refused) return Promise.reject(refused);
    return this.exclusive(() => this.runJob(parsed.data, jobId));
  }

  private refusal(jobId: string): PrintJobError | undefined {
    const reason = this.connection.running ? notReadyReason(this.connection.status) : 'offline';
    if (!reason) return undefined;
    const { error } = this.connection.status.detail as Partial<PrinterDetail>;
    return this.failed(new PrintJobError('deviceNotReady', jobId, reason, { errorKind: error }));
  }

  private async runJob(document: PrintDocument, jobId: string): Promise<PrintReceipt> {
    // The condition may have changed while the job waited its turn.
    const refused = this.refusal(jobId);
    if (refused) throw refused;
    const session = this.connection.session;
    const bytes = encodeDocument(document, { columns: this.columns });
    const timeoutMs = jobTimeoutMs(bytes.length, this.baudRate, 4 * this.replyTimeoutMs + 1000);
    this.update('busy', {
      ...(this.connection.status.detail as unknown as PrinterDetail),
      reason: 'printing',
    });
    this.logger.info({ jobId, bytes: bytes.length }, 'print job');
    let replies: PrinterReplies;
    try {
      const send = writePaced(this.transport, bytes, this.baudRate, () => this.isCurrent(session));
      await within(send, timeoutMs, () => new DeviceTimeoutError(`print job ${jobId}`, timeoutMs));
      // DLE EOT after the last byte: the printer has taken the job in by now, and says how it went.
      replies = await this.askAll();
    } catch (err) {
      throw this.failed(this.jobFailure(err, jobId, session));
    }
    this.connection.answered();
    const { state, detail } = conditionFromReplies(replies);
    this.update(state, detail);
    const reason = notReadyReason(this.connection.status);
    if (reason) {
      throw this.failed(new PrintJobError('hardwareError', jobId, reason, { errorKind: detail.error }));
    }
    const receipt: PrintReceipt = { jobId, printedAt: new Date().toISOString() };
    this.stats.jobsPrinted += 1;
    this.logger.info({ jobId }, 'print job confirmed');
    this.emit('printed', receipt);
    return receipt;
  }

  /** What went wrong while sending or confirming a job, and the status it leaves. */
  private jobFailure(err: unknown, jobId: string, session: number): PrintJobError {
    if (err instanceof DeviceError && err.disconnected) {
      if (this.isCurrent(session) && !this.transport.isOpen) this.connection.lost();
      return new PrintJobError('hardwareError', jobId, 'disconnected', { disconnected: true, cause: err });
    }
    if (err instanceof DeviceTimeoutError) {
      this.stats.timeouts += 1;
      if (this.isCurrent(session)) this.setOffline('no-answer');
      return new PrintJobError('timeOut', jobId, 'no-answer', { cause: err, detail: err.message });
    }
    this.logger.error({ err, jobId }, 'print job failed');
    return new PrintJobError('hardwareError', jobId, 'offline', { cause: err });
  }

  private failed(error: PrintJobError): PrintJobError {
    this.stats.jobsFailed += 1;
    this.logger.warn({ jobId: error.jobId, code: error.code, reason: error.reason }, 'print job not printed');
    this.emit('printFailed', { jobId: error.jobId, code: error.code, reason: error.reason });
    return error;
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

  private isCurrent(session: number): boolean {
    return this.connection.isCurrent(session);
  }

  private reason(): PrinterOfflineReason | undefined {
    return (this.connection.status.detail as Partial<PrinterDetail>).reason;
  }

  private setOffline(reason: PrinterOfflineReason): void {
    const last = this.connection.status.detail as Partial<PrinterDetail>;
    this.update('offline', {
      paper: last.paper ?? 'ok',
      cover: last.cover ?? 'closed',
      online: false,
      reason,
    });
  }

  private update(state: DeviceState, detail: PrinterDetail): void {
    this.connection.update(state, detail);
  }
}
