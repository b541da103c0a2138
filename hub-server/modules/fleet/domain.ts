/** Pure fleet rules: connectivity, which alerts a heartbeat calls for, command expiry. */

export type Connectivity = 'online' | 'offline' | 'never';
export const ALERT_KINDS = [
  'offline',
  'paper-low',
  'paper-out',
  'device-fault',
  'disk-low',
  'version-behind',
  /** Not from a heartbeat: the agent printed a payment's receipt after a restart (its telemetry; migration 008). */
  'receipt-recovered',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const COMMAND_KINDS = [
  'reload-ui',
  'restart-browser',
  'set-maintenance',
  'take-screenshot',
  'set-config',
  'reprint-last-receipt',
  'send-logs',
] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];
export type CommandState = 'queued' | 'picked' | 'done' | 'failed' | 'expired';

/** A kiosk is offline after this many heartbeat intervals of silence. */
export const MISSED_INTERVALS = 3;
export const DISK_LOW_BYTES = 1024 ** 3;
export const HISTORY_PER_KIOSK = 288;

/** Online when the last heartbeat is within 3 intervals; a kiosk never heard from is 'never' (no alarm). */
export function connectivity(lastSeenAt: Date | null, intervalMs: number, now: Date): Connectivity {
  if (!lastSeenAt) return 'never';
  return now.getTime() - lastSeenAt.getTime() <= MISSED_INTERVALS * intervalMs ? 'online' : 'offline';
}

/** The last-seen instant before which a kiosk counts as offline. */
export function offlineCutoff(intervalMs: number, now: Date): Date {
  return new Date(now.getTime() - MISSED_INTERVALS * intervalMs);
}

/** Compares dotted versions numerically (1.10.0 > 1.9.3); a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = a.replace(/^v/, '').split('-', 2);
  const [coreB = '', preB] = b.replace(/^v/, '').split('-', 2);
  const pa = coreA.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = coreB.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return preA < preB ? -1 : 1;
}

export interface DeviceStatus {
  name: string;
  kind: string;
  state: string;
  detail?: Record<string, unknown>;
}

export interface HeartbeatFacts {
  agentVersion: string;
  freeDiskBytes: number;
  devices: DeviceStatus[];
}

export interface AlertKey {
  kind: AlertKind;
  device: string;
}

/** The alerts that should be open for a kiosk that just sent this heartbeat. */
export function alertsCalledFor(hb: HeartbeatFacts, newestFleetVersion: string | null): AlertKey[] {
  const out: AlertKey[] = [];
  for (const d of hb.devices) {
    if (d.kind === 'printer') {
      const paper = d.detail?.paper;
      if (paper === 'out') out.push({ kind: 'paper-out', device: d.name });
      else if (paper === 'low') out.push({ kind: 'paper-low', device: d.name });
    }
    if (d.state === 'fault') out.push({ kind: 'device-fault', device: d.name });
  }
  if (hb.freeDiskBytes < DISK_LOW_BYTES) out.push({ kind: 'disk-low', device: '' });
  if (newestFleetVersion && compareVersions(hb.agentVersion, newestFleetVersion) < 0) {
    out.push({ kind: 'version-behind', device: '' });
  }
  return out;
}

/** A queued command whose deadline passed is expired; nothing else changes by time alone. */
export function commandStateAt(state: CommandState, expiresAt: Date, now: Date): CommandState {
  return state === 'queued' && expiresAt.getTime() <= now.getTime() ? 'expired' : state;
}

/** Counts of heartbeats per 15-minute bucket over the 24 h up to and including `now` (96 buckets, oldest first). */
export function sparkline(
  receivedAt: Date[],
  now: Date,
  bucketMs = 15 * 60_000,
  spanMs = 24 * 3_600_000,
): number[] {
  const n = Math.round(spanMs / bucketMs);
  const buckets = new Array<number>(n).fill(0);
  for (const at of receivedAt) {
    const i = n - 1 - Math.floor((now.getTime() - at.getTime()) / bucketMs);
    if (i >= 0 && i < n) buckets[i] = (buckets[i] ?? 0) + 1;
  }
  return buckets;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024;

/** Width and height from a PNG's IHDR, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
