import type { Logger } from 'pino';
import { z } from 'zod';
import type { DeviceName } from '../common/device-status.ts';
import { PrinterSimulator } from '../printer/printer.simulator.ts';

/** A device-specific control: `POST /rig/api/<device>/<action>` with a body the schema accepts. */
export interface RigAction {
  body: z.ZodType;
  run(body: unknown): void;
}

/** Keeps the body's type between schema and handler, then erases it for the table. */
function action<S extends z.ZodType>(body: S, run: (body: z.infer<S>) => void): RigAction {
  return { body, run: (parsed) => run(parsed as z.infer<S>) };
}

/** What the rig needs of a simulator, whatever the device. */
export interface RigSimulator {
  open(): Promise<void>;
  close(): Promise<void>;
  /** The device stops talking (power or cable); the rig also removes its tty. */
  unplug(): void;
  replug(): void;
  /** The simulated condition, as `GET /rig/api/devices` shows it under `sim`. */
  state(): Record<string, unknown>;
  actions: Record<string, RigAction>;
}

/** One row of the rig's device table. */
export interface RigDeviceSpec {
  device: DeviceName;
  /** What kind of hardware it is, for the control page and for a maintainer. */
  kind: string;
  baudRate: number;
  createSimulator(options: { path: string; baudRate: number; logger: Logger }): RigSimulator;
}

const printer: RigDeviceSpec = {
  device: 'printer',
  kind: 'receipt-printer',
  baudRate: 9600,
  createSimulator({ path, baudRate, logger }) {
    const sim = new PrinterSimulator({ path, baudRate, logger });
    return {
      open: () => sim.open(),
      close: () => sim.close(),
      unplug: () => sim.unplug(),
      replug: () => sim.replug(),
      state: () => {
        const { paper, cover, online, plugged, error } = sim.state();
        return { paper, cover, online, plugged, ...(error ? { error } : {}) };
      },
      actions: {
        paper: action(z.object({ level: z.enum(['ok', 'low', 'out']) }), ({ level }) => sim.setPaper(level)),
        cover: action(z.object({ open: z.boolean() }), ({ open }) => sim.setCover(open)),
        online: action(z.object({ online: z.boolean() }), ({ online }) => sim.setOnline(online)),
        error: action(
          z.object({ error: z.enum(['autocutter', 'unrecoverable', 'auto-recoverable']).nullable() }),
          ({ error }) => sim.setError(error),
        ),
        garbage: action(
          z.object({
            hex: z
              .string()
              .regex(/^(?:[0-9a-fA-F]{2})+$/, 'an even number of hex digits')
              .max(512),
          }),
          ({ hex }) => sim.injectGarbage(Buffer.from(hex, 'hex')),
        ),
      },
    };
  },
};

/** Every serial device the rig simulates. A new device is one more row here. */
export const RIG_DEVICES: readonly RigDeviceSpec[] = [printer];
