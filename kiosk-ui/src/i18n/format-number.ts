/**
 * Numbers and money in the current language, through Intl (no library).
 * Money is always held in fen (integer hundredths of a yuan), never in floating yuan.
 */
import { getLocale } from './locale.ts';

/** "¥128.50" in zh-CN, "CN¥128.50" in en: whatever Intl writes for CNY in the current language. */
export function formatMoney(fen: number): string {
  // A fraction of a fen is a bug upstream; showing a rounded sum would hide it on a payment screen.
  if (!Number.isSafeInteger(fen)) throw new RangeError(`money must be a whole number of fen, got ${fen}`);
  return new Intl.NumberFormat(getLocale(), { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

/** "12,345" (grouped the way the current language groups digits). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(getLocale()).format(n);
}
