import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { DeviceDisconnectedError } from '../common/errors.ts';
import type { HidTransport, HidTransportEvents } from '../common/hid-transport.ts';
import { encodeSocketFrame, SocketFrameReader } from './hid-socket.frame.ts';

/** A Unix socket path, or a TCP host and port (127.0.0.1 in tests). */
export type HidSocketAddress = { path: string } | { host: string; port: number };

export interface SocketHidTransportOptions {
  address: HidSocketAddress;
  logger: Logger;
}

/**
 * A HID device reached over a local socket: the rig's simulated handset. It
 * carries exactly the report bytes node-hid would deliver, length-prefixed
 * (hid-socket.frame.ts), so a driver cannot tell it from `NodeHidTransport`.
 * Like the serial transport it never reconnects by itself; a dropped
 * connection is an unplug (`close` with `unexpected = true`).
 */
export class SocketHidTransport extends EventEmitter<HidTransportEvents> implements HidTransport {
  readonly path: string;
  private readonly address: HidSocketAddress;
  private readonly logger: Logger;
  private socket: Socket | undefined;
  private opening: Promise<void> | undefined;
  private closingOnPurpose = false;

  constructor({ address, logger }: SocketHidTransportOptions) {
    super();
    this.address = address;
    this.logger = logger;
    this.path = 'path' in address ? address.path : `${address.host}:${address.port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    this.opening ??= this.connect().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  async close(): Promise<void> {
    if (this.opening) await this.opening.catch(() => {});
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    this.closingOnPurpose = true;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  write(report: number[] | Buffer): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.isOpen) {
      return Promise.reject(new DeviceDisconnectedError(`${this.path}: HID socket is not open`));
    }
    const frame = encodeSocketFrame(Buffer.from(report));
    return new Promise<void>((resolve, reject) => {
      socket.write(frame, (err) => {
        if (err) reject(new DeviceDisconnectedError(`${this.path}: write failed: ${err.message}`, err));
        else resolve();
      });
    });
  }

  private connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const socket = connect('path' in this.address ? { path: this.address.path } : this.address);
      socket.setNoDelay?.(true);
      const onError = (err: Error): void => {
        socket.destroy();
        reject(new DeviceDisconnectedError(`${this.path}: cannot open HID socket: ${err.message}`, err));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        this.attach(socket);
        this.logger.debug({ path: this.path }, 'HID socket open');
        resolve();
      });
    });
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    this.closingOnPurpose = false;
    const reader = new SocketFrameReader();
    socket.on('data', (chunk: Buffer) => {
      const { reports, error } = reader.push(chunk);
      for (const report of reports) this.emit('data', report);
      if (error) {
        this.logger.warn({ path: this.path, error }, 'HID socket stream corrupt; dropping the link');
        socket.destroy();
      }
    });
    socket.on('error', (err) => {
      if (this.listenerCount('error') > 0) this.emit('error', err);
      this.logger.debug({ err, path: this.path }, 'HID socket error');
    });
    socket.once('close', () => {
      if (this.socket === socket) this.socket = undefined;
      const unexpected = !this.closingOnPurpose;
      this.closingOnPurpose = false;
      if (unexpected) this.logger.warn({ path: this.path }, 'HID device went away');
      this.emit('close', unexpected);
    });
  }
}
