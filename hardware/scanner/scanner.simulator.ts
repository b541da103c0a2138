import type { Logger } from 'pino';
import { BaudPacer } from '../common/baud-pacer.ts';
import { SerialTransport } from '../common/serial-transport.ts';
import { encodeScanLine, type ScanEncoding, ScannerCommandParser } from './scanner.frame.ts';

export interface ScannerSimulatorOptions {
  path: string;
  /** 9600 8N1 is the factory default of most serial scanners. */
  baudRate?: number;
  logger: Logger;
  reopenIntervalMs?: number;
  /** Like a real scanner in serial trigger mode, a read ends the trigger (see scanner.frame.ts). */
  releaseAfterRead?: boolean;
}

/** What the simulated scanner is doing, as the rig shows it. */
export interface ScannerSimState {
  trigger: 'on' | 'off';
  plugged: boolean;
  /** Symbols sent to the host so far. */
  scans: number;
}

export interface ScannerSimCounters {
  triggerOn: number;
  triggerOff: number;
  /** Symbols shown while the trigger was off: a scanner in host-trigger mode does not read them. */
  dropped: number;
}

/**
 * The far end of a serial barcode / QR scanner in ASCII line mode and serial
 * trigger mode: `SYN T CR` activates, `SYN U CR` deactivates, and `scan(text)`
 * sends text + CR only while activated, paced at the baud rate. Fault
 * injection: garbage on the line, unplug (sends nothing, forgets its trigger).
 */
export class ScannerSimulator {
  private readonly transport: SerialTransport;
  private readonly logger: Logger;
  private readonly pacer: BaudPacer;
  private readonly parser = new ScannerCommandParser();
  private readonly reopenIntervalMs: number;
  private readonly releaseAfterRead: boolean;
  private readonly sim: ScannerSimState = { trigger: 'off', plugged: true, scans: 0 };
  private readonly received: ScannerSimCounters = { triggerOn: 0, triggerOff: 0, dropped: 0 };
  private wanted = false;
  private reopenTimer: NodeJS.Timeout | undefined;

  constructor({
    path,
    baudRate = 9600,
    logger,
    reopenIntervalMs = 200,
    releaseAfterRead = true,
  }: ScannerSimulatorOptions) {
    this.logger = logger;
    this.reopenIntervalMs = reopenIntervalMs;
    this.releaseAfterRead = releaseAfterRead;
    this.transport = new SerialTransport({ path, baudRate, logger });
    this.pacer = new BaudPacer(baudRate, (chunk) => this.transport.write(chunk));
    this.transport.on('data', (chunk) => this.onData(chunk));
    this.transport.on('close', (unexpected) => {
      this.pacer.clear();
      if (unexpected && this.wanted) this.scheduleReopen();
    });
  }

  async open(): Promise<void> {
    this.wanted = true;
    clearTimeout(this.reopenTimer);
    await this.transport.open();
  }

  async close(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.reopenTimer);
    this.pacer.clear();
    await this.transport.close();
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  state(): ScannerSimState {
    return { ...this.sim };
  }

  get counters(): Readonly<ScannerSimCounters> {
    return { ...this.received };
  }

  /**
   * A symbol under the scanner: sends its text + CR when the trigger is on and
   * returns true; returns false (and drops it) otherwise.
   */
  scan(
    text: string,
    { encoding = 'utf8', suffix = 'CR' }: { encoding?: ScanEncoding; suffix?: 'CR' | 'CRLF' } = {},
  ): boolean {
    if (!this.sim.plugged || this.sim.trigger === 'off') {
      this.received.dropped += 1;
      return false;
    }
    this.pacer.send(encodeScanLine(text, encoding, suffix));
    this.sim.scans += 1;
    if (this.releaseAfterRead) this.sim.trigger = 'off';
    return true;
  }

  /** Power gone: sends nothing, and comes back with its trigger off. */
  unplug(): void {
    this.sim.plugged = false;
    this.sim.trigger = 'off';
    this.pacer.clear();
  }

  replug(): void {
    this.sim.plugged = true;
  }

  injectGarbage(bytes: Uint8Array): void {
    if (this.sim.plugged) this.pacer.send(bytes);
  }

  private onData(chunk: Buffer): void {
    if (!this.sim.plugged) return;
    for (const command of this.parser.push(chunk)) {
      if (command.type === 'trigger-on') {
        this.received.triggerOn += 1;
        this.sim.trigger = 'on';
      } else if (command.type === 'trigger-off') {
        this.received.triggerOff += 1;
        this.sim.trigger = 'off';
      }
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
