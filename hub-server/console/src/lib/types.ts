/** The shapes the console reads from /api/v1/console (see hub-server/modules/{auth,fleet,audit}). */

export type Connectivity = 'online' | 'offline' | 'never';

export interface Person {
  id: string;
  username: string;
  displayName: string;
  role: 'admin' | 'maintainer' | 'operator' | 'case-desk';
  mustChangePassword: boolean;
}

export interface SessionReply {
  person: Person;
  csrfToken: string;
}

export interface Kiosk {
  id: string;
  name: string;
  address: string;
  district: string;
  latitude: number | null;
  longitude: number | null;
  createdAt: string;
  groupName: string | null;
  tags: string[];
  agentVersion: string | null;
  enrolled: boolean;
  lastSeenAt: string | null;
  demo: boolean;
  maintenance: boolean;
  state: Connectivity;
}

export interface FleetRow extends Kiosk {
  openAlerts: number;
  alertKinds: string[];
}

export interface FleetPage {
  total: number;
  kiosks: FleetRow[];
}

export interface FleetSummary {
  total: number;
  online: number;
  offline: number;
  never: number;
}

export const ALERT_KINDS = [
  'offline',
  'paper-low',
  'paper-out',
  'device-fault',
  'disk-low',
  'version-behind',
  'receipt-recovered',
] as const;

export interface Alert {
  id: string;
  kioskId: string;
  kind: string;
  device: string;
  openedAt: string;
  closedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
  ageSeconds?: number;
}

export type CommandState = 'queued' | 'picked' | 'done' | 'failed' | 'expired';

export interface Command {
  id: string;
  kioskId: string;
  kind: string;
  args: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  pickedAt: string | null;
  doneAt: string | null;
  result: { ok?: boolean; message?: string; data?: Record<string, unknown> } | null;
  state: CommandState;
}

export interface DeviceReport {
  name: string;
  kind: string;
  state: 'ok' | 'warning' | 'fault' | 'absent';
  version?: string;
  /** Since when the device has been in this state, as the agent saw it. */
  since?: string;
  detail?: Record<string, unknown>;
}

export interface HeartbeatPayload {
  agentVersion: string;
  uptimeSec: number;
  screen: string;
  lastTransactionAt: string | null;
  freeDiskBytes: number;
  devices: DeviceReport[];
}

export interface KioskDetail {
  kiosk: Kiosk;
  latestHeartbeat: { receivedAt: string; payload: HeartbeatPayload } | null;
  openAlerts: Alert[];
  recentCommands: Command[];
  latestScreenshot: {
    id: string;
    commandId: string | null;
    takenAt: string;
    width: number;
    height: number;
  } | null;
  sparkline: { bucketMinutes: number; counts: number[] };
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: { kind: string; id: string | null };
  action: string;
  target: { kind: string; id: string | null } | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface EnrollmentCode {
  code: string;
  expiresAt: string;
}
