import type { DeviceStatus } from '../../hardware/common/device-status.ts';

/** One device as the hub's heartbeat schema has it (hub-server/modules/fleet/fleet.schemas.ts). */
export interface HeartbeatDevice {
  name: string;
  kind: string;
  state: 'ok' | 'warning' | 'fault' | 'absent';
  since: string;
  detail: Record<string, unknown>;
}

export interface HeartbeatPayload {
  agentVersion: string;
  uptimeSec: number;
  screen: string;
  lastTransactionAt: string | null;
  freeDiskBytes: number;
  devices: HeartbeatDevice[];
}

/**
 * A device's state in a maintainer's words: working (ok), needs attention soon (warning: paper low,
 * paper out, cover open), or broken (fault: a hardware error, or gone from its port). The agent's own
 * state is kept in `detail.agentState` so the console can tell "offline" from "fault".
 */
export function heartbeatDevice(s: DeviceStatus): HeartbeatDevice {
  const { paper, cover } = s.detail as { paper?: unknown; cover?: unknown };
  let state: HeartbeatDevice['state'];
  if (s.state === 'fault' || s.state === 'offline') state = 'fault';
  else if (paper === 'low' || paper === 'out' || cover === 'open') state = 'warning';
  else state = 'ok';
  return {
    name: s.device,
    kind: s.device,
    state,
    since: s.since,
    detail: { ...s.detail, agentState: s.state },
  };
}

export function heartbeatPayload(input: {
  version: string;
  uptimeSec: number;
  screen: string;
  lastTransactionAt: string | null;
  freeDiskBytes: number;
  devices: DeviceStatus[];
}): HeartbeatPayload {
  return {
    agentVersion: input.version,
    uptimeSec: Math.max(0, Math.floor(input.uptimeSec)),
    screen: input.screen.slice(0, 200),
    lastTransactionAt: input.lastTransactionAt,
    freeDiskBytes: Math.max(0, input.freeDiskBytes),
    devices: input.devices.map(heartbeatDevice),
  };
}
