/**
 * Rules about a citizen identity number that are worth testing alone. Pure.
 *
 * GB 11643-1999 《公民身份号码》 §4–§7: 18 characters — 6-digit address code,
 * 8-digit birth date, 3-digit sequence (odd = male), 1 check character.
 * Check character (ISO 7064:1983 MOD 11-2): S = Σ aᵢ·Wᵢ over the first 17
 * digits with Wᵢ = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, then
 * Y = S mod 11 and the check character is "10X98765432"[Y].
 * The standard's own example: 11010519491231002X.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The check character the first 17 digits call for; null when they are not 17 digits. */
export function idCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** True when `idNumber` is 17 digits plus the right check character ('x' counts as 'X'). */
export function isCheckDigitValid(idNumber: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(idNumber)) return false;
  return idCheckCharacter(idNumber.slice(0, 17)) === idNumber[17]!.toUpperCase();
}

/** `3501**********123X`: the area prefix and the last four, nothing of the birth date. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

/** `张*`, `欧**`: the first character (the family name, usually) and a star for each other one. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** The validity end a card prints for "no end": 长期. */
export const LONG_TERM = '长期';

/**
 * True when a card's validity has ended: `validUntil` (YYYYMMDD) is before
 * `today` (YYYYMMDD). '长期' (long-term) never expires; an unreadable date
 * counts as expired, since a kiosk must not accept what it cannot check.
 */
export function isExpired(validUntil: string, today: string): boolean {
  if (validUntil === LONG_TERM) return false;
  if (!/^\d{8}$/.test(validUntil)) return true;
  return validUntil < today;
}

/** Today as YYYYMMDD in a time zone (the kiosk's, Asia/Shanghai by default). */
export function todayIn(timeZone = 'Asia/Shanghai', now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}
