import type { Database } from '../../db/database.ts';
import type { PayMethod, PaymentState } from './billing.contract.ts';
import type { PaymentStage } from './domain.ts';

/** A payment row as plain data. */
export interface PaymentRecord {
  id: string;
  kioskId: string;
  quoteId: string;
  method: PayMethod;
  state: PaymentState;
  stage: PaymentStage | null;
  reason: string | null;
  totalFen: number;
  qrContent: string | null;
  qrExpiresAt: string | null;
  gatewayRef: string | null;
  postingRef: string | null;
  refundRef: string | null;
  postAttempts: number;
  receiptToken: string;
  createdAt: string;
  updatedAt: string;
}

/** The columns a state change may also set. */
export type PaymentPatch = Partial<
  Pick<
    PaymentRecord,
    | 'stage'
    | 'reason'
    | 'qrContent'
    | 'qrExpiresAt'
    | 'gatewayRef'
    | 'postingRef'
    | 'refundRef'
    | 'postAttempts'
  >
>;

const COLUMN: Record<keyof PaymentPatch, string> = {
  stage: 'stage',
  reason: 'reason',
  qrContent: 'qr_content',
  qrExpiresAt: 'qr_expires_at',
  gatewayRef: 'gateway_ref',
  postingRef: 'posting_ref',
  refundRef: 'refund_ref',
  postAttempts: 'post_attempts',
};

const SELECT = `SELECT id, kiosk_id AS kioskId, quote_id AS quoteId, method, state, stage, reason,
  total_fen AS totalFen, qr_content AS qrContent, qr_expires_at AS qrExpiresAt, gateway_ref AS gatewayRef,
  posting_ref AS postingRef, refund_ref AS refundRef, post_attempts AS postAttempts,
  receipt_token AS receiptToken, created_at AS createdAt, updated_at AS updatedAt FROM payments`;

/** All SQL for payments, their charge claims and their events. */
export class PaymentStore {
  constructor(private readonly db: Database) {}

  /** Inserts a new payment; false when its quote already has one (the UNIQUE quote_id). */
  async insert(p: PaymentRecord): Promise<boolean> {
    const { changes } = await this.db.writeAlone((db) =>
      db.run(
        `INSERT INTO payments (id, kiosk_id, quote_id, method, state, total_fen, receipt_token, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (quote_id) DO NOTHING`,
        [p.id, p.kioskId, p.quoteId, p.method, p.state, p.totalFen, p.receiptToken, p.createdAt, p.updatedAt],
      ),
    );
    return changes === 1;
  }

  find(id: string): Promise<PaymentRecord | undefined> {
    return this.db.get<PaymentRecord>(`${SELECT} WHERE id = ?`, [id]);
  }

  findByQuote(quoteId: string): Promise<PaymentRecord | undefined> {
    return this.db.get<PaymentRecord>(`${SELECT} WHERE quote_id = ?`, [quoteId]);
  }

  findByReceiptToken(token: string): Promise<PaymentRecord | undefined> {
    return this.db.get<PaymentRecord>(`${SELECT} WHERE receipt_token = ?`, [token]);
  }

  /**
   * Moves a payment from `from` to `to` if it is still in `from` (compare and set: of two
   * workers, one wins). The triggers append the event in the same statement. False when lost.
   */
  async move(
    id: string,
    from: PaymentState,
    to: PaymentState,
    patch: PaymentPatch,
    at: string,
  ): Promise<boolean> {
    const keys = Object.keys(patch) as (keyof PaymentPatch)[];
    const sets = ['state = ?', 'updated_at = ?', ...keys.map((k) => `${COLUMN[k]} = ?`)];
    const { changes } = await this.db.writeAlone((db) =>
      db.run(`UPDATE payments SET ${sets.join(', ')} WHERE id = ? AND state = ?`, [
        to,
        at,
        ...keys.map((k) => patch[k] ?? null),
        id,
        from,
      ]),
    );
    return changes === 1;
  }

  /**
   * Claims the payment's one gateway charge, moving it `from` → `to` in the same transaction.
   * False when it is no longer in `from` or its charge was claimed before: then nobody may charge.
   */
  async claimCharge(p: PaymentRecord, from: PaymentState, to: PaymentState, at: string): Promise<boolean> {
    return this.db
      .transaction(async (tx) => {
        const claimed = await tx.run(
          `INSERT INTO payment_charges (payment_id, method, amount_fen, requested_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (payment_id) DO NOTHING`,
          [p.id, p.method, p.totalFen, at],
        );
        if (claimed.changes !== 1) return false;
        if (from === to) return true;
        const moved = await tx.run(
          'UPDATE payments SET state = ?, updated_at = ? WHERE id = ? AND state = ?',
          [to, at, p.id, from],
        );
        if (moved.changes !== 1) throw new ChargeRaceLost();
        return true;
      })
      .catch((err: unknown) => {
        if (err instanceof ChargeRaceLost) return false;
        throw err;
      });
  }

  /** Counts one posting attempt of a payment that is posting (no state change, so no event). */
  async countPostAttempt(id: string): Promise<void> {
    await this.db.writeAlone((db) =>
      db.run("UPDATE payments SET post_attempts = post_attempts + 1 WHERE id = ? AND state = 'posting'", [
        id,
      ]),
    );
  }

  /** Unknown payments, and others not final whose last change is older than `before`; oldest first. */
  listOpen(before: string, limit = 100): Promise<PaymentRecord[]> {
    return this.db.all<PaymentRecord>(
      `${SELECT} WHERE state NOT IN ('posted', 'failed', 'refunded') AND (state = 'unknown' OR updated_at < ?)
       ORDER BY updated_at LIMIT ?`,
      [before, limit],
    );
  }

  /** Awaiting-payer payments whose QR code expired before `at`. */
  listExpiredQr(at: string, limit = 100): Promise<PaymentRecord[]> {
    return this.db.all<PaymentRecord>(
      `${SELECT} WHERE state = 'awaiting_payer' AND qr_expires_at < ? ORDER BY qr_expires_at LIMIT ?`,
      [at, limit],
    );
  }

  /** A payment's history, oldest first. */
  events(
    id: string,
  ): Promise<{ from: PaymentState | null; to: PaymentState; reason: string | null; at: string }[]> {
    return this.db.all(
      'SELECT from_state AS "from", to_state AS "to", reason, at FROM payment_events WHERE payment_id = ? ORDER BY id',
      [id],
    );
  }
}

class ChargeRaceLost extends Error {}
