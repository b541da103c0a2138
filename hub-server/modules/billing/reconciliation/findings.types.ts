/** The reconciliation's vocabulary: what it compares and what a finding says. */
import type { BillerStatementLine } from '../biller-adapter.ts';
import type { PaymentState } from '../billing.contract.ts';
import type { PaymentStage } from '../domain.ts';
import type { GatewayStatementLine } from '../gateway/gateway-adapter.ts';

export const FINDING_KINDS = [
  /** The gateway took money the hub does not count as paid. */
  'charged-not-paid',
  /** The hub counts money the gateway's statement does not show. */
  'paid-not-charged',
  /** The gateway took the money more than once. */
  'duplicate-charge',
  /** A gateway or biller line differs from the payment's amount. */
  'amount-mismatch',
  /** The hub's gateway, posting or refund reference is not the one the far end reports. */
  'reference-mismatch',
  /** The hub was paid but the biller has no posting. */
  'paid-not-posted',
  /** The biller posted; the hub has not learnt it yet. */
  'posted-not-at-hub',
  /** The biller posted a payment the hub refunded (or is refunding). */
  'posted-but-refunded',
  /** The biller posted a payment that was never paid. */
  'posted-not-paid',
  /** The biller holds more than one live posting for one payment. */
  'duplicate-posting',
  /** The hub refunded (or is refunding) but the gateway has no refund. */
  'refund-missing-at-gateway',
  /** The gateway refunded; the hub does not count the payment refunded. */
  'refund-not-at-hub',
  /** The gateway refunded one payment more than once. */
  'duplicate-refund',
  /** A gateway line for an order the hub does not know. */
  'unknown-order',
  /** A biller line for a serial the hub does not know. */
  'unknown-serial',
  /** The payment is `unknown`: a lost answer the resolver settles by asking the far ends. */
  'stuck-unknown',
  /** The payment has not finished and no money has moved yet. */
  'unfinished',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_ACTIONS = [
  'wait',
  'resolve',
  'refund',
  'refund-extra',
  'post',
  'reverse',
  'investigate',
] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];

/** `in-flight` and `resolvable` are explained; `needs-person` is not. */
export const FINDING_STATUSES = ['in-flight', 'resolvable', 'needs-person'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** The hub's side of one payment. */
export interface HubPayment {
  id: string;
  state: PaymentState;
  stage: PaymentStage | null;
  /** What the resident pays (bills + fee): what the gateway should take. */
  totalFen: number;
  /** The bills' part: what the biller should post. */
  amountFen: number;
  billerId: string;
  gatewayRef: string | null;
  postingRef: string | null;
  refundRef: string | null;
  createdAt: string;
  updatedAt: string;
  /** Its newest payment_events id: above the run's mark, it moved while the run read. */
  lastEventId: number;
}

/** What the far ends' statements hold for one payment. */
export interface FarEnds {
  charges: GatewayStatementLine[];
  refunds: GatewayStatementLine[];
  postings: BillerStatementLine[];
  reversals: BillerStatementLine[];
}

export interface Finding {
  kind: FindingKind;
  paymentId: string;
  reference: string | null;
  billerId: string | null;
  /** `posted`, `unknown:post`, … or `absent`. */
  hubState: string;
  /** `none`, `charged`, `charged+refunded`, `charged×2`, … */
  gatewayState: string;
  /** `none`, `posted`, `posted+reversed`, `posted×2`, … */
  billerState: string;
  /** The payment's total, null when the hub does not know it. */
  hubFen: number | null;
  /** Net at the gateway: charged minus refunded. */
  gatewayFen: number;
  /** Net at the biller: posted minus reversed. */
  billerFen: number;
  action: FindingAction;
  status: FindingStatus;
  note: string;
}

export interface Timing {
  now: Date;
  /** The newest payment_events id when the run began. */
  eventMark: number;
  /** An open payment untouched this long is the resolver's. */
  staleMs: number;
  /** An open payment untouched this long means the resolver cannot finish it: a person must look. */
  stuckMs: number;
}
