/**
 * The billing API a kiosk speaks (issue 7), as types only: the kiosk UI
 * imports these (through the agent's `/hub/*` proxy, which adds the kiosk's
 * credential); the hub's zod schemas in `billing.schemas.ts` must match them.
 * Money is always integer fen. Every route is under `/api/v1/kiosk/billing`.
 *
 *   GET  /billing/catalog                      → BillingCatalog
 *   POST /billing/lookup      LookupRequest    → LookupResult        (account or a paper bill's barcode)
 *   POST /billing/quotes      QuoteRequest     → Quote               (items, fee, total, expiry)
 *   POST /billing/payments    PayRequest       → Payment             (needs Idempotency-Key; journaled by the agent)
 *   GET  /billing/payments/:id                 → Payment             (poll until final)
 *   POST /billing/payments/:id/cancel          → Payment             (only before money moves)
 */

/** The thirteen kinds of fee a kiosk takes. */
export type FeeKind =
  | 'water'
  | 'electricity'
  | 'gas'
  | 'heating'
  | 'property'
  | 'landline'
  | 'mobile'
  | 'broadband'
  | 'cable-tv'
  | 'sanitation'
  | 'parking'
  | 'social-insurance'
  | 'traffic-fine';

export interface BillerInfo {
  id: string;
  kind: FeeKind;
  /** The biller's name in Chinese (the UI shows it as is, in both languages). */
  name: string;
  /** What the resident types: its format, for checking before a lookup. */
  account: {
    /** e.g. "户号", "缴费号", "手机号码", "决定书编号". */
    label: string;
    /** A JavaScript regular expression source the whole account number must match, e.g. `^\d{10}$`. */
    pattern: string;
    /** Which keypad: digits only, or letters and digits. */
    keypad: 'numeric' | 'text';
    /** A made-up example in the right format. */
    example: string;
  };
  /** Whether a paper bill of this biller carries a barcode the scanner can read. */
  barcode: boolean;
}

export interface BillingCatalog {
  kinds: { kind: FeeKind; billers: BillerInfo[] }[];
}

export type LookupRequest = { billerId: string; account: string } | { barcode: string };

export interface Bill {
  id: string;
  /** "2026-10" or a description like "2026年第三季度". */
  period: string;
  amountFen: number;
  /** Late fee already included in amountFen, if any. */
  lateFeeFen: number;
  dueDate: string;
  overdue: boolean;
}

export interface LookupResult {
  biller: BillerInfo;
  /** The account, masked for the screen and the receipt (e.g. "35****7788"). */
  accountMasked: string;
  /** The account holder's name, masked (e.g. "张*"), for the resident to confirm it is theirs. */
  holderMasked: string;
  /** Stands for the account in the quote; the screen never sends the account twice. */
  accountToken: string;
  /** Oldest first; empty when nothing is due. */
  bills: Bill[];
}

export interface QuoteRequest {
  accountToken: string;
  billIds: string[];
}

export interface Quote {
  id: string;
  biller: BillerInfo;
  accountMasked: string;
  items: { billId: string; period: string; amountFen: number }[];
  amountFen: number;
  feeFen: number;
  totalFen: number;
  /** ISO time; paying an expired quote is refused with `quote-expired`. */
  expiresAt: string;
}

export type PayMethod = 'qr' | 'payment-code' | 'card';

export type PayRequest =
  | { quoteId: string; method: 'qr' }
  /** The code the scanner read from the resident's wallet app. */
  | { quoteId: string; method: 'payment-code'; paymentCode: string }
  /** The agent replaces the card token it issued with the card's track 2 before the call leaves the kiosk. */
  | { quoteId: string; method: 'card'; cardToken: string };

export type PaymentState =
  | 'created'
  | 'awaiting_payer'
  | 'authorizing'
  | 'paid'
  | 'posting'
  | 'posted'
  | 'failed'
  | 'refunding'
  | 'refunded'
  | 'unknown';

/** States after which nothing changes any more. */
export const FINAL_PAYMENT_STATES: readonly PaymentState[] = ['posted', 'failed', 'refunded'];

export interface Payment {
  id: string;
  state: PaymentState;
  method: PayMethod;
  quote: Quote;
  /** For `qr` while awaiting the payer: what the kiosk shows, and until when. */
  qr?: { content: string; expiresAt: string };
  /** Why it failed or was refunded, as a stable code (`card-declined`, `pin-required`, `posting-failed`, …). */
  reason?: string;
  /** The gateway's transaction reference once charged. */
  gatewayRef?: string;
  /** The biller's posting reference once posted. */
  postingRef?: string;
  /** The e-receipt: a URL on the hub, for the receipt's QR code. */
  receiptUrl?: string;
  createdAt: string;
  updatedAt: string;
}
