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

/** A payments row as a PaymentRecord (for SELECT and RETURNING). */
const COLUMNS = `id, kiosk_id AS kioskId, quote_id AS quoteId, method, state, stage, reason,
  total_fen AS totalFen, qr_content AS qrContent, qr_expires_at AS qrExpiresAt, gateway_ref AS gatewayRef,
  posting_ref AS postingRef, refund_ref AS refundRef, post_attempts AS postAttempts,
  receipt_token AS receiptToken, created_at AS createdAt, updated_at AS updatedAt`;
const SELECT = `SELECT ${COLUMNS} FROM payments`;

/** All SQL for payments, their charge claims and their events. */
export class PaymentStore {
  constructor(private readonly db: Database) {}

  /**
   * Inserts a new payment and claims its one gateway charge, moving it `created` → `claim.to`,
   * all in one atomic write (a group commit with other requests' writes). Undefined when its quote
   * already has a payment (the UNIQUE quote_id): then nothing is written and nobody may charge.
   * The triggers append `created` and the claim's move to the events.
   */
  async create(
    p: PaymentRecord,
    claim: { to: PaymentState; at: string },
  ): Promise<PaymentRecord | undefined> {
    return this.db.atomic(async (db) => {
      const { changes } = await db.runPrepared(
        `INSERT INTO payments (id, kiosk_id, quote_id, method, state, total_fen, receipt_token, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (quote_id) DO NOTHING`,
        [p.id, p.kioskId, p.quoteId, p.method, p.state, p.totalFen, p.receiptToken, p.createdAt, p.updatedAt],
      );
      if (changes !== 1) return undefined;
      // Both need only the row above, not each other: issued together, one round trip. Both are
      // awaited before anything throws, so no statement of this work runs after a rollback.
      const [claimed, moved] = await Promise.allSettled([
        db.runPrepared(
          'INSERT INTO payment_charges (payment_id, method, amount_fen, requested_at) VALUES (?, ?, ?, ?)',
          [p.id, p.method, p.totalFen, claim.at],
        ),
        claim.to === p.state
          ? p
          : db
              .allPrepared<PaymentRecord>(
                `UPDATE payments SET state = ?, updated_at = ? WHERE id = ? AND state = ? RETURNING ${COLUMNS}`,
                [claim.to, claim.at, p.id, p.state],
              )
              .then((rows) => rows[0]),
      ]);
      if (claimed.status === 'rejected') throw claimed.reason;
      if (moved.status === 'rejected') throw moved.reason;
      if (claimed.value.changes !== 1) throw new Error(`payment ${p.id}: its charge claim was not written`);
      if (!moved.value)
        throw new Error(`payment ${p.id}: moved by another writer before its charge was claimed`);
      return moved.value;
    });
  }

  find(id: string): Promise<PaymentRecord | undefined> {
    return this.db.getPrepared<PaymentRecord>(`${SELECT} WHERE id = ?`, [id]);
  }

  findByQuote(quoteId: string): Promise<PaymentRecord | undefined> {
    return this.db.getPrepared<PaymentRecord>(`${SELECT} WHERE quote_id = ?`, [quoteId]);
  }

  findByReceiptToken(token: string): Promise<PaymentRecord | undefined> {
    return this.db.getPrepared<PaymentRecord>(`${SELECT} WHERE receipt_token = ?`, [token]);
  }

  /**
   * Moves a payment from `from` to `to` if it is still in `from` (compare and set: of two
   * workers, one wins). The triggers append the event in the same statement. The payment as the
   * move left it, or undefined when lost.
   */
  async move(
    id: string,
    from: PaymentState,
    to: PaymentState,
    patch: PaymentPatch,
    at: string,
  ): Promise<PaymentRecord | undefined> {
    const keys = Object.keys(patch) as (keyof PaymentPatch)[];
    const sets = ['state = ?', 'updated_at = ?', ...keys.map((k) => `${COLUMN[k]} = ?`)];
    const [moved] = await this.db.writeAlone((db) =>
      db.allPrepared<PaymentRecord>(
        `UPDATE payments SET ${sets.join(', ')} WHERE id = ? AND state = ? RETURNING ${COLUMNS}`,
        [to, at, ...keys.map((k) => patch[k] ?? null), id, from],
      ),
    );
    return moved;
  }

  /** Counts one posting attempt of a payment that is posting (no state change, so no event). */
  async countPostAttempt(id: string): Promise<void> {
    await this.db.writeAlone((db) =>
      db.runPrepared(
        "UPDATE payments SET post_attempts = post_attempts + 1 WHERE id = ? AND state = 'posting'",
        [id],
      ),
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
