/**
 * The data of a "read base information" (30 01) answer. Pure, never throws.
 *
 * Layout (SAM 通讯协议, 读身份证固定信息 answer data):
 * 2 bytes text length (big-endian, 256) · 2 bytes photo length (1024) ·
 * text · photo (wlt, compressed and encrypted: opaque here).
 * The text is UCS-2 little-endian in fixed-width fields padded with spaces
 * (field order and widths as in vendor SDKs' `IDCARD` struct, e.g.
 * chenhaifeng2016/FaceRecognitionTest IDCardReader/src/IDReader.h):
 *
 * | field      | bytes | content                          |
 * |------------|-------|----------------------------------|
 * | name       | 30    | 姓名                              |
 * | sex        | 2     | GB/T 2261.1 code: 1 男, 2 女      |
 * | nation     | 4     | GB 3304 code, 01 = 汉             |
 * | birthDate  | 16    | YYYYMMDD                          |
 * | address    | 70    | 住址                              |
 * | idNumber   | 36    | 公民身份号码                      |
 * | authority  | 30    | 签发机关                          |
 * | validFrom  | 16    | YYYYMMDD                          |
 * | validUntil | 16    | YYYYMMDD or 长期                  |
 * | reserved   | 36    |                                   |
 */

import { isCheckDigitValid, isExpired } from './id-number.ts';

export const TEXT_LENGTH = 256;
export const PHOTO_LENGTH = 1024;

/** The text fields as the card holds them (codes, not names). */
export interface IdCardText {
  name: string;
  sexCode: string;
  nationCode: string;
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  validFrom: string;
  validUntil: string;
}

const FIELDS: readonly (readonly [keyof IdCardText | 'reserved', number])[] = [
  ['name', 30],
  ['sexCode', 2],
  ['nationCode', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['authority', 30],
  ['validFrom', 16],
  ['validUntil', 16],
  ['reserved', 36],
];

/** GB 3304-1991 nationality codes, the ones a Fuzhou kiosk sees most (22 畲 is Fujian's own). */
export const NATIONS: Readonly<Record<string, string>> = {
  '01': '汉',
  '02': '蒙古',
  '03': '回',
  '04': '藏',
  '05': '维吾尔',
  '06': '苗',
  '07': '彝',
  '08': '壮',
  '09': '布依',
  '10': '朝鲜',
  '11': '满',
  '12': '侗',
  '13': '瑶',
  '14': '白',
  '15': '土家',
  '16': '哈尼',
  '17': '哈萨克',
  '18': '傣',
  '19': '黎',
  '22': '畲',
  '97': '其他',
  '98': '外国血统中国籍人士',
};

export type Sex = 'male' | 'female' | 'unspecified';

/** GB/T 2261.1: 1 男, 2 女; anything else (0 未知, 9 未说明) is unspecified. */
export function sexFromCode(code: string): Sex {
  return code === '1' ? 'male' : code === '2' ? 'female' : 'unspecified';
}

/** The nation's name for a GB 3304 code, or the code itself when we do not know it. */
export function nationName(code: string): string {
  return NATIONS[code] ?? code;
}

/** The 256 text bytes, each field space-padded (and cut) to its width. */
export function encodeIdCardText(text: IdCardText): Buffer {
  const out = Buffer.alloc(TEXT_LENGTH);
  let offset = 0;
  for (const [key, width] of FIELDS) {
    const value = key === 'reserved' ? '' : text[key];
    const field = Buffer.from(value.padEnd(width / 2, ' '), 'utf16le').subarray(0, width);
    field.copy(out, offset);
    offset += width;
  }
  return out;
}

/** The fields of 256 text bytes, trailing spaces and NULs trimmed; null when the length is wrong. */
export function decodeIdCardText(bytes: Uint8Array): IdCardText | null {
  if (bytes.length !== TEXT_LENGTH) return null;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const out: Record<string, string> = {};
  let offset = 0;
  for (const [key, width] of FIELDS) {
    out[key] = trimPadding(b.subarray(offset, offset + width).toString('utf16le'));
    offset += width;
  }
  const { reserved: _reserved, ...text } = out;
  return text as unknown as IdCardText;
}

/** Drops the spaces (and NULs, from some readers) that pad a field. */
function trimPadding(value: string): string {
  let end = value.length;
  while (end > 0 && (value[end - 1] === ' ' || value.charCodeAt(end - 1) === 0)) end -= 1;
  return value.slice(0, end);
}

/** The answer data of 30 01: lengths, text, photo. */
export function encodeBaseInfo(text: Uint8Array, photo: Uint8Array): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(text.length, 0);
  head.writeUInt16BE(photo.length, 2);
  return Buffer.concat([head, text, photo]);
}

/** Splits the answer data of 30 01; null when the lengths do not add up. */
export function decodeBaseInfo(data: Uint8Array): { text: Buffer; photo: Buffer } | null {
  if (data.length < 4) return null;
  const b = Buffer.from(data.buffer, data.byteOffset, data.length);
  const textLength = b.readUInt16BE(0);
  const photoLength = b.readUInt16BE(2);
  if (textLength !== TEXT_LENGTH || 4 + textLength + photoLength !== b.length) return null;
  return {
    text: Buffer.from(b.subarray(4, 4 + textLength)),
    photo: Buffer.from(b.subarray(4 + textLength)),
  };
}

/** A card as the kiosk uses it: names instead of codes, the photo, and the two checks. */
export interface IdCard {
  name: string;
  sex: Sex;
  /** The nation's name, e.g. 汉 (the code when unknown). */
  nation: string;
  nationCode: string;
  /** YYYYMMDD. */
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  /** YYYYMMDD. */
  validFrom: string;
  /** YYYYMMDD or 长期. */
  validUntil: string;
  /** The wlt photo, opaque (it needs the licensed decoder library to become an image). */
  photo: Buffer;
  /** validUntil is before `today`; 长期 never expires. */
  expired: boolean;
  /** The GB 11643 check character matches. */
  checkDigitValid: boolean;
}

/** The card from the answer data of 30 01; null when it does not decode. `today` is YYYYMMDD. */
export function decodeIdCard(data: Uint8Array, today: string): IdCard | null {
  const parts = decodeBaseInfo(data);
  const text = parts && decodeIdCardText(parts.text);
  if (!parts || !text) return null;
  const { sexCode, nationCode, ...rest } = text;
  return {
    ...rest,
    sex: sexFromCode(sexCode),
    nation: nationName(nationCode),
    nationCode,
    photo: parts.photo,
    expired: isExpired(text.validUntil, today),
    checkDigitValid: isCheckDigitValid(text.idNumber),
  };
}
