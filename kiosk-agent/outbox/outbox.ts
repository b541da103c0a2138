import { randomUUID } from 'node:crypto';
import type { AgentDb } from '../store/agent-db.ts';

/** What the outbox carries: telemetry may be dropped when full, journal entries never. */
export type OutboxKind = 'telemetry' | 'journal';

/** One queued item, as it is sent to `POST /api/v1/kiosk/outbox`. */
export interface OutboxItem {
  id: string;
  kind: OutboxKind;
  at: string;
  body: unknown;
}

export interface OutboxLimits {
  /** Rows kept at most (journal rows are kept even past it). */
  maxRows: number;
  /** Bytes of bodies kept at most (same rule). */
  maxBytes: number;
}

/** Larger items would not fit in a batch under the hub's 256 kB body limit. */
const MAX_ITEM_BYTES = 64 * 1024;

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { maxRows: 50_000, maxBytes: 50 * 1024 * 1024 };

/**
 * The sqlite-backed queue of what must reach the hub. It survives restarts and days offline;
 * bounded, it makes room by dropping the oldest telemetry, never a journal entry.
 */
export class Outbox {
  private dropped = 0;

  constructor(
    private readonly db: AgentDb,
    private readonly limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Queues a telemetry item in its own transaction; one over 64 kB is refused (it could never be delivered). */
  async telemetry(body: unknown): Promise<string> {
    const bytes = Buffer.byteLength(JSON.stringify(body));
    if (bytes > MAX_ITEM_BYTES)
      throw new RangeError(`a telemetry item of ${bytes} bytes is over ${MAX_ITEM_BYTES}`);
    return this.db.transaction((tx) => this.enqueueIn(tx, 'telemetry', body));
  }

  /**
   * Queues an item inside the caller's transaction (the journal's, so a journal row and its
   * outbox copy commit together), then trims telemetry past the bounds.
   */
  async enqueueIn(tx: AgentDb, kind: OutboxKind, body: unknown): Promise<string> {
    const id = randomUUID();
    const text = JSON.stringify(body);
    await tx.run('INSERT INTO outbox (id, kind, at, body, bytes) VALUES (?, ?, ?, ?, ?)', [
      id,
      kind,
      this.now().toISOString(),
      text,
      Buffer.byteLength(text),
    ]);
    await this.trim(tx);
    return id;
  }

  /** Oldest first, at most `max` items and about `maxBytes` of bodies (always at least one). */
  async peek(max: number, maxBytes: number): Promise<OutboxItem[]> {
    const rows = await this.db.all<{ id: string; kind: OutboxKind; at: string; body: string; bytes: number }>(
      'SELECT id, kind, at, body, bytes FROM outbox ORDER BY seq LIMIT ?',
      [max],
    );
    const out: OutboxItem[] = [];
    let bytes = 0;
    for (const r of rows) {
      if (out.length > 0 && bytes + r.bytes > maxBytes) break;
      bytes += r.bytes;
      out.push({ id: r.id, kind: r.kind, at: r.at, body: JSON.parse(r.body) });
    }
    return out;
  }

  /** Forgets the items the hub acknowledged. */
  async acknowledge(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        await tx.run(`DELETE FROM outbox WHERE id IN (${part.map(() => '?').join(',')})`, part);
      }
    });
  }

  /** How many items wait, by kind (for /agent/metrics and /agent/status). */
  async depth(): Promise<{ telemetry: number; journal: number; bytes: number; dropped: number }> {
    const rows = await this.db.all<{ kind: OutboxKind; n: number; bytes: number }>(
      'SELECT kind, COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS bytes FROM outbox GROUP BY kind',
    );
    const n = (k: OutboxKind) => rows.find((r) => r.kind === k)?.n ?? 0;
    const bytes = rows.reduce((s, r) => s + r.bytes, 0);
    return { telemetry: n('telemetry'), journal: n('journal'), bytes, dropped: this.dropped };
  }

  /** Drops the oldest telemetry while over a bound; journal rows are never candidates. */
  private async trim(tx: AgentDb): Promise<void> {
    const t = await tx.get<{ n: number; bytes: number }>(
      'SELECT COUNT(*) AS n, COALESCE(SUM(bytes), 0) AS bytes FROM outbox',
    );
    let rows = t?.n ?? 0;
    let bytes = t?.bytes ?? 0;
    while (rows > this.limits.maxRows || bytes > this.limits.maxBytes) {
      const excessRows = Math.max(rows - this.limits.maxRows, 1);
      const victims = await tx.all<{ seq: number; bytes: number }>(
        "SELECT seq, bytes FROM outbox WHERE kind = 'telemetry' ORDER BY seq LIMIT ?",
        [bytes > this.limits.maxBytes ? Math.max(excessRows, 100) : excessRows],
      );
      if (victims.length === 0) return;
      let freedRows = 0;
      for (const v of victims) {
        if (rows - freedRows <= this.limits.maxRows && bytes <= this.limits.maxBytes) break;
        bytes -= v.bytes;
        freedRows++;
      }
      const last = victims[freedRows - 1]?.seq ?? victims[0]!.seq;
      const gone = await tx.run("DELETE FROM outbox WHERE kind = 'telemetry' AND seq <= ?", [last]);
      rows -= gone.changes;
      this.dropped += gone.changes;
    }
  }
}
