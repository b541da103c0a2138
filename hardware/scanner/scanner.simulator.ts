import type { Logger } from 'pino';
import { SimulatorPort } from '../common/simulator-port.ts';
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
  private readonly port: SimulatorPort;
  private readonly parser = new ScannerCommandParser();
  private readonly releaseAfterRead: boolean;
  private readonly sim: Omit<ScannerSimState, 'plugged'> = { trigger: 'off', scans: 0 };
  private readonly received: ScannerSimCounters = { triggerOn: 0, triggerOff: 0, dropped: 0 };

  constructor({
    path,
    baudRate = 9600,
    logger,
    reopenIntervalMs = 200,
    releaseAfterRead = true,
  }: ScannerSimulatorOptions) {
    this.releaseAfterRead = releaseAfterRead;
    this.port = new SimulatorPort({ path, baudRate, logger, reopenIntervalMs });
    this.port.on('data', (chunk) => this.onData(chunk));
  }

  open(): Promise<void> {
    return this.port.open();
  }

  close(): Promise<void> {
    return this.port.close();
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  state(): ScannerSimState {
    return { ...this.sim, plugged: this.port.plugged };
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
    if (!this.port.plugged || this.sim.trigger === 'off') {
      this.received.dropped += 1;
      return false;
    }
    this.port.send(encodeScanLine(text, encoding, suffix));
    this.sim.scans += 1;
    if (this.releaseAfterRead) this.sim.trigger = 'off';
    return true;
  }

  /** Power gone: sends nothing, and comes back with its trigger off. */
  unplug(): void {
    this.port.unplug();
    this.sim.trigger = 'off';
  }

  replug(): void {
    this.port.replug();
  }

  injectGarbage(bytes: Uint8Array): void {
    this.port.injectGarbage(bytes);
  }

  private onData(chunk: Buffer): void {
    if (!this.port.plugged) return;
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
}
