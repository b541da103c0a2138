import type { Database } from '../../db/database.ts';
import type { FleetQuery } from './fleet.schemas.ts';

export interface KioskRecord {
  id: string;
  name: string;
  address: string;
  district: string;
  latitude: number | null;
  longitude: number | null;
  createdAt: string;
  groupName?: string | null;
  tags?: string[];
}

export interface KioskRegistryRow extends KioskRecord {
  groupName: string | null;
  tags: string[];
  agentVersion: string | null;
  enrolled: boolean;
  lastSeenAt: string | null;
  demo: boolean;
  maintenance: boolean;
}

export interface FleetListRow extends KioskRegistryRow {
  openAlerts: number;
  alertKinds: string[];
}

const KIOSK_COLUMNS =
  'k.id, k.name, k.address, k.district, k.latitude, k.longitude, k.created_at, k.group_name, k.tags, ' +
  'k.agent_version, k.enrolled, k.last_seen_at, k.demo, k.maintenance';

function toKiosk(r: Record<string, unknown>): KioskRegistryRow {
  return {
    id: String(r.id),
    name: String(r.name),
    address: String(r.address),
    district: String(r.district),
    latitude: r.latitude as number | null,
    longitude: r.longitude as number | null,
    createdAt: String(r.created_at),
    groupName: (r.group_name as string | null) ?? null,
    tags: JSON.parse(String(r.tags ?? '[]')) as string[],
    agentVersion: (r.agent_version as string | null) ?? null,
    enrolled: r.enrolled === 1,
    lastSeenAt: (r.last_seen_at as string | null) ?? null,
    demo: r.demo === 1,
    maintenance: r.maintenance === 1,
  };
}

/** All SQL for the fleet registry and heartbeats; plain objects out. */
export class FleetStore {
  constructor(private readonly db: Database) {}

