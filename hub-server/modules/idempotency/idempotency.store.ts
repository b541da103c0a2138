import type { Database } from '../../db/database.ts';

/** One kiosk request's idempotency record. */
export interface IdempotencyRecord {
  kioskId: string;
  key: string;
  method: string;
  path: string;
  bodyHash: string;
  state: 'in-progress' | 'done';
  status: number | null;
  contentType: string | null;
  response: string | null;
  createdAt: string;
  completedAt: string | null;
}

interface Row {
  kiosk_id: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  state: 'in-progress' | 'done';
  status: number | null;
  content_type: string | null;
  response: string | null;
  created_at: string;
  completed_at: string | null;
}

const toRecord = (r: Row): IdempotencyRecord => ({
  kioskId: r.kiosk_id,
  key: r.key,
  method: r.method,
  path: r.path,
  bodyHash: r.body_hash,
  state: r.state,
  status: r.status,
  contentType: r.content_type,
  response: r.response,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

/** All SQL of the idempotency layer. */
export class IdempotencyStore {
  constructor(private readonly db: Database) {}

  /** Claims (kiosk, key) for a request; false when the key is already known. */
  async claim(
    r: Pick<IdempotencyRecord, 'kioskId' | 'key' | 'method' | 'path' | 'bodyHash' | 'createdAt'>,
  ): Promise<boolean> {
    const { changes } = await this.db.writeAlone((db) =>
      db.run(
        `INSERT INTO kiosk_idempotency (kiosk_id, key, method, path, body_hash, state, created_at)
         VALUES (?, ?, ?, ?, ?, 'in-progress', ?) ON CONFLICT (kiosk_id, key) DO NOTHING`,
        [r.kioskId, r.key, r.method, r.path, r.bodyHash, r.createdAt],
      ),
    );
    return changes === 1;
  }

  async find(kioskId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.db.get<Row>('SELECT * FROM kiosk_idempotency WHERE kiosk_id = ? AND key = ?', [
      kioskId,
      key,
    ]);
    return row && toRecord(row);
  }

  /** Stores the response that answered the claimed request. */
  async complete(
    kioskId: string,
    key: string,
    res: { status: number; contentType: string | null; response: string; completedAt: string },
  ): Promise<void> {
    await this.db.writeAlone((db) =>
      db.run(
        `UPDATE kiosk_idempotency SET state = 'done', status = ?, content_type = ?, response = ?, completed_at = ?
         WHERE kiosk_id = ? AND key = ? AND state = 'in-progress'`,
        [res.status, res.contentType, res.response, res.completedAt, kioskId, key],
      ),
    );
  }

  /** Forgets a claim still in progress since before `claimedBefore`: the hub that ran it died. */
  async releaseAbandoned(kioskId: string, key: string, claimedBefore: string): Promise<void> {
    await this.db.writeAlone((db) =>
      db.run(
        "DELETE FROM kiosk_idempotency WHERE kiosk_id = ? AND key = ? AND state = 'in-progress' AND created_at < ?",
        [kioskId, key, claimedBefore],
      ),
    );
  }

  /** Forgets a claim whose request failed on the hub's side (5xx): nothing was done, a retry may run. */
  async release(kioskId: string, key: string): Promise<void> {
    await this.db.writeAlone((db) =>
      db.run("DELETE FROM kiosk_idempotency WHERE kiosk_id = ? AND key = ? AND state = 'in-progress'", [
        kioskId,
        key,
      ]),
    );
  }
}
