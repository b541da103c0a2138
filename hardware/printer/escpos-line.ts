import iconv from 'iconv-lite';
import type { Align } from './print-document.ts';
import type { PrintedItem, PrintedSpan, PrintedStyle } from './printed-document.ts';

/**
 * The line an ESC/POS printer is composing: bytes in runs of one style and one
 * character encoding (GB18030 in Chinese mode, the `ESC t` code page
 * otherwise), turned into text when the line is printed. Bounded: a line holds
 * at most MAX_LINE_BYTES.
 */

/** A line longer than this is printed as it stands: the printer wraps at its paper width anyway. */
export const MAX_LINE_BYTES = 4096;

export interface RunStyle extends PrintedStyle {
  /** iconv-lite encoding name, or 'epson-page1' for the box-drawing page receiptline uses for rules. */
  encoding: string;
}

/** `ESC t n` → iconv-lite encoding (Epson code page table; 1 = Katakana / graphics, handled apart). */
export const CODE_PAGES: Record<number, string> = {
  0: 'cp437',
  1: 'epson-page1',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  16: 'cp1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  21: 'tis620',
  255: 'cp437',
};

/** Page 1's graphics block, 0x8F–0x9F, as box-drawing characters (what receiptline's rules use). */
const PAGE1_GRAPHICS = '┼┴┬┤├?─│?├┤├┤┌┐└┘';

function decodePage1(bytes: Buffer): string {
  let s = '';
  for (const b of bytes) {
    if (b < 0x80) s += String.fromCharCode(b);
    else if (b >= 0x8f && b <= 0x9f) s += PAGE1_GRAPHICS[b - 0x8f];
    else if (b >= 0xa1 && b <= 0xdf)
      s += String.fromCharCode(0xff61 + b - 0xa1); // JIS X 0201 katakana
    else s += '?';
  }
  return s;
}

/** Node's own GB18030 decoder (ICU): the same mapping as iconv-lite's, several times faster. */
const gb18030 = new TextDecoder('gb18030');

function isAscii(bytes: Buffer): boolean {
  for (let k = 0; k < bytes.length; k++) if (bytes[k]! >= 0x80) return false;
  return true;
}

function decodeText(bytes: Buffer, encoding: string): string {
  if (isAscii(bytes)) return bytes.toString('latin1'); // every code page here is ASCII below 0x80
  if (encoding === 'gb18030') return gb18030.decode(bytes);
  return encoding === 'epson-page1' ? decodePage1(bytes) : iconv.decode(bytes, encoding);
}

export class LineBuffer {
  private readonly bytes = Buffer.alloc(MAX_LINE_BYTES);
  private runs: { start: number; style: RunStyle }[] = [];
  /** The alignment in force when the line's first byte came: ESC a counts only at the start of a line. */
  private align: Align | undefined;
  length = 0;

  get full(): boolean {
    return this.length === MAX_LINE_BYTES;
  }

  /** Appends what fits of `buf[from, to)` in `style`; returns how many bytes it took. */
  append(buf: Buffer, from: number, to: number, style: RunStyle, align: Align): number {
    if (this.runs[this.runs.length - 1]?.style !== style) this.runs.push({ start: this.length, style });
    this.align ??= align;
    const take = Math.min(to - from, MAX_LINE_BYTES - this.length);
    buf.copy(this.bytes, this.length, from, from + take);
    this.length += take;
    return take;
  }

  /** The line's text so far, merged into spans of one look. */
  spans(): PrintedSpan[] {
    const spans: PrintedSpan[] = [];
    this.runs.forEach((run, k) => {
      const stop = this.runs[k + 1]?.start ?? this.length;
      const text = decodeText(this.bytes.subarray(run.start, stop), run.style.encoding);
      if (!text) return;
      const { bold, underline, size } = run.style;
      const prev = spans[spans.length - 1];
      if (prev && prev.bold === bold && prev.underline === underline && prev.size === size) prev.text += text;
      else spans.push({ text, bold, underline, size });
    });
    return spans;
  }

  /** Prints the line: its text item (styled like its first character, or `current` when empty); then empty. */
  take(current: PrintedStyle, align: Align): PrintedItem {
    const spans = this.spans();
    const first = spans[0] ?? current;
    const item: PrintedItem = {
      type: 'text',
      text: spans.map((s) => s.text).join(''),
      align: this.align ?? align,
      bold: first.bold,
      underline: first.underline,
      size: first.size,
    };
    if (spans.length > 1) item.spans = spans;
    this.clear();
    return item;
  }

  clear(): void {
    this.length = 0;
    this.runs = [];
    this.align = undefined;
  }
}
