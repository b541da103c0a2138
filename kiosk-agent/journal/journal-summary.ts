/**
 * What of a request or response the journal may keep: only what the money, booking and case
 * invariants need (amounts, references, ids, states, masked account and card numbers). Any other
 * field is left out, and any long digit run that survives (a PAN, an ID number) is masked.
 */
const KEEP =
  /^(amount|amountFen|currency|total|fee|reference|ref|.*Id|id|orderNo|method|cardToken|receiptNo|caseNo|slot|state|status|code|kind|biller|account|accountNo|cardNo|cardNumber|pan|maskedPan|count|at|date|time)$/i;
const ACCOUNT = /^(account|accountNo|cardNo|cardNumber|pan|maskedPan)$/i;

/** A masked copy of `value` fit for the journal (depth-limited, arrays capped). */
export function journalSummary(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  // Capped, so no journal row can outgrow an outbox batch the hub accepts.
  if (typeof value === 'string') return maskDigits(value.slice(0, 200));
  if (depth > 3) return undefined;
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => journalSummary(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!KEEP.test(k) && !(typeof v === 'object' && v !== null)) continue;
      if (ACCOUNT.test(k) && typeof v === 'string') out[k] = maskAccount(v);
      else {
        const s = journalSummary(v, depth + 1);
        if (s !== undefined && !(typeof s === 'object' && s !== null && Object.keys(s).length === 0))
          out[k] = s;
      }
    }
    return out;
  }
  return undefined;
}

/** `6222021234567891234` → `6222 **** **** 1234`; short references stay as they are. */
export function maskAccount(s: string): string {
  const digits = s.replace(/\D/g, '');
  if (digits.length < 10) return maskDigits(s);
  return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
}

/** A UUID (payment, session and request ids), or a digit run long enough to be a card or ID number. */
const UUID_OR_LONG_DIGITS =
  /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f])|\d{12,}[\dXx]?/gi;

/**
 * Masks digit runs long enough to be a card or ID number (13+ characters), keeping 4 each side.
 * A UUID stays whole: about one in three hundred has a last group of twelve digits, and masked it
 * could no longer name its payment when the agent recovers after a crash.
 */
function maskDigits(s: string): string {
  return s.replace(UUID_OR_LONG_DIGITS, (m, uuid: string | undefined) =>
    uuid ? uuid : `${m.slice(0, 4)}${'*'.repeat(m.length - 8)}${m.slice(-4)}`,
  );
}
