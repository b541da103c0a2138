/**
 * One status shape for every device, in the spirit of XFS4IoT's common status
 * (XFS4IoT Common.Status: device = online | offline | hardwareError | ...).
 * We keep four states: a kiosk screen and a maintainer need no more.
 */
export type DeviceState = 'online' | 'offline' | 'fault' | 'busy';

/** The device names the agent, the rig and the hub all use. */
export type DeviceName = 'printer' | 'card-reader' | 'id-reader' | 'scanner' | 'handset';

export interface DeviceStatus {
  device: DeviceName;
  state: DeviceState;
  /** Device-specific detail, e.g. the printer's `{ paper: 'ok' | 'low' | 'out', cover: 'open' | 'closed' }`. */
  detail: Record<string, unknown>;
  /** ISO time since which `state` and `detail` hold. */
  since: string;
}

/** True when two statuses describe the same condition (ignoring `since`). */
export function sameCondition(a: DeviceStatus, b: DeviceStatus): boolean {
  return (
    a.device === b.device && a.state === b.state && JSON.stringify(a.detail) === JSON.stringify(b.detail)
  );
}
