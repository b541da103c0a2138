import type { Database } from '../../db/database.ts';
import type { Quote } from './billing.contract.ts';

export interface LookupRecord {
  token: string;
  kioskId: string;
  billerId: string;
  account: string;
  createdAt: string;
  expiresAt: string;
}

/** A quote as stored: the contract's fields plus whose it is and the account in clear. */
export interface QuoteRecord {
  id: string;
  kioskId: string;
  billerId: string;
  account: string;
  accountMasked: string;
  items: Quote['items'];
  amountFen: number;
  feeFen: number;
  totalFen: number;
  createdAt: string;
  expiresAt: string;
}

interface QuoteRow {
  id: string;
  kiosk_id: string;
  biller_id: string;
  account: string;
  account_masked: string;
  items: string;
  amount_fen: number;
  fee_fen: number;
  total_fen: number;
  created_at: string;
  expires_at: string;
}

const toQuote = (r: QuoteRow): QuoteRecord => ({
  id: r.id,
  kioskId: r.kiosk_id,
  billerId: r.biller_id,
  account: r.account,
  accountMasked: r.account_masked,
  items: JSON.parse(r.items) as Quote['items'],
  amountFen: r.amount_fen,
  feeFen: r.fee_fen,
  totalFen: r.total_fen,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

/** All SQL for lookups and quotes. */
export class BillingStore {
  constructor(private readonly db: Database) {}

  async insertLookup(l: LookupRecord): Promise<void> {
    await this.db.writeAlone((db) =>
      db.run(
        `INSERT INTO billing_lookups (token, kiosk_id, biller_id, account, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [l.token, l.kioskId, l.billerId, l.account, l.createdAt, l.expiresAt],
      ),
    );
  }

  /** The kiosk's own lookup with this token, if it has not expired at `at`. */
  async findLookup(kioskId: string, token: string, at: string): Promise<LookupRecord | undefined> {
    const r = await this.db.get<Record<string, string>>(
      'SELECT * FROM billing_lookups WHERE token = ? AND kiosk_id = ? AND expires_at > ?',
      [token, kioskId, at],
    );
    return (
      r && {
        token: r.token!,
        kioskId: r.kiosk_id!,
        billerId: r.biller_id!,
        account: r.account!,
        createdAt: r.created_at!,
        expiresAt: r.expires_at!,
      }
    );
  }

  async insertQuote(q: QuoteRecord): Promise<void> {
    await this.db.writeAlone((db) =>
      db.run(
        `INSERT INTO billing_quotes (id, kiosk_id, biller_id, account, account_masked, items,
           amount_fen, fee_fen, total_fen, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          q.id,
          q.kioskId,
          q.billerId,
          q.account,
          q.accountMasked,
          JSON.stringify(q.items),
          q.amountFen,
          q.feeFen,
          q.totalFen,
          q.createdAt,
          q.expiresAt,
        ],
      ),
    );
  }

  async findQuote(id: string): Promise<QuoteRecord | undefined> {
    const r = await this.db.get<QuoteRow>('SELECT * FROM billing_quotes WHERE id = ?', [id]);
    return r && toQuote(r);
  }
}
