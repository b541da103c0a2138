/**
 * The sandbox gateway's test payment codes and cards (docs/billing.md): the outcome is chosen
 * by the last four digits of the code or card number, and by the amount for cards.
 */

export type Outcome =
  | { kind: 'approve' }
  | { kind: 'decline'; reason: string }
  /** The answer is lost; `charged`: whether the money was taken before it was. */
  | { kind: 'timeout'; charged: boolean };

/** A card refuses amounts above 2,000.00 yuan (`over-limit`). */
export const CARD_LIMIT_FEN = 200_000;

/** The card number in track 2 (`;PAN=YYMM…?`), or null when it is not track 2. */
export function panOf(track2: string): string | null {
  return /^;?(\d{12,19})=\d{4}\d*\??$/.exec(track2.trim())?.[1] ?? null;
}

/** A payment code: `…0002` declined, `…0003` times out after charging, `…0005` before; others approve. */
export function codeOutcome(code: string): Outcome {
  if (code.endsWith('0002')) return { kind: 'decline', reason: 'payment-declined' };
  if (code.endsWith('0003')) return { kind: 'timeout', charged: true };
  if (code.endsWith('0005')) return { kind: 'timeout', charged: false };
  return { kind: 'approve' };
}

/**
 * A card: `…0002` declined, `…0003` times out after charging, `…0004` needs a PIN (declined
 * `pin-required`: the kiosk has no PIN pad yet), `…0005` times out before charging, above
 * CARD_LIMIT_FEN `over-limit`; other cards approve. Not track 2: `card-unreadable`.
 */
export function cardOutcome(track2: string, amountFen: number): Outcome {
  const pan = panOf(track2);
  if (!pan) return { kind: 'decline', reason: 'card-unreadable' };
  if (pan.endsWith('0002')) return { kind: 'decline', reason: 'card-declined' };
  if (pan.endsWith('0004')) return { kind: 'decline', reason: 'pin-required' };
  if (pan.endsWith('0003')) return { kind: 'timeout', charged: true };
  if (pan.endsWith('0005')) return { kind: 'timeout', charged: false };
  if (amountFen > CARD_LIMIT_FEN) return { kind: 'decline', reason: 'over-limit' };
  return { kind: 'approve' };
}
