import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { type DeviceStatus, sameCondition } from '../common/device-status.ts';
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
  private readonly reconnectIntervalMs: number;
  private readonly rearmIntervalMs: number;
  private readonly parser: ScannerLineParser;
  private readonly stats = { scans: 0, droppedWhileDisabled: 0, reconnects: 0 };
  private current: DeviceStatus;
  private running = false;
  private wanted = false;
  private session = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private rearmTimer: NodeJS.Timeout | undefined;
  private everOpened = false;

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
    this.reconnectIntervalMs = reconnectIntervalMs;
    this.rearmIntervalMs = rearmIntervalMs;
    this.parser = new ScannerLineParser({ maxLineLength, interByteTimeoutMs });
    this.current = this.make('offline', { trigger: 'off', reason: 'not-started' });
  }

  status(): DeviceStatus {
    return this.current;
  }

  get counters(): Readonly<ScannerDriverCounters> {
    return { ...this.stats, parser: this.parser.counters };
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
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.transport.on('data', this.onData);
    this.transport.on('close', this.onClose);
    await this.connect(this.session);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.endSession();
    this.transport.off('data', this.onData);
    this.transport.off('close', this.onClose);
    await this.transport.close().catch((err: unknown) => this.logger.warn({ err }, 'close failed'));
    this.update(this.make('offline', { trigger: this.trigger(), reason: 'stopped' }));
  }

  private async connect(session: number): Promise<void> {
    if (!this.isCurrent(session)) return;
    try {
      await this.transport.open();
    } catch (err) {
      if ((this.current.detail as Partial<ScannerDetail>).reason !== 'port-unavailable')
        this.logger.warn({ err, path: this.transport.path }, 'scanner port unavailable; retrying');
      this.setOffline();
      this.reconnectTimer = setTimeout(() => void this.connect(session), this.reconnectIntervalMs);
      return;
    }
    if (!this.isCurrent(session)) return;
    if (this.everOpened) this.stats.reconnects += 1;
    this.everOpened = true;
    this.parser.reset();
    this.logger.info({ path: this.transport.path }, 'scanner port open');
    this.refresh();
    // A scanner that was replugged forgot its trigger; one that was not may still have it on.
    await this.sendTrigger();
  }

  /** Sends the trigger state the host wants; while enabled, schedules the next re-arm. */
  private async sendTrigger(): Promise<void> {
    clearTimeout(this.rearmTimer);
    if (!this.running) return;
    // Closed behind our back (no 'close' event): with no replies to miss, a write is how we notice.
    if (!this.transport.isOpen) return void (this.current.state === 'online' && this.lost());
    const session = this.session;
    try {
      await this.transport.write(this.wanted ? TRIGGER_ON : TRIGGER_OFF);
    } catch (err) {
      // The port went away: onClose (or, if it closed behind our back, this) starts reconnecting.
      if (err instanceof DeviceError && err.disconnected && this.isCurrent(session) && !this.transport.isOpen)
        this.lost();
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

  private readonly onClose = (unexpected: boolean): void => {
    if (this.running && unexpected) this.lost();
  };

  private lost(): void {
    this.logger.warn({ path: this.transport.path }, 'scanner port went away');
    this.endSession();
    this.setOffline();
    const session = this.session;
    this.reconnectTimer = setTimeout(() => void this.connect(session), this.reconnectIntervalMs);
  }

  private endSession(): void {
    this.session += 1;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.rearmTimer);
    this.parser.reset();
  }

  private isCurrent(session: number): boolean {
    return this.running && session === this.session;
  }

  private trigger(): 'on' | 'off' {
    return this.wanted ? 'on' : 'off';
  }

  private refresh(): void {
    const online = this.running && this.transport.isOpen;
    const reason = (this.current.detail as Partial<ScannerDetail>).reason;
    this.update(
      this.make(online ? 'online' : 'offline', {
        trigger: this.trigger(),
        ...(!online && reason ? { reason } : {}),
      }),
    );
  }

  private setOffline(): void {
    this.update(this.make('offline', { trigger: this.trigger(), reason: 'port-unavailable' }));
  }

  private make(state: DeviceStatus['state'], detail: ScannerDetail): DeviceStatus {
    return { device: 'scanner', state, detail: { ...detail }, since: new Date().toISOString() };
  }

  private update(next: DeviceStatus): void {
    if (sameCondition(this.current, next)) return;
    this.current = next;
    this.logger.info({ state: next.state, detail: next.detail }, 'scanner status');
    this.emit('status', next);
  }
}
