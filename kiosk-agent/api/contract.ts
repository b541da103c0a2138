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

/** Out of service for maintenance: the kiosk screen shows only that, its id and the hotline. */
export interface MaintenanceState {
  on: boolean;
  /** ISO time of the last switch. */
  since: string;
}

/** Whether this kiosk holds a working hub credential (the enrollment), for maintainers. */
export interface HubLinkState {
  enrollment: 'enrolled' | 'not-enrolled' | 'revoked';
  /** Why it is not enrolled, in words for a maintainer. */
  reason?: string;
  /** ISO time of the last heartbeat the hub accepted. */
  lastHeartbeatAt: string | null;
}

/** `GET /agent/status` */
export interface AgentStatus {
  kioskId: string;
  kiosk: KioskIdentity;
  hub: HubConnectivity;
  link: HubLinkState;
  maintenance: MaintenanceState;
  devices: DeviceStatus[];
  version: string;
  uptimeSeconds: number;
}

/** Every message on `WS /agent/events` is one of these, JSON-encoded. */
export type AgentEvent =
  /** First message after connecting: the whole picture. */
  | { type: 'agent.hello'; status: AgentStatus }
  | { type: 'device.status'; status: DeviceStatus }
  | { type: 'hub.status'; hub: HubConnectivity }
  | { type: 'maintenance'; maintenance: MaintenanceState };

/** Messages the kiosk screen sends to its agent on the same socket. */
export type ScreenMessage =
  /** The screen now showing (`home`, `out-of-service`, …), for the heartbeat. */
  { type: 'ui.screen'; screen: string };
