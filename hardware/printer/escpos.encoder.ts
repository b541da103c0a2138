import iconv from 'iconv-lite';
import {
  type Align,
  CONTROL_CHARS,
  DEFAULT_COLUMNS,
  isQrLine,
  isRuleLine,
  isTextLine,
  type PrintDocument,
  type QrEcc,
  type TextSize,
  wrapText,
} from './print-document.ts';

/**
 * Print document → ESC/POS bytes, for the GB18030 printers Chinese kiosks use
 * (Epson-compatible command set with the Chinese "FS" extensions). Pure.
 *
 * Sources: Epson "ESC/POS Command Reference" (TM-T88 series): ESC @, ESC R,
 * ESC t, ESC a, ESC E, ESC -, GS !, ESC d, GS V, GS ( k <Function 165/167/169/
 * 180/181>; Chinese models: SP91 User Manual "FS & Set Chinese character mode /
 * FS . Cancel Chinese mode" (GB18030, two bytes at a time), HCC POS80B Technical
 * Manual "FS - Turn underline mode on/off for Chinese characters".
 */

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const LF = 0x0a;

export interface EncodeOptions {
  /** Font A columns across the paper: 32 on 58 mm, 48 on 80 mm. */
  columns?: number;
}

/** `ESC a n`: 0 left, 1 centre, 2 right. */
export const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };
/** `GS ! n`: bits 4–6 width − 1, bits 0–2 height − 1. */
export const SIZE_CODE: Record<TextSize, number> = {
  normal: 0x00,
  'double-height': 0x01,
  'double-width': 0x10,
  double: 0x11,
};
/** `GS ( k` function 169: 48 L (7 %), 49 M (15 %), 50 Q (25 %), 51 H (30 %). */
export const ECC_CODE: Record<QrEcc, number> = { L: 48, M: 49, Q: 50, H: 51 };
export const DEFAULT_QR_SIZE = 6;
export const DEFAULT_QR_ECC: QrEcc = 'M';

/**
 * Printer setup at the start of every document: `ESC @` initialise, `ESC R 0`
 * USA international set (ASCII stays ASCII: set 15 "China" would print 0x5C as ¥),
 * `ESC t 0` PC437 for single-byte text, `FS &` Chinese character mode (GB18030).
 */
export const PROLOGUE = Uint8Array.of(ESC, 0x40, ESC, 0x52, 0, ESC, 0x74, 0, FS, 0x26);

interface Style {
  align: Align;
  bold: boolean;
  underline: boolean;
  size: TextSize;
}

/** The printer state after `ESC @`. */
const INITIAL: Style = { align: 'left', bold: false, underline: false, size: 'normal' };

/** `GS ( k pL pH cn fn [params]` with cn = 49 (QR Code); pL pH count cn, fn and the parameters. */
function qrFunction(fn: number, params: Uint8Array): Buffer {
  const p = params.length + 2;
  return Buffer.concat([Buffer.of(GS, 0x28, 0x6b, p & 0xff, p >> 8, 0x31, fn), params]);
}

/** The five `GS ( k` commands that print one QR code (model 2). */
export function encodeQr(data: string, size = DEFAULT_QR_SIZE, ecc: QrEcc = DEFAULT_QR_ECC): Buffer {
  return Buffer.concat([
    qrFunction(0x41, Uint8Array.of(0x32, 0x00)), // Function 165: model 2
    qrFunction(0x43, Uint8Array.of(size)), // Function 167: module size in dots
    qrFunction(0x45, Uint8Array.of(ECC_CODE[ecc])), // Function 169: error correction level
    qrFunction(0x50, Buffer.concat([Buffer.of(0x30), Buffer.from(data, 'utf8')])), // Function 180: store, m = 48
    qrFunction(0x51, Uint8Array.of(0x30)), // Function 181: print the stored symbol, m = 48
  ]);
}

/** Encodes a document. Control characters in text become spaces, so text can never smuggle in a command. */
export function encodeDocument(
  doc: PrintDocument,
  { columns = DEFAULT_COLUMNS }: EncodeOptions = {},
): Buffer {
  const out: Uint8Array[] = [PROLOGUE];
  const state: Style = { ...INITIAL };
  const setStyle = (next: Style): void => {
    if (next.align !== state.align) out.push(Uint8Array.of(ESC, 0x61, ALIGN_CODE[next.align]));
    if (next.bold !== state.bold) out.push(Uint8Array.of(ESC, 0x45, next.bold ? 1 : 0));
    if (next.size !== state.size) out.push(Uint8Array.of(GS, 0x21, SIZE_CODE[next.size]));
    if (next.underline !== state.underline) {
      // ESC - for single-byte characters, FS - for Chinese characters (many Chinese models keep them apart).
      const n = next.underline ? 1 : 0;
      out.push(Uint8Array.of(ESC, 0x2d, n, FS, 0x2d, n));
    }
    Object.assign(state, next);
  };
  for (const line of doc.lines) {
    if (isTextLine(line)) {
      const style: Style = {
        align: line.align ?? 'left',
        bold: line.bold ?? false,
        underline: line.underline ?? false,
        size: line.size ?? 'normal',
      };
      setStyle(style);
      const wide = style.size === 'double-width' || style.size === 'double';
      const text = line.text.replace(CONTROL_CHARS, ' ');
      for (const part of wrapText(text, wide ? Math.floor(columns / 2) : columns)) {
        out.push(iconv.encode(part, 'gb18030'), Uint8Array.of(LF));
      }
    } else if (isRuleLine(line)) {
      setStyle(INITIAL);
      out.push(Buffer.from((line.rule === 'double' ? '=' : '-').repeat(columns), 'ascii'), Uint8Array.of(LF));
    } else if (isQrLine(line)) {
      setStyle({ ...INITIAL, align: 'center' });
      out.push(encodeQr(line.qr, line.size, line.ecc));
    } else if (line.feed > 0) {
      out.push(Uint8Array.of(ESC, 0x64, line.feed)); // ESC d n: print and feed n lines
    }
  }
  const cut = doc.cut ?? 'partial';
  // GS V m n, function B: feed to the cutter (+ n dots) and cut; m = 65 full, 66 partial.
  if (cut !== 'none') out.push(Uint8Array.of(GS, 0x56, cut === 'full' ? 0x41 : 0x42, 0));
  return Buffer.concat(out);
}
