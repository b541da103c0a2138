/** The flow's rules worth testing alone: pure functions over the billing contract's types. */

import type {
  BillerInfo,
  BillingCatalog,
  FeeKind,
  Payment,
  PaymentState,
} from '../../../../hub-server/modules/billing/billing.contract.ts';
import type { DeviceEvent } from '../../../../kiosk-agent/api/contract.ts';

/** The billers of one kind of fee, as the catalog lists them. */
export function billersOf(catalog: BillingCatalog | null, kind: FeeKind | null): BillerInfo[] {
  return catalog?.kinds.find((k) => k.kind === kind)?.billers ?? [];
}

/** Whether the typed account matches the biller's format, checked before any lookup. */
export function isAccountWellFormed(biller: BillerInfo | null, account: string): boolean {
  if (!biller || account.length === 0) return false;
  try {
    return new RegExp(biller.account.pattern).test(account);
  } catch {
    // A pattern the browser cannot read: let the hub judge the account.
    return true;
  }
}

/** The longest account a keypad takes: enough for any format we know, never unbounded. */
export const MAX_ACCOUNT_LENGTH = 24;

export function isQuoteExpired(expiresAt: string | undefined, now = Date.now()): boolean {
  return expiresAt !== undefined && Date.parse(expiresAt) <= now;
}

/** The money was taken and is not being given back: a receipt is due, posted or (still) posting. */
export const isCharged = (state: PaymentState | undefined) =>
  state === 'paid' || state === 'posting' || state === 'posted';
export const isAwaitingPayer = (payment: Payment | undefined) =>
  payment?.state === 'awaiting_payer' && payment.qr !== undefined;

/**
 * Errors after which the pay call certainly moved no money: the hub refused it (a 4xx), except
 * "this key is still being worked on" from the hub or the agent's journal, which may yet charge.
 */
export function isRefusal({ code, status }: { code: string; status: number | null }): boolean {
  if (code === 'request-in-progress' || code === 'intent-unresolved') return false;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export function scanText(event: DeviceEvent): string | null {
  return event.device === 'scanner' && event.kind === 'scan' && event.text.trim() ? event.text.trim() : null;
}

export const isCardInserted = (event: DeviceEvent) =>
  event.device === 'card-reader' && event.kind === 'cardInserted';

/** Milliseconds until an ISO time, never negative. */
export function msUntil(iso: string | undefined, now = Date.now()): number {
  const at = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(at) ? Math.max(0, at - now) : 0;
}
