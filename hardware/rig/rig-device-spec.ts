import type { Logger } from 'pino';
import { z } from 'zod';
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
  /** The device stops talking (power or cable); the rig also removes its tty (or closes its socket). */
  unplug(): void;
  replug(): void;
  /** The simulated condition, as `GET /rig/api/devices` shows it under `sim`. */
  state(): Record<string, unknown>;
  actions: Record<string, RigAction>;
  /** Read-only views: `GET /rig/api/<device>/<view>` answers `view()` as JSON (e.g. the printer's output). */
  views?: Record<string, () => unknown>;
}

/** One row of the rig's device table. */
export type RigDeviceSpec = SerialRigDeviceSpec | SocketRigDeviceSpec;

/** A serial device: the rig makes a socat pty pair and gives the simulator its end (`path`). */
export interface SerialRigDeviceSpec {
  device: DeviceName;
  /** What kind of hardware it is, for the control page and for a maintainer. */
  kind: string;
  transport?: 'serial';
  baudRate: number;
  createSimulator(options: { path: string; baudRate: number; logger: Logger }): RigSimulator;
}

/**
 * A HID device reached over a socket (there is no virtual HID device here): no
 * socat; the simulator listens on the Unix socket `path` (`<runDir>/<device>.sock`)
 * and a driver connects with `SocketHidTransport`.
 */
export interface SocketRigDeviceSpec {
  device: DeviceName;
  kind: string;
  transport: 'hid-socket';
  createSimulator(options: { path: string; logger: Logger }): RigSimulator;
}

/** Bytes as hex, for the `garbage` control every device offers (at most 256 bytes). */
export const hexBytes = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{2})+$/, 'an even number of hex digits')
  .max(512);

/** The `garbage` action: the device sends these bytes as if its line were noisy. */
export function garbageAction(inject: (bytes: Buffer) => void): RigAction {
  return action(z.object({ hex: hexBytes }), ({ hex }) => inject(Buffer.from(hex, 'hex')));
}
