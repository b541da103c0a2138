/**
 * The kiosk agent's local API contract: what `GET /agent/status` answers and
 * what `WS /agent/events` pushes. kiosk-ui imports these types (types only).
 */
import type { DeviceStatus } from '../../hardware/common/device-status.ts';

export type { DeviceStatus };

export interface KioskIdentity {
  id: string;
  name: string;
  address: string;
  /** IANA time zone the kiosk's clock shows, e.g. `Asia/Shanghai`. */
  timeZone: string;
}

export interface HubConnectivity {
  connected: boolean;
  /** ISO time of the last change of `connected`. */
  since: string;
  /** Why the hub is unreachable, in words for a maintainer (absent when connected). */
  reason?: string;
}

/** `GET /agent/status` */
export interface AgentStatus {
  kioskId: string;
  kiosk: KioskIdentity;
  hub: HubConnectivity;
  devices: DeviceStatus[];
  version: string;
  uptimeSeconds: number;
}

/** Every message on `WS /agent/events` is one of these, JSON-encoded. */
export type AgentEvent =
  /** First message after connecting: the whole picture. */
  | { type: 'agent.hello'; status: AgentStatus }
  | { type: 'device.status'; status: DeviceStatus }
  | { type: 'hub.status'; hub: HubConnectivity };
