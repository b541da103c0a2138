import iconv from 'iconv-lite';

/**
 * The social-security card dialogue this project speaks (host side) and its
 * virtual cards answer (card side). After the layout of the Chinese
 * social-security card (MOHRSS): the application is selected by the DF name
 * "sx1.sh.社会保障" (GB2312), and its EF06 holds the holder's basic data with
 * tag 0x08 = social-security number (18 characters, the citizen ID number)
 * and tag 0x09 = name (GB18030). Simplified here to three APDUs (ISO/IEC 7816-4):
 *
 * | step | C-APDU                                   | success R-APDU               |
 * |------|------------------------------------------|------------------------------|
 * | 1    | 00 A4 04 00 0F <DF name> (SELECT by name) | 90 00                        |
 * | 2    | 00 A4 02 00 02 00 06 (SELECT EF 0006)     | 90 00                        |
 * | 3    | 00 B0 00 00 00 (READ BINARY, Le = 256)    | TLV records, 90 00           |
 *
 * Error status words: 6A 82 file not found, 69 86 no current EF (READ BINARY
 * before SELECT), 6D 00 INS not supported, 6E 00 CLA not supported, 67 00 wrong length.
 */

/** "sx1.sh." followed by 社会保障 in GB2312. */
export const SSC_DF_NAME = Uint8Array.of(
  ...Buffer.from('sx1.sh.', 'ascii'),
  ...iconv.encode('社会保障', 'gb18030'),
);
export const SSC_EF = Uint8Array.of(0x00, 0x06);
export const TAG_NUMBER = 0x08;
export const TAG_NAME = 0x09;

export const SW = {
  ok: 0x9000,
  wrongLength: 0x6700,
  noCurrentEf: 0x6986,
  fileNotFound: 0x6a82,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
} as const;

export function selectByName(name: Uint8Array = SSC_DF_NAME): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x04, 0x00, name.length, ...name);
}

export function selectEf(fid: Uint8Array = SSC_EF): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x02, 0x00, fid.length, ...fid);
}

export function readBinary(): Uint8Array {
  return Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00);
}

/** SW1 SW2 of an R-APDU as one number; 0 when the R-APDU is shorter than 2 bytes. */
export function statusWord(rapdu: Uint8Array): number {
  return rapdu.length < 2 ? 0 : (rapdu[rapdu.length - 2]! << 8) | rapdu[rapdu.length - 1]!;
}

export interface SocialSecurityHolder {
  /** 18 characters (GB 11643 citizen ID number). Never log in clear. */
  number: string;
  /** Never log in clear. */
  name: string;
}

/** EF06's content: tag 0x08 number (ASCII), tag 0x09 name (GB18030), one-byte lengths. */
export function encodeHolderRecord({ number, name }: SocialSecurityHolder): Uint8Array {
  const n = Buffer.from(number, 'ascii');
  const nm = iconv.encode(name, 'gb18030');
  return Uint8Array.of(TAG_NUMBER, n.length, ...n, TAG_NAME, nm.length, ...nm);
}

/** Reads tags 0x08 and 0x09 from EF06's content; null when either is missing or malformed. */
export function decodeHolderRecord(bytes: Uint8Array): SocialSecurityHolder | null {
  const fields = new Map<number, Uint8Array>();
  let i = 0;
  while (i + 2 <= bytes.length) {
    const tag = bytes[i]!;
    const len = bytes[i + 1]!;
    if (i + 2 + len > bytes.length) return null;
    fields.set(tag, bytes.subarray(i + 2, i + 2 + len));
    i += 2 + len;
  }
  const number = fields.get(TAG_NUMBER);
  const name = fields.get(TAG_NAME);
  if (!number || !name) return null;
  const text = Buffer.from(number).toString('latin1');
  if (!/^\d{17}[\dX]$/.test(text)) return null;
  return { number: text, name: iconv.decode(Buffer.from(name), 'gb18030').trim() };
}

/** GB 11643-1999 check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function idCheckCharacter(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return '10X98765432'[sum % 11]!;
}

/** True for an 18-character ID number whose check character is right. */
export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckCharacter(id.slice(0, 17)) === id[17];
}

/** `3501**********1234`: region prefix and last four only. */
export function maskIdNumber(id: string): string {
  return id.length < 8
    ? '*'.repeat(id.length)
    : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** `张*`, `林**`: the family name only. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length ? chars[0] + '*'.repeat(Math.max(1, chars.length - 1)) : '';
}
