import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';
import { maskName } from '../../http/mask.ts';
import {
  type BillerAccount,
  type BillerAdapter,
  BillerTimeoutError,
  BillerUnavailableError,
} from './biller-adapter.ts';
import {
  accountMatches,
  BILLERS,
  type Biller,
  billerByCode,
  billerById,
  billerInfo,
  FEE_KINDS,
} from './billers.ts';
import type { BillingCatalog, LookupRequest, LookupResult, Quote, QuoteRequest } from './billing.contract.ts';
import { BillingStore, type QuoteRecord } from './billing.store.ts';
import { withDeadline } from './deadline.ts';
import { convenienceFeeFen, decodeBillBarcode, LOOKUP_TTL_MS, maskAccount, QUOTE_TTL_MS } from './domain.ts';

export interface BillingServiceDeps {
  db: Database;
  now: () => Date;
  /** The adapter that serves a biller (the sandbox serves them all by default). */
  billerFor: (billerId: string) => BillerAdapter;
  logger: Logger;
  /** How long a biller may take to answer a lookup. */
  billerTimeoutMs?: number;
  /** The lookup and quote store, shared with paying so a quote just made is not read back; default: its own. */
  store?: BillingStore;
}

/** Looking up bills and pricing them: the catalog, lookups and quotes. */
export class BillingService {
  private readonly store: BillingStore;
  private readonly timeoutMs: number;

  constructor(private readonly deps: BillingServiceDeps) {
    this.store = deps.store ?? new BillingStore(deps.db);
    this.timeoutMs = deps.billerTimeoutMs ?? 15_000;
  }

  /** Every biller, by kind, in the kiosk's order. */
  catalog(): BillingCatalog {
    return {
      kinds: FEE_KINDS.map((kind) => ({
        kind,
        billers: BILLERS.filter((b) => b.kind === kind).map(billerInfo),
      })),
    };
  }

  /** The unpaid bills of an account typed in or read from a paper bill's barcode. */
  async lookup(kioskId: string, req: LookupRequest): Promise<LookupResult> {
    const { biller, account } = this.resolve(req);
    const found = await this.ask(() =>
      'barcode' in req
        ? this.deps.billerFor(biller.id).findByBarcode(req.barcode)
        : this.deps.billerFor(biller.id).findBills(biller.id, account),
    );
    if (!found)
      throw new HttpError(404, 'account-not-found', `${biller.name} has no account ${maskAccount(account)}.`);
    const now = this.deps.now();
    const token = randomBytes(18).toString('base64url');
    await this.store.insertLookup({
      token,
      kioskId,
      billerId: biller.id,
      account,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + LOOKUP_TTL_MS).toISOString(),
    });
    this.deps.logger.info(
      { kioskId, billerId: biller.id, account: maskAccount(account), bills: found.bills.length },
      'bills looked up',
    );
    const today = now.toISOString().slice(0, 10);
    return {
      biller: billerInfo(biller),
      accountMasked: maskAccount(account),
      holderMasked: maskName(found.holderName),
      accountToken: token,
      bills: found.bills.map((b) => ({ ...b, overdue: b.dueDate < today })),
    };
  }

  /** Prices the chosen bills as the biller has them now; payable for 10 minutes. */
  async quote(kioskId: string, req: QuoteRequest): Promise<Quote> {
    const at = this.deps.now();
    const lookup = await this.store.findLookup(kioskId, req.accountToken, at.toISOString());
    if (!lookup)
      throw new HttpError(
        404,
        'lookup-not-found',
        'This account lookup is unknown or too old; look it up again.',
      );
    const biller = billerById(lookup.billerId)!;
    const found = await this.ask(() => this.deps.billerFor(biller.id).findBills(biller.id, lookup.account));
    const bills = pick(found, req.billIds);
    const amountFen = bills.reduce((s, b) => s + b.amountFen, 0);
    const feeFen = convenienceFeeFen(biller.kind, amountFen);
    const record: QuoteRecord = {
      id: randomUUID(),
      kioskId,
      billerId: biller.id,
      account: lookup.account,
      accountMasked: maskAccount(lookup.account),
      items: bills.map((b) => ({ billId: b.id, period: b.period, amountFen: b.amountFen })),
      amountFen,
      feeFen,
      totalFen: amountFen + feeFen,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + QUOTE_TTL_MS).toISOString(),
    };
    await this.store.insertQuote(record);
    return toQuote(record);
  }

  /** The biller and account a lookup names, checked against the biller's format. */
  private resolve(req: LookupRequest): { biller: Biller; account: string } {
    if ('barcode' in req) {
      const decoded = decodeBillBarcode(req.barcode);
      const biller = decoded && billerByCode(decoded.billerCode);
      if (!decoded || !biller?.barcode || !accountMatches(biller, decoded.account))
        throw new HttpError(422, 'invalid-barcode', 'barcode: this is not a bill barcode the kiosk knows.');
      return { biller, account: decoded.account };
    }
    const biller = billerById(req.billerId);
    if (!biller) throw new HttpError(404, 'biller-not-found', `No biller ${req.billerId}.`);
    const account = req.account.trim().toUpperCase();
    if (!accountMatches(biller, account))
      throw new HttpError(
        422,
        'invalid-account',
        `account: not a ${biller.account.label} of ${biller.name} (e.g. ${biller.account.example}).`,
      );
    return { biller, account };
  }

  /** A biller call under the deadline; a timeout or an outage is 503 `biller-unavailable`. */
  private async ask<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await withDeadline(call(), this.timeoutMs, () => new BillerTimeoutError('lookup timed out'));
    } catch (err) {
      if (err instanceof BillerTimeoutError || err instanceof BillerUnavailableError)
        throw new HttpError(
          503,
          'biller-unavailable',
          'The biller does not answer just now; try again shortly.',
        );
      throw err;
    }
  }
}

/** The chosen bills, each once and still unpaid; 422 `unknown-bill` otherwise. */
function pick(found: BillerAccount | null, billIds: string[]) {
  const bills = found?.bills.filter((b) => billIds.includes(b.id)) ?? [];
  if (bills.length !== billIds.length || new Set(billIds).size !== billIds.length)
    throw new HttpError(
      422,
      'unknown-bill',
      'billIds: a chosen bill is unknown or already paid; look the account up again.',
    );
  return bills;
}

/** The contract's Quote of a stored one. */
export function toQuote(q: QuoteRecord): Quote {
  return {
    id: q.id,
    biller: billerInfo(billerById(q.billerId)!),
    accountMasked: q.accountMasked,
    items: q.items,
    amountFen: q.amountFen,
    feeFen: q.feeFen,
    totalFen: q.totalFen,
    expiresAt: q.expiresAt,
  };
}
