import type { Logger } from 'pino';
import { SimulatorPort } from '../common/simulator-port.ts';
import { type DecodedEvent, EscPosDecoder } from './escpos.decoder.ts';
import { DEFAULT_COLUMNS } from './print-document.ts';
import type { PrintedDocument, PrintedItem, PrintInterruption } from './printed-document.ts';
import type { CoverState, PaperLevel, PrinterErrorKind } from './printer-condition.ts';
import { encodeStatusByte, type StatusRequest } from './printer-status.frame.ts';

export interface PrinterSimulatorOptions {
  /** The simulator's end of the pty pair, e.g. the rig's `printer.sim`. */
  path: string;
  baudRate?: number;
  logger: Logger;
  /** While its port is gone the simulator tries to reopen it this often. */
  reopenIntervalMs?: number;
  /** A command prefix left dangling this long is given up. */
  interByteTimeoutMs?: number;
  /** Font A columns of the paper: 32 (58 mm) or 48 (80 mm). */
  columns?: number;
  /** A full roll, in mm of paper (a 58 mm × 30 m roll by default). */
  paperLengthMm?: number;
  /** The near-end sensor sees the roll's end when this much paper is left. */
  nearEndMm?: number;
  /** Paper one text line takes: 24-dot font + 6-dot spacing at 8 dots/mm ≈ 3.75 mm. */
  mmPerLine?: number;
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
  /** Items (lines, QR codes, feeds, …) that could not be printed: paper out, cover open, error, jam. */
  droppedItems: number;
}

/** How many printed documents the simulator keeps. */
export const PRINTED_KEPT = 50;

/**
 * The far end of a receipt printer's serial line: answers `DLE EOT n` like an
 * Epson-compatible printer in its current condition, at the real baud rate,
 * and prints what it is sent: the whole ESC/POS stream is decoded
 * (`EscPosDecoder`) into `PrintedDocument`s, the last 50 kept. The roll runs
 * down with use. Fault injection: paper low/out (or a given length left),
 * cover open, offline, errors, a jam part-way through the next job, garbage
 * bytes on the line, and unplug (a printer without power sends nothing).
 */
export class PrinterSimulator {
  private readonly port: SimulatorPort;
  private readonly logger: Logger;
  private readonly decoder = new EscPosDecoder();
  private readonly interByteTimeoutMs: number;
  private readonly columns: number;
  private readonly paperLengthMm: number;
  private readonly nearEndMm: number;
  private readonly mmPerLine: number;
  private paperLeftMm: number;
  private readonly sim: Omit<PrinterSimState, 'paper' | 'plugged'> = {
    cover: 'closed',
    online: true,
    error: null,
  };
  private readonly received: PrinterSimCounters = {
    statusRequests: 0,
    initializations: 0,
    dataBytes: 0,
    droppedItems: 0,
  };
  private readonly done: PrintedDocument[] = [];
  private nextId = 1;
  /** The document coming out of the printer now. */
  private current: PrintedItem[] = [];
  /** Set once the current job stopped part-way; cleared by the next `ESC @`. */
  private halted: PrintInterruption | undefined;
  /** Lines of the next job to print before it jams; undefined when no jam is armed. */
  private jamAfter: number | undefined;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor({
    path,
    baudRate = 9600,
    logger,
    reopenIntervalMs = 200,
    interByteTimeoutMs = 100,
    columns = DEFAULT_COLUMNS,
    paperLengthMm = 30_000,
    nearEndMm = 1_000,
    mmPerLine = 3.75,
  }: PrinterSimulatorOptions) {
    this.logger = logger;
    this.interByteTimeoutMs = interByteTimeoutMs;
    this.columns = columns;
    this.paperLengthMm = paperLengthMm;
    this.nearEndMm = nearEndMm;
    this.mmPerLine = mmPerLine;
    this.paperLeftMm = paperLengthMm;
    this.port = new SimulatorPort({ path, baudRate, logger, reopenIntervalMs });
    this.port.on('data', (chunk) => this.onData(chunk));
  }

  /** Opens the simulator's port; while it stays open-wanted, a vanished port is reopened by itself. */
  open(): Promise<void> {
    return this.port.open();
  }

