import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { BaudPacer } from './baud-pacer.ts';
import { SerialTransport } from './serial-transport.ts';

export interface SimulatorPortOptions {
  /** The simulator's end of the pty pair, e.g. the rig's `printer.sim`. */
  path: string;
  baudRate: number;
  logger: Logger;
  /** While its port is gone and still wanted, the simulator tries to reopen it this often. */
  reopenIntervalMs: number;
  /** Bytes per paced write (see `BaudPacer`); 16 unless the device's answers are long. */
  maxChunk?: number;
}

export interface SimulatorPortEvents {
  /** Bytes from the host (the driver), whether or not the device is plugged in. */
  data: [chunk: Buffer];
  /** The port closed; output still queued was dropped. `unexpected` as in `TransportEvents`. */
  close: [unexpected: boolean];
}

/**
 * The device's end of a simulated serial line, shared by every serial
 * simulator: it owns the port and paces output at the real baud rate, keeps
 * the port open for as long as it is wanted (the rig's socat may remove the
 * tty and bring it back), and models the power lead: an unplugged device
 * sends nothing. What the device does with the bytes it hears is its owner's
 * business; the port only passes them on as 'data'.
 */
export class SimulatorPort extends EventEmitter<SimulatorPortEvents> {
  private readonly transport: SerialTransport;
  private readonly pacer: BaudPacer;
  private readonly logger: Logger;
  private readonly reopenIntervalMs: number;
  private wanted = false;
  private reopenTimer: NodeJS.Timeout | undefined;
  private powered = true;

  constructor({ path, baudRate, logger, reopenIntervalMs, maxChunk }: SimulatorPortOptions) {
    super();
    this.logger = logger;
    this.reopenIntervalMs = reopenIntervalMs;
    this.transport = new SerialTransport({ path, baudRate, logger });
    this.pacer = new BaudPacer(baudRate, (chunk) => this.transport.write(chunk), maxChunk);
    this.transport.on('data', (chunk) => this.emit('data', chunk));
    this.transport.on('close', (unexpected) => {
      this.pacer.clear();
      this.emit('close', unexpected);
      if (unexpected && this.wanted) this.scheduleReopen();
    });
  }

  /** Opens the port; while it stays wanted, a vanished port is reopened by itself. */
  async open(): Promise<void> {
    this.wanted = true;
    clearTimeout(this.reopenTimer);
    await this.transport.open();
  }

  /** Closes the port for good (until the next `open()`), dropping output not yet sent. */
  async close(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.reopenTimer);
    this.pacer.clear();
    await this.transport.close();
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  /** False between `unplug()` and `replug()`. */
  get plugged(): boolean {
    return this.powered;
  }

  /** Queues the device's output, paced at the baud rate; dropped while unplugged. */
  send(bytes: Uint8Array): void {
    if (this.powered) this.pacer.send(bytes);
  }

  /** Puts bytes on the line as if from the device (noise, a stray byte), paced like any other output. */
  injectGarbage(bytes: Uint8Array): void {
    this.send(bytes);
  }

  /** Power or cable gone: from now on the device sends nothing, and what was queued is lost. */
  unplug(): void {
    this.powered = false;
    this.pacer.clear();
  }

  replug(): void {
    this.powered = true;
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
