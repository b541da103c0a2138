/**
 * Pure billing rules: the payment state table, the convenience fee, late fees, the paper-bill
 * barcode and the account mask. No I/O; everything here is unit-tested alone.
 */
import type { FeeKind, PaymentState } from './billing.contract.ts';

export const PAYMENT_STATES = [
  'created',
  'awaiting_payer',
  'authorizing',
  'paid',
  'posting',
  'posted',
  'failed',
  'refunding',
  'refunded',
  'unknown',
] as const satisfies readonly PaymentState[];

/** Where a payment was when an answer was lost: what the resolver must ask about. */
export type PaymentStage = 'charge' | 'post' | 'refund';

/**
 * Every allowed move. `unknown` is left only by asking the system whose answer was lost
 * (see UNKNOWN_EXITS); the final states `posted`, `failed` and `refunded` are never left.
 */
export const TRANSITIONS: Readonly<Record<PaymentState, readonly PaymentState[]>> = {
  created: ['awaiting_payer', 'authorizing', 'failed', 'unknown'],
  awaiting_payer: ['paid', 'failed', 'unknown'],
  authorizing: ['paid', 'failed', 'unknown'],
  paid: ['posting'],
  posting: ['posted', 'refunding', 'unknown'],
  posted: [],
  failed: [],
  refunding: ['refunded', 'unknown'],
  refunded: [],
  unknown: ['paid', 'failed', 'posting', 'posted', 'refunding', 'refunded'],
};

/** Out of `unknown`, by the stage whose answer was lost. */
export const UNKNOWN_EXITS: Readonly<Record<PaymentStage, readonly PaymentState[]>> = {
  charge: ['paid', 'failed'],
  post: ['posting', 'posted', 'refunding'],
  refund: ['refunding', 'refunded'],
};

/** Whether a payment may move from `from` to `to` (`stage`: where an `unknown` one got lost). */
export function canTransition(from: PaymentState, to: PaymentState, stage?: PaymentStage | null): boolean {
  if (!TRANSITIONS[from].includes(to)) return false;
  if (from !== 'unknown') return true;
  return stage ? UNKNOWN_EXITS[stage].includes(to) : false;
}

/** The stage a timeout in `state` leaves a payment at, once it becomes `unknown`. */
export function stageOf(state: PaymentState): PaymentStage {
  if (state === 'posting' || state === 'paid') return 'post';
  if (state === 'refunding') return 'refund';
  return 'charge';
}

export const isFinal = (s: PaymentState): boolean => s === 'posted' || s === 'failed' || s === 'refunded';

/** Whether the resident's money has moved (so the payment must end posted or refunded). */
export function isCharged(state: PaymentState, stage?: PaymentStage | null): boolean {
  if (state === 'unknown') return stage === 'post' || stage === 'refund';
  return ['paid', 'posting', 'posted', 'refunding', 'refunded'].includes(state);
}

/** Only before money can move may a resident cancel. */
export const isCancellable = (s: PaymentState): boolean => s === 'created' || s === 'awaiting_payer';

export const QUOTE_TTL_MS = 10 * 60_000;
export const QR_TTL_MS = 5 * 60_000;
export const LOOKUP_TTL_MS = 30 * 60_000;
/** Posting attempts before the hub gives up and refunds. */
export const POST_ATTEMPTS = 3;

/**
 * The convenience fee, in fen. Most fees are taken at cost; street parking and cable TV are run
 * by contractors who pass on the channel's cost: parking 0.5 % (at least 0.50, at most 5.00 yuan),
 * cable TV a flat 1.00 yuan.
 */
export function convenienceFeeFen(kind: FeeKind, amountFen: number): number {
  if (kind === 'parking') return Math.min(500, Math.max(50, Math.ceil(amountFen * 0.005)));
  if (kind === 'cable-tv') return 100;
  return 0;
}

/** 滞纳金: 0.05 % of the principal per day past the due date (万分之五/日), rounded to the fen. */
export function lateFeeFen(principalFen: number, dueDate: string, today: string): number {
  const days = Math.floor((Date.parse(today) - Date.parse(dueDate)) / 86_400_000);
  return days > 0 ? Math.round((principalFen * 5 * days) / 10_000) : 0;
}

/** Luhn check digit over a string of digits. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * A paper bill's barcode (Code 128, digits only): `98` + the biller's 3-digit code + the account
 * + one Luhn check digit over everything before it. `98 011 3501234567 c` is 福州水务 account
 * 3501234567. See docs/billing.md.
 */
export function encodeBillBarcode(billerCode: string, account: string): string {
  const body = `98${billerCode}${account}`;
  return body + luhnDigit(body);
}

/** The biller code and account a scanned barcode names, or null when it is not a bill barcode. */
export function decodeBillBarcode(barcode: string): { billerCode: string; account: string } | null {
  const s = barcode.trim();
  if (!/^98\d{5,40}$/.test(s)) return null;
  if (luhnDigit(s.slice(0, -1)) !== s.slice(-1)) return null;
  return { billerCode: s.slice(2, 5), account: s.slice(5, -1) };
}

/** `'3501234567'` → `'35****4567'`: enough for the resident to recognise, not to reuse. */
export function maskAccount(account: string): string {
  const chars = [...account];
  const [head, tail] = chars.length >= 10 ? [2, 4] : chars.length >= 6 ? [1, 2] : [0, 1];
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}
