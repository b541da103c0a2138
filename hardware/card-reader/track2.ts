/**
 * Magnetic track 2 (ISO/IEC 7813): PAN (up to 19 digits), field separator
 * '=', expiry YYMM, service code (3 digits), discretionary data. The reader
 * returns it without start/end sentinels (card-reader.frame.ts, table B, 0x36 0x32).
 */
export interface Track2 {
  pan: string;
  /** YYMM, as on the stripe. */
  expiry: string;
  serviceCode: string;
  /** The whole track: keep in memory only, never log. */
  raw: string;
}

const TRACK2 = /^;?(\d{12,19})=(\d{4})(\d{3})(\d*)\??$/;

/** Parses track 2; null when it is not one. */
export function parseTrack2(text: string): Track2 | null {
  const m = TRACK2.exec(text);
  if (!m) return null;
  return { pan: m[1]!, expiry: m[2]!, serviceCode: m[3]!, raw: text };
}

/** A PAN as it may appear in a log: first and last four digits, e.g. `6222 **** **** 0123`. */
export function maskPan(pan: string): string {
  if (pan.length < 8) return '*'.repeat(pan.length);
  return `${pan.slice(0, 4)} **** **** ${pan.slice(-4)}`;
}
