import { z } from 'zod';

/**
 * What the agent asks the printer to print: a document, never raw bytes. The
 * ESC/POS encoder (`escpos.encoder.ts`) turns it into bytes for the printer the
 * driver talks to; the kiosk never needs to know which command set that is.
 */

/** Columns of Font A (12 × 24 dots) across the printable width: 384 dots on 58 mm paper, 576 on 80 mm. */
export const COLUMNS = { '58mm': 32, '80mm': 48 } as const;
export const DEFAULT_COLUMNS: number = COLUMNS['58mm'];

/** Control characters (C0, DEL, C1): in text they would become ESC/POS commands. */
export const CONTROL_CHARS = /\p{Cc}/gu;

export type Align = 'left' | 'center' | 'right';
export type TextSize = 'normal' | 'double-height' | 'double-width' | 'double';
export type QrEcc = 'L' | 'M' | 'Q' | 'H';

/** Printable text: no control characters (they would become ESC/POS commands). */
const printable = z
  .string()
  .max(1024)
  .refine((s) => !/\p{Cc}/u.test(s), 'text must not contain control characters');

export const textLineSchema = z.strictObject({
  text: printable,
  align: z.enum(['left', 'center', 'right']).optional(),
  bold: z.boolean().optional(),
  size: z.enum(['normal', 'double-height', 'double-width', 'double']).optional(),
  underline: z.boolean().optional(),
});

export const ruleLineSchema = z.strictObject({ rule: z.enum(['single', 'double']) });

/** QR payloads are stored as UTF-8 (`GS ( k` function 180); 2953 bytes is model 2's byte-mode limit at level L. */
export const qrLineSchema = z.strictObject({
  qr: z
    .string()
    .min(1)
    .refine((s) => Buffer.byteLength(s, 'utf8') <= 2953, 'QR payload is longer than 2953 bytes'),
  size: z.number().int().min(1).max(16).optional(),
  ecc: z.enum(['L', 'M', 'Q', 'H']).optional(),
});

/** `ESC d n` feeds at most 255 lines; a receipt never needs more than a few. */
export const feedLineSchema = z.strictObject({ feed: z.number().int().min(0).max(32) });

export const printLineSchema = z.union([textLineSchema, ruleLineSchema, qrLineSchema, feedLineSchema]);

/** Validates a print document at the agent's edge. */
export const printDocumentSchema = z.strictObject({
  lines: z.array(printLineSchema).max(500),
  /** 'partial' when omitted: a kiosk receipt is always cut (one point left uncut, so it does not fall). */
  cut: z.enum(['full', 'partial', 'none']).optional(),
});

export type TextLine = z.infer<typeof textLineSchema>;
export type RuleLine = z.infer<typeof ruleLineSchema>;
export type QrLine = z.infer<typeof qrLineSchema>;
export type FeedLine = z.infer<typeof feedLineSchema>;
export type PrintLine = z.infer<typeof printLineSchema>;
export type PrintDocument = z.infer<typeof printDocumentSchema>;

export const isTextLine = (line: PrintLine): line is TextLine => 'text' in line;
export const isRuleLine = (line: PrintLine): line is RuleLine => 'rule' in line;
export const isQrLine = (line: PrintLine): line is QrLine => 'qr' in line;

/**
 * Columns a character takes on a receipt: 2 for East Asian Wide and Fullwidth
 * characters (a GB18030 hanzi is a 24 × 24 dot cell, two Font A columns), else 1.
 * Ranges after Unicode UAX #11 (East Asian Width W/F), the blocks a receipt meets.
 */
export function charColumns(codePoint: number): 1 | 2 {
  if (codePoint < 0x1100) return 1;
  return codePoint <= 0x115f ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
    ? 2
    : 1;
}

/** Columns a string takes on a receipt (CJK counts 2). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charColumns(ch.codePointAt(0)!);
  return width;
}

/** Pads `text` to `columns` (CJK counts 2), e.g. to lay out "label ....... amount" rows. */
export function padToColumns(text: string, columns: number, align: Align = 'left'): string {
  const gap = Math.max(0, columns - displayWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2));
  return text + ' '.repeat(gap);
}

/** Breaks text into lines of at most `columns` (CJK counts 2), at a space when a Latin word would be split. */
export function wrapText(text: string, columns: number): string[] {
  if (columns < 2) columns = 2;
  const lines: string[] = [];
  let line: string[] = [];
  let width = 0;
  for (const ch of text) {
    const w = charColumns(ch.codePointAt(0)!);
    if (width + w > columns) {
      const space = line.lastIndexOf(' ');
      if (ch !== ' ' && space > 0 && w === 1 && charColumns(line[line.length - 1]!.codePointAt(0)!) === 1) {
        lines.push(line.slice(0, space).join(''));
        line = line.slice(space + 1);
      } else {
        lines.push(line.join(''));
        line = [];
      }
      width = displayWidth(line.join(''));
      if (ch === ' ' && line.length === 0) continue;
    }
    line.push(ch);
    width += w;
  }
  lines.push(line.join(''));
  return lines;
}
