/**
 * Masks a resident's personal data in free text and in log objects, so nothing the agent logs
 * names a citizen: ID numbers (GB 11643, 18 characters) → 3501**********1234, bank card numbers
 * (13–19 digits) → 6222 **** **** 1234, mainland mobile numbers → 138****5678, and names under
 * name-like keys → 张*.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Whether `id` carries a valid GB 11643 check character. */
export function isChineseIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(id)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17]?.toUpperCase();
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

// A run of digits, optionally grouped by single spaces or dashes (as printed on a card).
const ID_OR_CARD = /(?<![\dA-Za-z])\d(?:[ -]?\d){12,18}(?:[ -]?[Xx])?(?![\dA-Za-z])/g;
const MOBILE = /(?<![\dA-Za-z])((?:\+?86[ -]?)?1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)/g;

function maskIdOrCard(match: string): string {
  const plain = match.replace(/[ -]/g, '');
  if (plain.length === 18 && isChineseIdNumber(plain))
    return `${plain.slice(0, 4)}**********${plain.slice(-4)}`;
  if (/[Xx]/.test(plain)) return match;
  // ISO/IEC 7812: banking cards start with 2–6; anything else only when its Luhn digit holds,
  // so a 13-digit millisecond timestamp in a message is not mistaken for a card.
  if (/^[2-6]/.test(plain) || luhn(plain)) return `${plain.slice(0, 4)} **** **** ${plain.slice(-4)}`;
  return match;
}

/** Masks ID numbers, card numbers and mobile numbers wherever they appear in `text`. */
export function maskText(text: string): string {
  return text.replace(ID_OR_CARD, maskIdOrCard).replace(MOBILE, '$1****$2');
}

const HAN = /\p{Script=Han}/u;
/** Keys whose value is a person's name (`name` also names loggers and devices: masked only when it is Chinese). */
const PERSON_KEYS = /^(holder|payer|payee|cardholder|resident|patient|caller|[a-z]*Name|fullName)$/;

/** 张三 → 张*, 欧阳娜娜 → 欧***, Zhang San → Z********. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return name;
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

function maskValue(key: string, value: string): string {
  if (key === 'name' ? HAN.test(value) : PERSON_KEYS.test(key)) return maskName(value);
  return maskText(value);
}

/** A copy of `value` with every string masked (names by key); Errors become plain objects. */
export function maskDeep(value: unknown, key = '', depth = 0): unknown {
  if (typeof value === 'string') return maskValue(key, value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Buffer.isBuffer(value) || value instanceof Date) return value;
  if (value instanceof Error) {
    const { message, stack, name } = value;
    const rest = maskDeep({ ...value }, key, depth + 1) as Record<string, unknown>;
    return { ...rest, type: name, message: maskText(message), stack: stack && maskText(stack) };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, key, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, k, depth + 1);
  return out;
}