  close(): Promise<void> {
    clearTimeout(this.flushTimer);
    return this.port.close();
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  state(): PrinterSimState {
    return { paper: this.paper(), ...this.sim, plugged: this.port.plugged };
  }

  /** The documents printed so far, oldest first (the last PRINTED_KEPT). */
  printed(): PrintedDocument[] {
    return this.done.map((doc) => structuredClone(doc));
  }

  /** Paper left on the roll, in mm. */
  get paperLeft(): number {
    return this.paperLeftMm;
  }

  get counters(): Readonly<PrinterSimCounters> {
    return { ...this.received };
  }

  /** Forces the roll's level: a fresh roll, one at its near-end mark, or none. */
  setPaper(level: PaperLevel): void {
    this.paperLeftMm = level === 'ok' ? this.paperLengthMm : level === 'low' ? this.nearEndMm : 0;
  }

  /** Leaves exactly this much paper on the roll, e.g. to run out part-way through a job. */
  setPaperLeft(mm: number): void {
    this.paperLeftMm = Math.max(0, mm);
  }

  /** The next job jams after printing `afterLines` lines: printing stops and an error is flagged. */
  jamNextJob(afterLines = 2): void {
    this.jamAfter = Math.max(0, afterLines);
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
    this.port.unplug();
  }

  replug(): void {
    this.port.replug();
  }

  /** Puts bytes on the line as if from the printer (noise, a stray byte), paced like any other output. */
  injectGarbage(bytes: Uint8Array): void {
    this.port.injectGarbage(bytes);
  }

  /** The byte this printer answers to `DLE EOT n` right now (Epson bit tables, see printer-status.frame.ts). */
  statusByte(n: StatusRequest): number {
    const { cover, online, error } = this.sim;
    const paper = this.paper();
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

  private paper(): PaperLevel {
    return this.paperLeftMm <= 0 ? 'out' : this.paperLeftMm <= this.nearEndMm ? 'low' : 'ok';
  }

  private onData(chunk: Buffer): void {
    this.received.dataBytes += chunk.length;
    for (const event of this.decoder.push(chunk)) this.execute(event);
    clearTimeout(this.flushTimer);
    if (this.decoder.pendingBytes) {
      this.flushTimer = setTimeout(() => this.decoder.flush(), this.interByteTimeoutMs);
    }
  }

  private execute(event: DecodedEvent): void {
    switch (event.type) {
      case 'status-request':
        this.received.statusRequests += 1;
        this.port.send(Uint8Array.of(this.statusByte(event.n)));
        return;
      case 'initialize':
        this.received.initializations += 1;
        this.finish({});
        this.halted = undefined;
        return;
      case 'item':
        this.print(event.item);
        return;
      case 'cut':
        if (!this.halted && this.current.length) this.finish({ cut: event.mode });
        return;
    }
  }

  /** Why the printer cannot print right now, if it cannot. */
  private blocked(): PrintInterruption | undefined {
    if (!this.port.plugged) return 'offline';
    if (this.paperLeftMm <= 0) return 'paper-out';
    if (this.sim.cover === 'open') return 'cover-open';
    if (this.sim.error) return 'error';
    if (!this.sim.online) return 'offline';
    return undefined;
  }

  private print(item: PrintedItem): void {
    const reason = this.halted ?? this.blocked();
    if (reason) {
      this.drop(reason);
      return;
    }
    if (this.jamAfter !== undefined && item.type === 'text') {
      if (this.jamAfter === 0) {
        this.jamAfter = undefined;
        this.sim.error = 'autocutter'; // Epson DLE EOT 3 bit 3: paper jammed in the autocutter
        this.drop('jam');
        return;
      }
      this.jamAfter -= 1;
    }
    const mm = this.paperFor(item);
    if (mm > this.paperLeftMm) {
      this.paperLeftMm = 0;
      this.drop('paper-out');
      return;
    }
    this.paperLeftMm -= mm;
    this.current.push(item);
  }

  /** Paper an item takes: lines at their height, a QR code about 25 modules square. */
  private paperFor(item: PrintedItem): number {
    switch (item.type) {
      case 'text':
        return item.size === 'double' || item.size === 'double-height' ? 2 * this.mmPerLine : this.mmPerLine;
      case 'feed':
        return item.lines * this.mmPerLine;
      case 'qr':
        return (25 * item.size) / 8 + this.mmPerLine;
      default:
        return 4 * this.mmPerLine;
    }
  }

  /** The job stops here: what printed so far is a document of its own, marked with why. */
  private drop(reason: PrintInterruption): void {
    this.received.droppedItems += 1;
    if (this.halted) return;
    this.halted = reason;
    this.logger.info({ reason, printedItems: this.current.length }, 'simulated printer stopped part-way');
    this.finish({ interrupted: reason }, true);
  }

  private finish(extra: Pick<PrintedDocument, 'cut' | 'interrupted'>, evenIfEmpty = false): void {
    if (!this.current.length && !evenIfEmpty) return;
    this.done.push({
      id: this.nextId++,
      printedAt: new Date().toISOString(),
      columns: this.columns,
      items: this.current,
      ...extra,
    });
    if (this.done.length > PRINTED_KEPT) this.done.splice(0, this.done.length - PRINTED_KEPT);
    this.current = [];
  }
}
