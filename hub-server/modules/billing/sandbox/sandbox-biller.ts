import { SANDBOX_ACCOUNTS, type SandboxAccountSeed } from '../../../seed/billing-sandbox.ts';
import {
  type BillerAccount,
  type BillerAdapter,
  type BillerBill,
  BillerRejectedError,
  type BillerStatementLine,
  BillerTimeoutError,
  BillerUnavailableError,
  type PostingRequest,
  type PostingStatus,
} from '../biller-adapter.ts';
import { billerByCode } from '../billers.ts';
import { decodeBillBarcode, lateFeeFen } from '../domain.ts';
import { type Fault, FaultPlan, never } from './faults.ts';

type Op = 'find' | 'post' | 'query' | 'reverse' | 'statement';

interface Ledger {
  seed: SandboxAccountSeed;
  unpaid: BillerBill[];
}

interface Posting {
  req: PostingRequest;
  postingRef: string;
  paid: BillerBill[];
  reversed: boolean;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A bill's period as the biller prints it: `2026-10` for a month `monthsAgo` before `today`. */
function monthBefore(today: Date, monthsAgo: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsAgo, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The built-in biller for every biller in the catalog: seeded accounts and bills in memory, a
 * ledger of postings by serial (a repeated serial is applied once), and fault injection through
 * `faults` (fail, reject, timeout, hang, duplicate on `find`, `post`, `query`, `reverse`, `statement`).
 */
export class SandboxBiller implements BillerAdapter {
  readonly faults = new FaultPlan<Op>();
  private readonly ledgers = new Map<string, Ledger>();
  private readonly postings = new Map<string, Posting>();
  /** How many postings were applied to a ledger (a duplicate delivery does not count twice). */
  appliedPostings = 0;
  /** Every posting applied and every reversal, in order: the statement's lines (tests may edit them). */
  readonly journal: BillerStatementLine[] = [];
  private readonly now: () => Date;

  constructor({
    now = () => new Date(),
    accounts = SANDBOX_ACCOUNTS,
  }: { now?: () => Date; accounts?: readonly SandboxAccountSeed[] } = {}) {
    this.now = now;
    const today = now();
    const todayIso = isoDay(today.getTime());
    for (const [n, seed] of accounts.entries()) {
      const unpaid = seed.bills.map((b, i) => {
        const dueMs = today.getTime() + (b.daysOverdue !== undefined ? -b.daysOverdue : 10) * DAY;
        const lateFee = lateFeeFen(b.principalFen, isoDay(dueMs), todayIso);
        return {
          // Opaque: a bill id reaches screens and receipts, so it must not carry the account.
          id: `SBX-${n + 1}-${i + 1}`,
          period: b.period ?? monthBefore(today, b.monthsAgo),
          amountFen: b.principalFen + lateFee,
          lateFeeFen: lateFee,
          dueDate: isoDay(dueMs),
        };
      });
      this.ledgers.set(`${seed.billerId}/${seed.account}`, { seed, unpaid });
    }
  }

  async findBills(billerId: string, account: string): Promise<BillerAccount | null> {
    await this.enter('find');
    const l = this.ledgers.get(`${billerId}/${account}`);
    return l
      ? { billerId, account, holderName: l.seed.holderName, bills: l.unpaid.map((b) => ({ ...b })) }
      : null;
  }

  async findByBarcode(barcode: string): Promise<BillerAccount | null> {
    const decoded = decodeBillBarcode(barcode);
    const biller = decoded && billerByCode(decoded.billerCode);
    return biller && decoded ? this.findBills(biller.id, decoded.account) : null;
  }

  async post(req: PostingRequest): Promise<{ postingRef: string }> {
    const fault = await this.enter('post');
    if (fault?.kind === 'duplicate') this.apply(req);
    if (fault?.kind === 'timeout' || fault?.kind === 'hang') return this.lost(fault, () => this.apply(req));
    return { postingRef: this.apply(req) };
  }

  async queryPosting(serial: string): Promise<PostingStatus> {
    const fault = await this.enter('query');
    if (fault?.kind === 'timeout' || fault?.kind === 'hang') return this.lost(fault, () => {});
    const p = this.postings.get(serial);
    return p && !p.reversed ? { state: 'posted', postingRef: p.postingRef } : { state: 'none' };
  }

  async reverse(serial: string): Promise<{ reversed: boolean }> {
    await this.enter('reverse');
    const p = this.postings.get(serial);
    if (!p || p.reversed) return { reversed: false };
    p.reversed = true;
    this.journal.push({ ...this.lineOf(p), kind: 'reversal', at: this.now().toISOString() });
    this.ledgers.get(`${p.req.billerId}/${p.req.account}`)?.unpaid.unshift(...p.paid);
    return { reversed: true };
  }

  async statement({
    billerId,
    from,
    to,
  }: {
    billerId: string;
    from: string;
    to: string;
  }): Promise<BillerStatementLine[]> {
    const fault = await this.enter('statement');
    if (fault?.kind === 'timeout' || fault?.kind === 'hang') return this.lost(fault, () => {});
    return this.journal.filter((l) => l.billerId === billerId && l.at >= from && l.at < to);
  }

  /** The serials applied to a ledger (tests count them). */
  postedSerials(): string[] {
    return [...this.postings.values()].filter((p) => !p.reversed).map((p) => p.req.serial);
  }

  /** Waits the delay and fails or rejects as the plan says; hands back the other faults. */
  private async enter(op: Op): Promise<Fault | undefined> {
    await this.faults.delay();
    const fault = this.faults.take(op);
    if (fault?.kind === 'fail') throw new BillerUnavailableError(`sandbox biller: ${op} failed`);
    if (fault?.kind === 'reject') throw new BillerRejectedError(fault.reason);
    return fault;
  }

  private lost(fault: { kind: 'timeout' | 'hang'; applied: boolean }, act: () => unknown): Promise<never> {
    if (fault.applied) act();
    if (fault.kind === 'hang') return never();
    throw new BillerTimeoutError('sandbox biller: no answer in time');
  }

  /** Applies a posting once per serial; returns its reference. */
  private apply(req: PostingRequest): string {
    const seen = this.postings.get(req.serial);
    if (seen && !seen.reversed) return seen.postingRef;
    const ledger = this.ledgers.get(`${req.billerId}/${req.account}`);
    if (!ledger) throw new BillerRejectedError('account-not-found');
    if (ledger.seed.rejectPostings) throw new BillerRejectedError(ledger.seed.rejectPostings);
    const paid = ledger.unpaid.filter((b) => req.billIds.includes(b.id));
    const sum = paid.reduce((s, b) => s + b.amountFen, 0);
    if (paid.length !== req.billIds.length || sum !== req.amountFen)
      throw new BillerRejectedError('bill-mismatch');
    ledger.unpaid = ledger.unpaid.filter((b) => !paid.includes(b));
    const postingRef = `SBX-P-${String(++this.appliedPostings).padStart(8, '0')}`;
    const posting: Posting = { req, postingRef, paid, reversed: false };
    this.postings.set(req.serial, posting);
    this.journal.push({ ...this.lineOf(posting), kind: 'posting', at: this.now().toISOString() });
    return postingRef;
  }

  private lineOf(p: Posting): Omit<BillerStatementLine, 'kind' | 'at'> {
    return {
      serial: p.req.serial,
      postingRef: p.postingRef,
      billerId: p.req.billerId,
      amountFen: p.req.amountFen,
    };
  }
}
