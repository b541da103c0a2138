import { EventEmitter } from 'node:events';
import { HIDAsync } from 'node-hid';
import type { Logger } from 'pino';
import { DeviceDisconnectedError } from './errors.ts';

/** What a HID link delivers: one input report per `data` event, never a fragment of one. */
export interface HidTransportEvents {
  /** Exactly one input report as node-hid delivers it: the report id first when the device numbers its reports. */
  data: [report: Buffer];
  /** A failure worth logging; when the device is gone `close` follows. */
  error: [error: Error];
  /** `unexpected` is true when the device went away (unplugged), false after `close()`. */
  close: [unexpected: boolean];
}

/**
 * What a driver needs of a HID device. Unlike a serial `Transport` it carries
 * whole reports, so no parser has to find report boundaries. `NodeHidTransport`
 * is the real one; the rig's simulated handset is reached through
 * `SocketHidTransport` (hardware/handset/hid-socket.transport.ts).
 */
export interface HidTransport {
  /** What the transport opens, for logs: a hidraw path, `vid:pid` or a socket path. */
  readonly path: string;
  readonly isOpen: boolean;
  /** Opens the device; rejects with `DeviceDisconnectedError` when it is not there. */
  open(): Promise<void>;
  /** Closes the device (`close` is emitted with `false`); resolves also when it was not open. */
  close(): Promise<void>;
  /** Sends one output report, report id first (0x00 when the device does not number its reports). */
  write(report: number[] | Buffer): Promise<void>;
  on<K extends keyof HidTransportEvents>(
    event: K,
    listener: (...args: HidTransportEvents[K]) => void,
  ): unknown;
  off<K extends keyof HidTransportEvents>(
    event: K,
    listener: (...args: HidTransportEvents[K]) => void,
  ): unknown;
}

export type NodeHidTarget = { path: string } | { vendorId: number; productId: number };

export interface NodeHidTransportOptions {
  target: NodeHidTarget;
  logger: Logger;
}

/**
 * A real USB HID device through node-hid 3's `HIDAsync` (README "Complete
 * Async API": `HIDAsync.open(path)` or `open(vid, pid)`, `on('data')`,
 * `write([reportId, ...])`, `close()`).
 *
 * Deliberately thin: this machine has no virtual HID device (no uhid access),
 * so only the failure to open is tested here; everything the driver does is
 * exercised through `SocketHidTransport`, which delivers the same report bytes.
 */
export class NodeHidTransport extends EventEmitter<HidTransportEvents> implements HidTransport {
  readonly path: string;
  private readonly target: NodeHidTarget;
  private readonly logger: Logger;
  private device: HIDAsync | undefined;
  private closing = false;

  constructor({ target, logger }: NodeHidTransportOptions) {
    super();
    this.target = target;
    this.logger = logger;
    this.path = 'path' in target ? target.path : `${hex4(target.vendorId)}:${hex4(target.productId)}`;
  }

  get isOpen(): boolean {
    return this.device !== undefined;
  }

  async open(): Promise<void> {
    if (this.device) return;
    let device: HIDAsync;
    try {
      device =
        'path' in this.target
          ? await HIDAsync.open(this.target.path)
          : await HIDAsync.open(this.target.vendorId, this.target.productId);
    } catch (err) {
      throw new DeviceDisconnectedError(`${this.path}: cannot open HID device: ${message(err)}`, err);
    }
    this.device = device;
    this.closing = false;
    device.on('data', (report: Buffer) => this.emit('data', report));
    // node-hid emits 'error' when a read fails, which on hidraw means the device was unplugged; it stops reading.
    device.on('error', (err: Error) => {
      if (this.listenerCount('error') > 0) this.emit('error', err);
      this.logger.warn({ err, path: this.path }, 'HID device went away');
      void this.release(true);
    });
  }

  close(): Promise<void> {
    return this.release(false);
  }

  async write(report: number[] | Buffer): Promise<void> {
    const device = this.device;
    if (!device) throw new DeviceDisconnectedError(`${this.path}: HID device is not open`);
    try {
      await device.write(report);
    } catch (err) {
      throw new DeviceDisconnectedError(`${this.path}: write failed: ${message(err)}`, err);
    }
  }

  private async release(unexpected: boolean): Promise<void> {
    const device = this.device;
    if (!device || this.closing) return;
    this.closing = true;
    this.device = undefined;
    await device.close().catch(() => {});
    this.emit('close', unexpected);
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
