import type { Database } from '../../db/database.ts';
import type { OutboxBatch } from './outbox.schemas.ts';

/** All SQL of the kiosk outbox. */
export class KioskOutboxStore {
  constructor(private readonly db: Database) {}

  /** Stores each item once; a duplicate id is ignored. Returns how many were new. */
  async store(kioskId: string, items: OutboxBatch['items'], receivedAt: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      let fresh = 0;
      for (const i of items) {
        const { changes } = await tx.runPrepared(
          `INSERT INTO kiosk_outbox_items (kiosk_id, id, kind, at, body, received_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kiosk_id, id) DO NOTHING`,
          [kioskId, i.id, i.kind, i.at, JSON.stringify(i.body ?? null), receivedAt],
        );
        fresh += changes;
      }
      return fresh;
    });
  }
}