  async count(): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM kiosks');
    return row?.n ?? 0;
  }

  async insert(k: KioskRecord): Promise<void> {
    await this.db.run(
      'INSERT INTO kiosks (id, name, address, district, latitude, longitude, created_at, group_name, tags) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        k.id,
        k.name,
        k.address,
        k.district,
        k.latitude,
        k.longitude,
        k.createdAt,
        k.groupName ?? null,
        JSON.stringify(k.tags ?? []),
      ],
    );
  }

  async list(): Promise<KioskRegistryRow[]> {
    const rows = await this.db.all(`SELECT ${KIOSK_COLUMNS} FROM kiosks k ORDER BY k.id`);
    return rows.map(toKiosk);
  }

  async get(id: string): Promise<KioskRegistryRow | undefined> {
    const r = await this.db.get(`SELECT ${KIOSK_COLUMNS} FROM kiosks k WHERE k.id = ?`, [id]);
    return r ? toKiosk(r) : undefined;
  }

  async markDemo(ids: string[]): Promise<void> {
    for (const id of ids) await this.db.run('UPDATE kiosks SET demo = 1 WHERE id = ?', [id]);
  }

  async setMaintenance(id: string, on: boolean): Promise<void> {
    await this.db.run('UPDATE kiosks SET maintenance = ? WHERE id = ?', [on ? 1 : 0, id]);
  }

  async agentVersions(): Promise<string[]> {
    const rows = await this.db.all<{ v: string }>(
      'SELECT DISTINCT agent_version AS v FROM kiosks WHERE agent_version IS NOT NULL',
    );
    return rows.map((r) => r.v);
  }

  /** Which of these kiosk ids are in the registry. */
  async existing(ids: string[]): Promise<Set<string>> {
    const rows = await this.db.all<{ id: string }>(
      `SELECT id FROM kiosks WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Records heartbeats with one multi-row INSERT; the migration's trigger
   * updates the registry and the latest row, trims the history, and opens the
   * alerts each heartbeat calls for (`alerts`: JSON array of 'kind|device')
   * while closing the kiosk's other open ones.
   */
  async recordHeartbeats(
    hbs: { kioskId: string; at: string; payload: string; alerts: string }[],
  ): Promise<void> {
    await this.db.runPrepared(
      `INSERT INTO heartbeat_history (kiosk_id, received_at, payload, alerts) VALUES ${hbs.map(() => '(?, ?, ?, ?)').join(', ')}`,
      hbs.flatMap((h) => [h.kioskId, h.at, h.payload, h.alerts]),
    );
  }

  async latestHeartbeat(kioskId: string): Promise<{ receivedAt: string; payload: unknown } | undefined> {
    const r = await this.db.get<{ received_at: string; payload: string }>(
      'SELECT received_at, payload FROM heartbeats_latest WHERE kiosk_id = ?',
      [kioskId],
    );
    return r && { receivedAt: r.received_at, payload: JSON.parse(r.payload) };
  }

  async historyTimes(kioskId: string, since: string): Promise<string[]> {
    const rows = await this.db.all<{ at: string }>(
      'SELECT received_at AS at FROM heartbeat_history WHERE kiosk_id = ? AND received_at >= ? ORDER BY id',
      [kioskId, since],
    );
    return rows.map((r) => r.at);
  }

  async historyCount(kioskId: string): Promise<number> {
    const r = await this.db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM heartbeat_history WHERE kiosk_id = ?',
      [kioskId],
    );
    return r?.n ?? 0;
  }

  /** Kiosks seen before `cutoff` with no open offline alert. */
  async silentSince(cutoff: string): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(
      "SELECT k.id FROM kiosks k WHERE k.last_seen_at IS NOT NULL AND k.last_seen_at < ? AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.kiosk_id = k.id AND a.kind = 'offline' AND a.device = '' AND a.closed_at IS NULL)",
      [cutoff],
    );
    return rows.map((r) => r.id);
  }

  /** The console's fleet list: one query, filters in SQL, the total beside each page. */
  async page(f: FleetQuery, cutoff: string): Promise<{ total: number; rows: FleetListRow[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.district) {
      where.push('k.district = ?');
      params.push(f.district);
    }
    if (f.state === 'never') where.push('k.last_seen_at IS NULL');
    if (f.state === 'online') {
      where.push('k.last_seen_at >= ?');
      params.push(cutoff);
    }
    if (f.state === 'offline') {
      where.push('k.last_seen_at < ?');
      params.push(cutoff);
    }
    if (f.alert === 'any')
      where.push('EXISTS (SELECT 1 FROM alerts a WHERE a.kiosk_id = k.id AND a.closed_at IS NULL)');
    else if (f.alert) {
      where.push(
        'EXISTS (SELECT 1 FROM alerts a WHERE a.kiosk_id = k.id AND a.kind = ? AND a.closed_at IS NULL)',
      );
      params.push(f.alert);
    }
    if (f.q) {
      where.push("(k.id LIKE ? ESCAPE '\\' OR k.name LIKE ? ESCAPE '\\' OR k.address LIKE ? ESCAPE '\\')");
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(like, like, like);
    }
    const sql =
      `SELECT ${KIOSK_COLUMNS}, COUNT(*) OVER () AS total, ` +
      '(SELECT COUNT(*) FROM alerts a WHERE a.kiosk_id = k.id AND a.closed_at IS NULL) AS open_alerts, ' +
      '(SELECT group_concat(a.kind) FROM alerts a WHERE a.kiosk_id = k.id AND a.closed_at IS NULL) AS alert_kinds ' +
      `FROM kiosks k ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY k.id LIMIT ? OFFSET ?`;
    const rows = await this.db.all(sql, [...params, f.limit, f.offset]);
    return {
      total: Number(rows[0]?.total ?? 0),
      rows: rows.map((r) => ({
        ...toKiosk(r),
        openAlerts: Number(r.open_alerts),
        alertKinds: r.alert_kinds ? [...new Set(String(r.alert_kinds).split(','))] : [],
      })),
    };
  }

  async summary(cutoff: string): Promise<{ total: number; online: number; offline: number; never: number }> {
    const r = await this.db.get<Record<string, number>>(
      'SELECT COUNT(*) AS total, COALESCE(SUM(last_seen_at >= ?), 0) AS online, ' +
        'COALESCE(SUM(last_seen_at < ?), 0) AS offline, COALESCE(SUM(last_seen_at IS NULL), 0) AS never FROM kiosks',
      [cutoff, cutoff],
    );
    return { total: r?.total ?? 0, online: r?.online ?? 0, offline: r?.offline ?? 0, never: r?.never ?? 0 };
  }
}
