import type { Database } from '../../db/database.ts';
import type { AlertKind, CommandKind, CommandState } from './domain.ts';

export interface AlertRow {
  id: string;
  kioskId: string;
  kind: AlertKind;
  device: string;
  openedAt: string;
  closedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

export interface CommandRow {
  id: string;
  kioskId: string;
  kind: CommandKind;
  args: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  pickedAt: string | null;
  doneAt: string | null;
  result: unknown;
  state: CommandState;
}

const toAlert = (r: Record<string, unknown>): AlertRow => ({
  id: String(r.id),
  kioskId: String(r.kiosk_id),
  kind: r.kind as AlertKind,
  device: String(r.device),
  openedAt: String(r.opened_at),
  closedAt: (r.closed_at as string | null) ?? null,
  acknowledgedAt: (r.acknowledged_at as string | null) ?? null,
  acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
  note: (r.note as string | null) ?? null,
});

const toCommand = (r: Record<string, unknown>): CommandRow => ({
  id: String(r.id),
  kioskId: String(r.kiosk_id),
  kind: r.kind as CommandKind,
  args: JSON.parse(String(r.args)),
  createdBy: String(r.created_by),
  createdAt: String(r.created_at),
  expiresAt: String(r.expires_at),
  pickedAt: (r.picked_at as string | null) ?? null,
  doneAt: (r.done_at as string | null) ?? null,
  result: r.result == null ? null : JSON.parse(String(r.result)),
  state: r.state as CommandState,
});

/** All SQL for alerts, commands, screenshots and configuration sets; plain objects out. */
export class FleetOpsStore {
  constructor(private readonly db: Database) {}

  async openAlertsOf(kioskId: string): Promise<AlertRow[]> {
    const rows = await this.db.all(
      'SELECT * FROM alerts WHERE kiosk_id = ? AND closed_at IS NULL ORDER BY opened_at',
      [kioskId],
    );
    return rows.map(toAlert);
  }

  /** Opens alerts; one already open for the same kiosk, kind and device is left as it is. */
  async openAlerts(alerts: { id: string; kioskId: string; kind: AlertKind; device: string; at: string }[]) {
    if (alerts.length === 0) return;
    await this.db.run(
      `INSERT INTO alerts (id, kiosk_id, kind, device, opened_at) VALUES ${alerts.map(() => '(?, ?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
      alerts.flatMap((a) => [a.id, a.kioskId, a.kind, a.device, a.at]),
    );
  }

  async getAlert(id: string): Promise<AlertRow | undefined> {
    const r = await this.db.get('SELECT * FROM alerts WHERE id = ?', [id]);
    return r && toAlert(r);
  }

  /** Alerts oldest first; open ones only unless `includeClosed`. */
  async listAlerts(opts: { includeClosed: boolean; kind?: string; limit: number }): Promise<AlertRow[]> {
    const where = [opts.includeClosed ? '1 = 1' : 'closed_at IS NULL'];
    const params: unknown[] = [];
    if (opts.kind) {
      where.push('kind = ?');
      params.push(opts.kind);
    }
    const rows = await this.db.all(
      `SELECT * FROM alerts WHERE ${where.join(' AND ')} ORDER BY opened_at LIMIT ?`,
      [...params, opts.limit],
    );
    return rows.map(toAlert);
  }

  async acknowledge(id: string, personId: string, note: string, at: string): Promise<void> {
    await this.db.run('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, note = ? WHERE id = ?', [
      at,
      personId,
      note,
      id,
    ]);
  }

  async insertCommand(c: Omit<CommandRow, 'pickedAt' | 'doneAt' | 'result' | 'state'>): Promise<void> {
    await this.db.run(
      'INSERT INTO commands (id, kiosk_id, kind, args, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [c.id, c.kioskId, c.kind, JSON.stringify(c.args), c.createdBy, c.createdAt, c.expiresAt],
    );
  }

  async expireCommands(at: string): Promise<number> {
    const { changes } = await this.db.run(
      "UPDATE commands SET state = 'expired' WHERE state = 'queued' AND expires_at <= ?",
      [at],
    );
    return changes;
  }

  async queuedCommands(kioskId: string): Promise<CommandRow[]> {
    const rows = await this.db.all(
      "SELECT * FROM commands WHERE kiosk_id = ? AND state = 'queued' ORDER BY created_at, id",
      [kioskId],
    );
    return rows.map(toCommand);
  }

  async markPicked(id: string, at: string): Promise<void> {
    await this.db.run(
      "UPDATE commands SET state = 'picked', picked_at = ? WHERE id = ? AND state = 'queued'",
      [at, id],
    );
  }

  async getCommand(id: string): Promise<CommandRow | undefined> {
    const r = await this.db.get('SELECT * FROM commands WHERE id = ?', [id]);
    return r && toCommand(r);
  }

  async finishCommand(id: string, state: 'done' | 'failed', result: unknown, at: string): Promise<void> {
    await this.db.run('UPDATE commands SET state = ?, result = ?, done_at = ? WHERE id = ?', [
      state,
      JSON.stringify(result),
      at,
      id,
    ]);
  }

  async recentCommands(kioskId: string, limit: number): Promise<CommandRow[]> {
    const rows = await this.db.all(
      'SELECT * FROM commands WHERE kiosk_id = ? ORDER BY created_at DESC LIMIT ?',
      [kioskId, limit],
    );
    return rows.map(toCommand);
  }

  async insertScreenshot(s: {
    id: string;
    kioskId: string;
    commandId: string | null;
    takenAt: string;
    png: Buffer;
    width: number;
    height: number;
  }): Promise<void> {
    await this.db.run(
      'INSERT INTO screenshots (id, kiosk_id, command_id, taken_at, png, width, height) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [s.id, s.kioskId, s.commandId, s.takenAt, s.png, s.width, s.height],
    );
  }

  async getScreenshot(id: string): Promise<{ kioskId: string; png: Buffer } | undefined> {
    const r = await this.db.get<{ kiosk_id: string; png: Buffer }>(
      'SELECT kiosk_id, png FROM screenshots WHERE id = ?',
      [id],
    );
    return r && { kioskId: r.kiosk_id, png: r.png };
  }

  async latestScreenshotMeta(kioskId: string) {
    const r = await this.db.get<Record<string, unknown>>(
      'SELECT id, command_id, taken_at, width, height FROM screenshots WHERE kiosk_id = ? ORDER BY taken_at DESC LIMIT 1',
      [kioskId],
    );
    return r
      ? {
          id: String(r.id),
          commandId: (r.command_id as string | null) ?? null,
          takenAt: String(r.taken_at),
          width: Number(r.width),
          height: Number(r.height),
        }
      : null;
  }

  async latestConfig(scope: 'kiosk' | 'group', scopeId: string) {
    const r = await this.db.get<{ version: number; values: string; created_at: string; created_by: string }>(
      'SELECT version, "values", created_at, created_by FROM config_sets WHERE scope = ? AND scope_id = ? ORDER BY version DESC LIMIT 1',
      [scope, scopeId],
    );
    return r
      ? {
          version: r.version,
          values: JSON.parse(r.values) as Record<string, unknown>,
          createdAt: r.created_at,
          createdBy: r.created_by,
        }
      : null;
  }

  async insertConfig(
    scope: string,
    scopeId: string,
    version: number,
    values: unknown,
    by: string,
    at: string,
  ) {
    await this.db.run(
      'INSERT INTO config_sets (scope, scope_id, version, "values", created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [scope, scopeId, version, JSON.stringify(values), by, at],
    );
  }
}
