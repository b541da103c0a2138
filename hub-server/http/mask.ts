/**
 * Pure masks for personal data that may reach a log line. Each keeps just enough to tell
 * records apart when a maintainer reads the log, never enough to identify a resident.
 */

function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value];
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

/** `'350102199001011234'` → `'3501**********1234'` (region prefix and last four). */
export function maskIdNumber(id: string): string {
  return keepEnds(id.trim(), 4, 4);
}

/** `'13812345678'` → `'138****5678'` (carrier prefix and last four). */
export function maskPhone(phone: string): string {
  return keepEnds(phone.replace(/[\s-]/g, ''), 3, 4);
}

/** `'林小明'` → `'林**'` (the family name only). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** `'6222021234567890123'` → `'6222 **** **** 0123'` (issuer prefix and last four, like a receipt). */
export function maskCard(card: string): string {
  const digits = card.replace(/[\s-]/g, '');
  if (digits.length < 12) return '****';
  return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
}
