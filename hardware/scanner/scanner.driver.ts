import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { DeviceConnection } from '../common/device-connection.ts';
import type { DeviceStatus } from '../common/device-status.ts';
import { DeviceError } from '../common/errors.ts';
import type { Transport } from '../common/transport.ts';
import { decodeScanText, TRIGGER_OFF, TRIGGER_ON } from './scanner.frame.ts';
import { ScannerLineParser, type ScannerLineParserCounters } from './scanner-line.parser.ts';

export type ScannerOfflineReason = 'not-started' | 'stopped' | 'port-unavailable';

/** `DeviceStatus.detail` of the scanner. */
export interface ScannerDetail {
  /** Whether the host wants scans (and keeps the scanner's trigger activated). */
  trigger: 'on' | 'off';
  reason?: ScannerOfflineReason;
}

/** One scanned symbol. Payment codes are bearer tokens: never log the text. */
export interface ScanEvent {
  text: string;
  /** ISO time the line was complete. */
  at: string;
}

export interface ScannerDriverOptions {
  transport: Transport;
  logger: Logger;
  reconnectIntervalMs?: number;
  /**
   * While enabled, `SYN T CR` is sent again this often: the scanner ends its
   * trigger by itself after a read or its serial read time-out (Honeywell "Read Time-Out").
   */
  rearmIntervalMs?: number;
  maxLineLength?: number;
  interByteTimeoutMs?: number;
}

export interface ScannerDriverCounters {
  scans: number;
  /** Lines that arrived while disabled (a scanner not in host-trigger mode) and were dropped. */
  droppedWhileDisabled: number;
  reconnects: number;
  parser: ScannerLineParserCounters;
}

/**
 * The barcode / QR scanner in ASCII line mode with host triggering: emits
 * `scan` for each line while enabled and keeps the scanner's trigger on
 * (`SYN T CR`) or off (`SYN U CR`) to match.
 *
 * A scanner in line mode answers nothing, so it cannot be polled: the driver
 * reports `offline` only when the port itself goes away (the transport's
 * `close`, e.g. the USB-serial adapter pulled) and reopens it when it is back.
 * A scanner that loses power behind a still-present adapter is not noticed
 * until the port closes.
 */
export class ScannerDriver extends EventEmitter<{ status: [DeviceStatus]; scan: [ScanEvent] }> {
  private readonly transport: Transport;
  private readonly logger: Logger;
  private readonly connection: DeviceConnection<ScannerDetail>;
  private readonly rearmIntervalMs: number;
  private readonly parser: ScannerLineParser;
  private readonly stats = { scans: 0, droppedWhileDisabled: 0 };
  private wanted = false;
  private rearmTimer: NodeJS.Timeout | undefined;

  constructor({
    transport,
    logger,
    reconnectIntervalMs = 1000,
    rearmIntervalMs = 5000,
    maxLineLength,
    interByteTimeoutMs,
  }: ScannerDriverOptions) {
    super();
    this.transport = transport;
    this.logger = logger;
    this.rearmIntervalMs = rearmIntervalMs;
    this.parser = new ScannerLineParser({ maxLineLength, interByteTimeoutMs });
    this.connection = new DeviceConnection<ScannerDetail>({
      device: 'scanner',
      name: 'scanner',
      transport,
      logger,
      reconnectIntervalMs,
      detail: { trigger: 'off', reason: 'not-started' },
      hooks: {
        onData: this.onData,
        onOpen: () => this.opened(),
        onOpenFailed: (err) => {
          if (this.connection.detail.reason !== 'port-unavailable')
            this.logger.warn({ err, path: this.transport.path }, 'scanner port unavailable; retrying');
          this.setOffline();
        },
        onSessionEnd: () => {
          clearTimeout(this.rearmTimer);
          this.parser.reset();
        },
        onLost: () => this.setOffline(),
        onStatus: (status) => this.emit('status', status),
      },
    });
  }

  status(): DeviceStatus {
    return this.connection.status;
  }

  get counters(): Readonly<ScannerDriverCounters> {
    return { ...this.stats, reconnects: this.connection.reconnects, parser: this.parser.counters };
  }

  get enabled(): boolean {
    return this.wanted;
  }

  /** Wants scans: activates the trigger (now, or as soon as the port is open). */
  async enable(): Promise<void> {
    this.wanted = true;
    this.refresh();
    await this.sendTrigger();
  }

  /** Wants no scans: deactivates the trigger; lines still arriving are dropped. */
  async disable(): Promise<void> {
    this.wanted = false;
    this.refresh();
    await this.sendTrigger();
  }

  /** Opens the port; resolves after the first attempt, never rejects. */
  start(): Promise<void> {
    return this.connection.start();
  }

  async stop(): Promise<void> {
    if (!this.connection.running) return;
    await this.connection.stop();
    this.connection.update('offline', { trigger: this.trigger(), reason: 'stopped' });
  }

  /** The port is open: report online and send the trigger the host wants. */
  private async opened(): Promise<void> {
    this.parser.reset();
    this.logger.info({ path: this.transport.path }, 'scanner port open');
    this.refresh();
    // A scanner that was replugged forgot its trigger; one that was not may still have it on.
    await this.sendTrigger();
  }

  /** Sends the trigger state the host wants; while enabled, schedules the next re-arm. */
  private async sendTrigger(): Promise<void> {
    clearTimeout(this.rearmTimer);
    if (!this.connection.running) return;
    // Closed behind our back (no 'close' event): with no replies to miss, a write is how we notice.
    if (!this.transport.isOpen)
      return void (this.connection.status.state === 'online' && this.connection.lost());
    const session = this.connection.session;
    try {
      await this.transport.write(this.wanted ? TRIGGER_ON : TRIGGER_OFF);
    } catch (err) {
      // The port went away: the connection's close handler (or, if it closed behind our back, this) starts reconnecting.
      if (err instanceof DeviceError && err.disconnected && this.isCurrent(session) && !this.transport.isOpen)
        this.connection.lost();
      return;
    }
    if (this.wanted && this.isCurrent(session))
      this.rearmTimer = setTimeout(() => void this.sendTrigger(), this.rearmIntervalMs);
  }

  private readonly onData = (chunk: Buffer): void => {
    const at = new Date().toISOString();
    const lines = this.parser.push(chunk);
    for (const line of lines) {
      if (!this.wanted) {
        this.stats.droppedWhileDisabled += 1;
        continue;
      }
      const { text, encoding } = decodeScanText(line);
      this.stats.scans += 1;
      this.logger.info({ length: text.length, encoding }, 'scan');
      this.emit('scan', { text, at });
    }
    // The read ended the scanner's trigger (serial trigger mode): activate it for the next one.
    if (this.wanted && lines.length > 0) void this.sendTrigger();
  };

  private isCurrent(session: number): boolean {
    return this.connection.isCurrent(session);
  }

  private trigger(): 'on' | 'off' {
    return this.wanted ? 'on' : 'off';
  }

  private refresh(): void {
    const online = this.connection.running && this.transport.isOpen;
    const reason = this.connection.detail.reason;
    this.connection.update(online ? 'online' : 'offline', {
      trigger: this.trigger(),
      ...(!online && reason ? { reason } : {}),
    });
  }

  private setOffline(): void {
    this.connection.update('offline', { trigger: this.trigger(), reason: 'port-unavailable' });
  }
}
