import type { Database } from '../../db/database.ts';

export type ActorKind = 'person' | 'kiosk' | 'system';

export interface AuditInput {
  actor: { kind: ActorKind; id: string | null };
  action: string;
  target?: { kind: string; id: string | null };
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: { kind: ActorKind; id: string | null };
  action: string;
  target: { kind: string; id: string | null } | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditQuery {
  limit?: number;
  /** Entries with an id below this one (the paging cursor: `nextBefore` of the previous page). */
  before?: number;
  actorId?: string;
  action?: string;
}

export interface Audit {
  record(entry: AuditInput): Promise<void>;
  list(query?: AuditQuery): Promise<{ entries: AuditEntry[]; nextBefore: number | null }>;
}

/** Keys whose values never reach the audit log, whatever a caller passes. */
const SECRET_KEY = /pass(word)?|secret|credential|token|hash|^code$/i;

/** Copies a value with every secret-looking field replaced, so a careless caller cannot leak one. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(redact(value));
}

function fromJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : null;
}

/** The append-only record of who did what, when, with the state before and after. */
export function createAudit(db: Database, now: () => Date): Audit {
  return {
    async record(e) {
      await db.run(
        `INSERT INTO audit_log (at, actor_kind, actor_id, action, target_kind, target_id, before_json, after_json, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          now().toISOString(),
          e.actor.kind,
          e.actor.id,
          e.action,
          e.target?.kind ?? null,
          e.target?.id ?? null,
          toJson(e.before),
          toJson(e.after),
          e.requestId ?? null,
        ],
      );
    },

    async list(q = {}) {
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.before !== undefined) where.push('id < ?') && params.push(q.before);
      if (q.actorId !== undefined) where.push('actor_id = ?') && params.push(q.actorId);
      if (q.action !== undefined) where.push('action = ?') && params.push(q.action);
      const rows = await db.all<Record<string, unknown>>(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
        [...params, limit + 1],
      );
      const page = rows.slice(0, limit).map(
        (r): AuditEntry => ({
          id: Number(r.id),
          at: String(r.at),
          actor: { kind: r.actor_kind as ActorKind, id: (r.actor_id as string | null) ?? null },
          action: String(r.action),
          target: r.target_kind
            ? { kind: String(r.target_kind), id: (r.target_id as string | null) ?? null }
            : null,
          before: fromJson(r.before_json),
          after: fromJson(r.after_json),
          requestId: (r.request_id as string | null) ?? null,
        }),
      );
      const last = page.at(-1);
      return { entries: page, nextBefore: rows.length > limit && last ? last.id : null };
    },
  };
}
