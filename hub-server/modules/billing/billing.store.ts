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

/** How many lookups and quotes each this process keeps in memory. */
const KEPT = 10_000;

/**
 * A bounded map, oldest entry out first. Lookups and quotes are never changed once written, so a
 * kept copy stays true whichever hub process wrote the row. A purge of old rows (not built) would
 * not make it lie: an expired lookup is refused from memory too, and a paid quote's row stays (the
 * payment's foreign key).
 */
class Kept<V> {
  private readonly map = new Map<string, V>();
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= KEPT) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }
}

/** All SQL for lookups and quotes; rows this process wrote or read are answered from memory. */
export class BillingStore {
  private readonly lookups = new Kept<LookupRecord>();
  private readonly quotes = new Kept<QuoteRecord>();

  constructor(private readonly db: Database) {}

  async insertLookup(l: LookupRecord): Promise<void> {
    await this.db.writeAlone((db) =>
      db.runPrepared(
        `INSERT INTO billing_lookups (token, kiosk_id, biller_id, account, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [l.token, l.kioskId, l.billerId, l.account, l.createdAt, l.expiresAt],
      ),
    );
    this.lookups.set(l.token, l);
  }

  /** The kiosk's own lookup with this token, if it has not expired at `at`. */
  async findLookup(kioskId: string, token: string, at: string): Promise<LookupRecord | undefined> {
    const kept = this.lookups.get(token);
    if (kept) return kept.kioskId === kioskId && kept.expiresAt > at ? kept : undefined;
    const r = await this.db.getPrepared<Record<string, string>>(
      'SELECT * FROM billing_lookups WHERE token = ?',
      [token],
    );
    if (!r) return undefined;
    const l: LookupRecord = {
      token: r.token!,
      kioskId: r.kiosk_id!,
      billerId: r.biller_id!,
      account: r.account!,
      createdAt: r.created_at!,
      expiresAt: r.expires_at!,
    };
    this.lookups.set(token, l);
    return l.kioskId === kioskId && l.expiresAt > at ? l : undefined;
  }

  async insertQuote(q: QuoteRecord): Promise<void> {
    await this.db.writeAlone((db) =>
      db.runPrepared(
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
    this.quotes.set(q.id, q);
  }

  async findQuote(id: string): Promise<QuoteRecord | undefined> {
    const kept = this.quotes.get(id);
    if (kept) return kept;
    const r = await this.db.getPrepared<QuoteRow>('SELECT * FROM billing_quotes WHERE id = ?', [id]);
    const q = r && toQuote(r);
    if (q) this.quotes.set(id, q);
    return q;
  }
}
