import type { Logger } from 'pino';
import { BaudPacer } from '../common/baud-pacer.ts';
import { SerialTransport } from '../common/serial-transport.ts';
import { type PrinterCommand, PrinterCommandParser } from './printer-command.parser.ts';
import type { CoverState, PaperLevel, PrinterErrorKind } from './printer-condition.ts';
import { encodeStatusByte, type StatusRequest } from './printer-status.frame.ts';

export interface PrinterSimulatorOptions {
  /** The simulator's end of the pty pair, e.g. the rig's `printer.sim`. */
  path: string;
  baudRate?: number;
  logger: Logger;
  /** While its port is gone the simulator tries to reopen it this often. */
  reopenIntervalMs?: number;
  /** A command prefix left dangling this long is given up as data. */
  interByteTimeoutMs?: number;
}

/** What the simulated printer is doing, as the rig shows it. */
export interface PrinterSimState {
  paper: PaperLevel;
  cover: CoverState;
  online: boolean;
  plugged: boolean;
  error: PrinterErrorKind | null;
}

/** What the simulator received, for tests. */
export interface PrinterSimCounters {
  statusRequests: number;
  initializations: number;
  dataBytes: number;
}

/**
 * The far end of a receipt printer's serial line: answers `DLE EOT n` like an
 * Epson-compatible printer in its current condition, at the real baud rate.
 * Fault injection: paper low/out, cover open, offline, errors, garbage bytes
 * on the line, and unplug (a printer without power sends nothing).
 */
export class PrinterSimulator {
  private readonly transport: SerialTransport;
  private readonly logger: Logger;
  private readonly pacer: BaudPacer;
  private readonly parser = new PrinterCommandParser();
  private readonly reopenIntervalMs: number;
  private readonly interByteTimeoutMs: number;
  private readonly sim: PrinterSimState = {
    paper: 'ok',
    cover: 'closed',
    online: true,
    plugged: true,
    error: null,
  };
  private readonly received: PrinterSimCounters = { statusRequests: 0, initializations: 0, dataBytes: 0 };
  private wanted = false;
  private reopenTimer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor({
    path,
    baudRate = 9600,
    logger,
    reopenIntervalMs = 200,
    interByteTimeoutMs = 100,
  }: PrinterSimulatorOptions) {
    this.logger = logger;
    this.reopenIntervalMs = reopenIntervalMs;
    this.interByteTimeoutMs = interByteTimeoutMs;
    this.transport = new SerialTransport({ path, baudRate, logger });
    this.pacer = new BaudPacer(baudRate, (chunk) => this.transport.write(chunk));
    this.transport.on('data', (chunk) => this.onData(chunk));
    this.transport.on('close', (unexpected) => {
      this.pacer.clear();
      if (unexpected && this.wanted) this.scheduleReopen();
    });
  }

  /** Opens the simulator's port; while it stays open-wanted, a vanished port is reopened by itself. */
  async open(): Promise<void> {
    this.wanted = true;
    clearTimeout(this.reopenTimer);
    await this.transport.open();
  }

  async close(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.reopenTimer);
    clearTimeout(this.flushTimer);
    this.pacer.clear();
    await this.transport.close();
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  state(): PrinterSimState {
    return { ...this.sim };
  }

  get counters(): Readonly<PrinterSimCounters> {
    return { ...this.received };
  }

  setPaper(level: PaperLevel): void {
    this.sim.paper = level;
  }

  setCover(open: boolean): void {
    this.sim.cover = open ? 'open' : 'closed';
  }

  /** Offline without another cause: answers `DLE EOT 1` with bit 3 on. */
  setOnline(online: boolean): void {
    this.sim.online = online;
  }

  /** Flags an error (`DLE EOT 2` bit 6, cause in `DLE EOT 3`), or clears it with null. */
  setError(kind: PrinterErrorKind | null): void {
    this.sim.error = kind;
  }

  /** Power or cable gone: from now on the printer sends nothing and forgets what was queued. */
  unplug(): void {
    this.sim.plugged = false;
    this.pacer.clear();
  }

  replug(): void {
    this.sim.plugged = true;
  }

  /** Puts bytes on the line as if from the printer (noise, a stray byte), paced like any other output. */
  injectGarbage(bytes: Uint8Array): void {
    if (this.sim.plugged) this.pacer.send(bytes);
  }

  /** The byte this printer answers to `DLE EOT n` right now (Epson bit tables, see printer-status.frame.ts). */
  statusByte(n: StatusRequest): number {
    const { paper, cover, online, error } = this.sim;
    const paperOut = paper === 'out';
    const coverOpen = cover === 'open';
    switch (n) {
      case 1:
        // An Epson printer goes offline on its own when the cover opens, paper ends or an error occurs.
        return encodeStatusByte(1, { offline: !online || coverOpen || paperOut || error !== null });
      case 2:
        return encodeStatusByte(2, { coverOpen, paperEndStop: paperOut, error: error !== null });
      case 3:
        return encodeStatusByte(3, {
          autocutterError: error === 'autocutter',
          unrecoverableError: error === 'unrecoverable',
          autoRecoverableError: error === 'auto-recoverable',
        });
      case 4:
        // An empty roll also uncovers the near-end sensor.
        return encodeStatusByte(4, { nearEnd: paper !== 'ok', paperEnd: paperOut });
    }
  }

  private onData(chunk: Buffer): void {
    for (const command of this.parser.push(chunk)) this.execute(command);
    clearTimeout(this.flushTimer);
    if (this.parser.pending) {
      this.flushTimer = setTimeout(() => {
        for (const command of this.parser.flush()) this.execute(command);
      }, this.interByteTimeoutMs);
    }
  }

  private execute(command: PrinterCommand): void {
    switch (command.type) {
      case 'status-request':
        this.received.statusRequests += 1;
        if (this.sim.plugged) this.pacer.send(Uint8Array.of(this.statusByte(command.n)));
        return;
      case 'initialize':
        this.received.initializations += 1;
        return;
      case 'data':
        // Text and commands the status path does not need yet; the print codec takes these later.
        this.received.dataBytes += command.bytes.length;
        return;
    }
  }

  private scheduleReopen(): void {
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => {
      if (!this.wanted) return;
      this.transport.open().then(
        () => this.logger.info({ path: this.transport.path }, 'simulator port reopened'),
        () => this.scheduleReopen(),
      );
    }, this.reopenIntervalMs);
  }
}
