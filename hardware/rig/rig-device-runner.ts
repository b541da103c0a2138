import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { DeviceName } from '../common/device-status.ts';
import type { RigDeviceSpec, RigSimulator } from './rig-device-spec.ts';
import { SocatLink } from './socat-link.ts';

/** One device as `GET /rig/api/devices` lists it. */
export type RigDevice = SerialRigDevice | SocketRigDevice;

export interface SerialRigDevice {
  device: DeviceName;
  kind: string;
  /** Absolute path of the tty a driver opens. */
  tty: string;
  baudRate: number;
  sim: Record<string, unknown>;
}

export interface SocketRigDevice {
  device: DeviceName;
  kind: string;
  transport: 'hid-socket';
  /** Absolute path of the Unix socket a driver connects to (`SocketHidTransport`). */
  socket: string;
  sim: Record<string, unknown>;
}

/**
 * One simulated device and its simulator. A serial device gets a socat pty
 * pair (`<runDir>/<device>.sim` for the simulator, `<runDir>/<device>` for the
 * driver); a `hid-socket` device gets no socat: its simulator listens on
 * `<runDir>/<device>.sock`, and unplugging closes that socket.
 * Unplug and replug are serialised, so a maintainer tapping fast cannot
 * interleave them.
 */
export class RigDeviceRunner {
  /** Where a driver connects: the tty, or the Unix socket of a `hid-socket` device. */
  readonly tty: string;
  readonly simTty: string;
  readonly sim: RigSimulator;
  /** Undefined for a `hid-socket` device. */
  private readonly link: SocatLink | undefined;
  private simPlugged = true;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly spec: RigDeviceSpec,
    runDir: string,
    logger: Logger,
  ) {
    if (spec.transport === 'hid-socket') {
      this.tty = resolve(runDir, `${spec.device}.sock`);
      this.simTty = this.tty;
      this.link = undefined;
      this.sim = spec.createSimulator({ path: this.tty, logger });
    } else {
      this.tty = resolve(runDir, spec.device);
      this.simTty = resolve(runDir, `${spec.device}.sim`);
      this.link = new SocatLink({ linkA: this.simTty, linkB: this.tty, logger });
      this.sim = spec.createSimulator({ path: this.simTty, baudRate: spec.baudRate, logger });
    }
  }

  get plugged(): boolean {
    return this.link ? this.link.running : this.simPlugged;
  }

  /** Makes the pty pair (if serial) and opens the simulator on its end. */
  start(): Promise<void> {
    return this.serial(async () => {
      await this.link?.start();
      await this.sim.open();
    });
  }

  /** Kills socat so the tty disappears, as when a USB-serial cable is pulled; a socket device closes its socket. */
  unplug(): Promise<void> {
    return this.serial(async () => {
      this.sim.unplug();
      if (this.link) await this.link.stop();
      else {
        this.simPlugged = false;
        await this.sim.close();
      }
    });
  }

  /** Starts socat again at the same paths (or listens again) and reconnects the simulator. */
  replug(): Promise<void> {
    return this.serial(async () => {
      await this.link?.start();
      await this.sim.open();
      this.simPlugged = true;
      this.sim.replug();
    });
  }

  /** Closes the simulator and kills socat; resolves once socat has exited. */
  close(): Promise<void> {
    return this.serial(async () => {
      await this.sim.close().catch(() => {});
      await this.link?.stop();
    });
  }

  describe(): RigDevice {
    const state = this.sim.state();
    // socat may also die by itself: then the device is unplugged whatever the simulator thinks.
    const sim = { ...state, plugged: state.plugged === true && this.plugged };
    const { device, kind } = this.spec;
    if (this.spec.transport === 'hid-socket')
      return { device, kind, transport: 'hid-socket', socket: this.tty, sim };
    return { device, kind, tty: this.tty, baudRate: this.spec.baudRate, sim };
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => {});
    return run;
  }
}
