import type { Logger } from 'pino';
import type { z } from 'zod';
import type { DeviceName } from '../common/device-status.ts';

/** A device-specific control: `POST /rig/api/<device>/<action>` with a body the schema accepts. */
export interface RigAction {
  body: z.ZodType;
  run(body: unknown): void;
}

/** Keeps the body's type between schema and handler, then erases it for the table. */
export function action<S extends z.ZodType>(body: S, run: (body: z.infer<S>) => void): RigAction {
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
