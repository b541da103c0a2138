import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { DeviceName } from '../common/device-status.ts';
import type { RigDeviceSpec, RigSimulator } from './rig-device-spec.ts';
import { SocatLink } from './socat-link.ts';

/** One device as `GET /rig/api/devices` lists it. */
export interface RigDevice {
  device: DeviceName;
  kind: string;
  /** Absolute path of the tty a driver opens. */
  tty: string;
  baudRate: number;
  sim: Record<string, unknown>;
}

/**
 * One simulated serial device: its socat pty pair (`<runDir>/<device>.sim` for
 * the simulator, `<runDir>/<device>` for the driver) and its simulator.
 * Unplug and replug are serialised, so a maintainer tapping fast cannot
 * interleave them.
 */
export class RigDeviceRunner {
  readonly tty: string;
  readonly simTty: string;
  readonly sim: RigSimulator;
  private readonly link: SocatLink;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly spec: RigDeviceSpec,
    runDir: string,
    logger: Logger,
  ) {
    this.tty = resolve(runDir, spec.device);
    this.simTty = resolve(runDir, `${spec.device}.sim`);
    this.link = new SocatLink({ linkA: this.simTty, linkB: this.tty, logger });
    this.sim = spec.createSimulator({ path: this.simTty, baudRate: spec.baudRate, logger });
  }

  get plugged(): boolean {
    return this.link.running;
  }

  /** Makes the pty pair and opens the simulator on its end. */
  start(): Promise<void> {
    return this.serial(async () => {
      await this.link.start();
      await this.sim.open();
    });
  }

  /** Kills socat so the tty disappears, as when a USB-serial cable is pulled. */
  unplug(): Promise<void> {
    return this.serial(async () => {
      this.sim.unplug();
      await this.link.stop();
    });
  }

  /** Starts socat again at the same paths and reconnects the simulator. */
  replug(): Promise<void> {
    return this.serial(async () => {
      await this.link.start();
      await this.sim.open();
      this.sim.replug();
    });
  }

  /** Closes the simulator and kills socat; resolves once socat has exited. */
  close(): Promise<void> {
    return this.serial(async () => {
      await this.sim.close().catch(() => {});
      await this.link.stop();
    });
  }

  describe(): RigDevice {
    const state = this.sim.state();
    return {
      device: this.spec.device,
      kind: this.spec.kind,
      tty: this.tty,
      baudRate: this.spec.baudRate,
      // socat may also die by itself: then the device is unplugged whatever the simulator thinks.
      sim: { ...state, plugged: state.plugged === true && this.plugged },
    };
  }

  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => {});
    return run;
  }
}
