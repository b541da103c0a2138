import { EventEmitter } from 'node:events';
import { SerialPortStream } from '@serialport/stream';
import type { Logger } from 'pino';
import { DeviceDisconnectedError } from './errors.ts';
import { hangupAwareBinding } from './hangup-aware-binding.ts';
import type { Transport, TransportEvents } from './transport.ts';

export interface SerialTransportOptions {
  /** The tty to open, e.g. `/dev/ttyUSB0` or the rig's `data/rig/printer` link. */
  path: string;
  baudRate: number;
  logger: Logger;
}

/**
 * A serial port as a `Transport`. It opens once per `open()` and never
 * reconnects by itself: when the port disappears (USB adapter pulled, the
 * rig's socat killed) it emits `close` with `unexpected = true` and the owning
 * driver decides when to try again.
 */
export class SerialTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly path: string;
  readonly baudRate: number;
  private readonly logger: Logger;
  private port: SerialPortStream | undefined;
  private opening: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor({ path, baudRate, logger }: SerialTransportOptions) {
    super();
    this.path = path;
    this.baudRate = baudRate;
    this.logger = logger;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true && this.closing === undefined;
  }

  /** Opens the port; rejects with `DeviceDisconnectedError` when it does not exist or cannot be opened. */
  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    this.opening ??= this.openPort().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  /** Closes the port (an expected close: `close` is emitted with `false`). Safe to call when closed. */
  async close(): Promise<void> {
    if (this.opening) await this.opening.catch(() => {});
    if (this.closing) return this.closing;
    const port = this.port;
    if (!port?.isOpen) return;
    this.closing = new Promise<void>((resolve) => {
      port.once('close', () => resolve());
      port.close((err) => {
        // The port vanished while we closed it: it is closed all the same.
        if (err) resolve();
      });
    }).finally(() => {
      this.closing = undefined;
    });
    return this.closing;
  }

  /** Resolves once the bytes are handed to the operating system. */
  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port || !this.isOpen) {
      return Promise.reject(new DeviceDisconnectedError(`${this.path}: port is not open`));
    }
    return new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) reject(new DeviceDisconnectedError(`${this.path}: write failed: ${err.message}`, err));
        else resolve();
      });
    });
  }

  private openPort(): Promise<void> {
    const port = new SerialPortStream({
      binding: hangupAwareBinding,
      path: this.path,
      baudRate: this.baudRate,
      autoOpen: false,
    });
    return new Promise<void>((resolve, reject) => {
      port.open((err) => {
        if (err) {
          reject(new DeviceDisconnectedError(`${this.path}: cannot open: ${err.message}`, err));
          return;
        }
        this.attach(port);
        this.logger.debug({ path: this.path, baudRate: this.baudRate }, 'port open');
        this.emit('open');
        resolve();
      });
    });
  }

  private attach(port: SerialPortStream): void {
    this.port = port;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    // Without a listener an 'error' event would crash the process; a failing port also closes.
    port.on('error', (err) => this.logger.warn({ err, path: this.path }, 'port error'));
    port.once('close', (err?: { disconnected?: boolean } | null) => {
      const unexpected = this.closing === undefined || err?.disconnected === true;
      port.removeAllListeners('data');
      if (this.port === port) this.port = undefined;
      if (unexpected) this.logger.warn({ path: this.path }, 'port went away');
      else this.logger.debug({ path: this.path }, 'port closed');
      this.emit('close', unexpected);
    });
  }
}
