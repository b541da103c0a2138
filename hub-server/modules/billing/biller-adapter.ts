/** The interface every biller (water company, power grid, carrier, …) sits behind. */

/** A bill as the biller holds it; `amountFen` already includes `lateFeeFen`. */
export interface BillerBill {
  id: string;
  period: string;
  amountFen: number;
  lateFeeFen: number;
  dueDate: string;
}

export interface BillerAccount {
  billerId: string;
  account: string;
  /** The holder's name in clear: the hub masks it before it leaves or is logged. */
  holderName: string;
  /** Unpaid bills, oldest first. */
  bills: BillerBill[];
}

export interface PostingRequest {
  /** The hub's payment id: the biller's serial (流水号), so a repeated posting is applied once. */
  serial: string;
  billerId: string;
  account: string;
  billIds: string[];
  amountFen: number;
}

/**
 * One line of a biller's statement (对账文件): a posting it applied, or a reversal of one, with the
 * hub's serial, the biller's posting reference, the amount and when it happened (ISO instant).
 */
export interface BillerStatementLine {
  kind: 'posting' | 'reversal';
  serial: string;
  postingRef: string;
  billerId: string;
  amountFen: number;
  at: string;
}

export type PostingStatus = { state: 'posted'; postingRef: string } | { state: 'none' };

export interface BillerAdapter {
  /** The account's unpaid bills; null when the biller does not know the account. */
  findBills(billerId: string, account: string): Promise<BillerAccount | null>;
  /** The same, for a paper bill's barcode; null when no account matches it. */
  findByBarcode(barcode: string): Promise<BillerAccount | null>;
  /** Credits the bills; answers the same posting again for a serial it has seen. */
  post(req: PostingRequest): Promise<{ postingRef: string }>;
  /** What became of a posting whose answer was lost. */
  queryPosting(serial: string): Promise<PostingStatus>;
  /** Undoes a posting (the bills fall due again). */
  reverse(serial: string): Promise<{ reversed: boolean }>;
  /** The biller's postings and reversals for `billerId` in `[from, to)` (ISO instants). */
  statement(q: { billerId: string; from: string; to: string }): Promise<BillerStatementLine[]>;
}

/** The biller did not answer in time: whether it acted is unknown. */
export class BillerTimeoutError extends Error {
  readonly code = 'biller-timeout';
  readonly timeout = true;
}

/** The biller could not be reached or failed before acting: safe to retry. */
export class BillerUnavailableError extends Error {
  readonly code = 'biller-unavailable';
}

/** The biller refused the posting for good (bill already paid elsewhere, account closed, …). */
export class BillerRejectedError extends Error {
  readonly code = 'biller-rejected';
  constructor(readonly reason: string) {
    super(`The biller refused the posting: ${reason}`);
  }
}
