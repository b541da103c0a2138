import iconv from 'iconv-lite';
import { commandLength, LEN } from './escpos-command-lengths.ts';
import { CODE_PAGES, LineBuffer, type RunStyle } from './escpos-line.ts';
import { type Align, displayWidth, type QrEcc, type TextSize } from './print-document.ts';
import type { CutMode, PrintedItem } from './printed-document.ts';
import { DLE, EOT, type StatusRequest } from './printer-status.frame.ts';

/**
 * The printer's side of ESC/POS: host bytes in, what the printer does out —
 * real-time status requests, initialisation, printed lines (GB18030 in Chinese
 * mode, the `ESC t` code page otherwise), QR codes, barcodes, images (skipped by
 * their length), feeds and cuts. Streaming and pure: `push` any chunking, no
 * timers, no I/O, never throws, bounded memory (a line holds at most
 * MAX_LINE_BYTES, a buffered command at most 65 540 bytes; image data is
 * counted off, not kept).
 *
 * Command set: Epson "ESC/POS Command Reference" (TM-T88 series) plus the
 * Chinese extensions (FS &, FS ., FS -, FS !, FS W, FS S; SP91 User Manual,
 * HCC POS80B Technical Manual). Lengths of every command it skips are in
 * `escpos-command-lengths.ts`.
 */

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const LF = 0x0a;
const HT = 0x09;

/** Font A character width in dots (12 × 24), to turn `ESC $` / `ESC \` positions into columns. */
const CHAR_DOTS = 12;
/** Line height in dots at the default spacing (ESC 2: 1/6 inch at 180 dpi ≈ 30 dots), for `ESC J`. */
const LINE_DOTS = 30;

export { MAX_LINE_BYTES } from './escpos-line.ts';

export type DecodedEvent =
  | { type: 'status-request'; n: StatusRequest }
  | { type: 'initialize' }
  | { type: 'item'; item: PrintedItem }
  | { type: 'cut'; mode: CutMode };

export interface EscPosDecoderOptions {
  /**
   * Whether the printer is in Chinese character mode after power-on and `ESC @`.
   * Chinese models are ("Chinese character mode is selected when the power is
   * turned on", HCC POS80B manual, FS .); an Epson export model is not.
   */
  chineseMode?: boolean;
}

export interface EscPosDecoderCounters {
  /** Commands recognised (text bytes not counted). */
  commands: number;
  /** ESC/FS/GS sequences it did not know, skipped as two bytes. */
  unknownCommands: number;
  /** Image and other payload bytes counted off without being kept. */
  skippedBytes: number;
  textBytes: number;
  /** Bytes of a partial command given up by `flush`. */
  droppedBytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** QR payloads are bytes; most hosts send UTF-8, Chinese ones sometimes GB18030. */
function decodeQrData(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

function sizeOf(width: number, height: number): TextSize {
  if (width > 1 && height > 1) return 'double';
  if (width > 1) return 'double-width';
  if (height > 1) return 'double-height';
  return 'normal';
}

const ALIGNS: Align[] = ['left', 'center', 'right'];
const ECCS: QrEcc[] = ['L', 'M', 'Q', 'H'];

/** Where a multi-part payload (ESC & user characters, FS q NV images) is. */
interface MultiPart {
  kind: 'user-chars' | 'nv-images';
  remaining: number;
  /** ESC &: bytes per column (y). */
  y: number;
}

export class EscPosDecoder {
  private readonly initialChinese: boolean;
  private readonly stats: EscPosDecoderCounters = {
    commands: 0,
    unknownCommands: 0,
    skippedBytes: 0,
    textBytes: 0,
    droppedBytes: 0,
  };
  private out: DecodedEvent[] = [];
  /** An incomplete command from the last chunk, and how long it is when known (0: not yet). */
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private need = 0;
  private skip = 0;
  private multi: MultiPart | undefined;
  // Print modes (reset by ESC @).
  private align: Align = 'left';
  private bold = false;
  private underline = false;
  private cjkUnderline = false;
  private width = 1;
  private height = 1;
  private chinese: boolean;
  private codePage = 0;
  private qr = { size: 3, ecc: 'L' as QrEcc, data: undefined as Buffer | undefined };
  /** The line being composed. */
  private readonly line = new LineBuffer();
  private style: RunStyle | undefined;

  constructor({ chineseMode = true }: EscPosDecoderOptions = {}) {
    this.initialChinese = chineseMode;
    this.chinese = chineseMode;
  }

  get counters(): Readonly<EscPosDecoderCounters> {
    return { ...this.stats };
  }

  /** Bytes held back because they start a command not yet complete. */
  get pendingBytes(): number {
    return this.pendingLength;
  }

  /** Bytes of the current, not yet printed line. */
  get lineBytesHeld(): number {
    return this.line.length;
  }

  /** Decodes the next chunk of host bytes. */
  push(chunk: Uint8Array): DecodedEvent[] {
    this.out = [];
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pendingLength) {
      this.pending.push(buf);
      this.pendingLength += buf.length;
      // A long command (GS ( k with its data) arrives in many chunks: wait for all of it before parsing.
      if (this.need && this.pendingLength < this.need) return this.out;
      buf = Buffer.concat(this.pending, this.pendingLength);
      this.pending = [];
      this.pendingLength = 0;
      this.need = 0;
    }
    this.run(buf);
    return this.out;
  }

  /** Gives up on a partial command (after an inter-byte timeout), and on a payload still being counted off. */
  flush(): DecodedEvent[] {
    this.stats.droppedBytes += this.pendingLength;
    this.pending = [];
    this.pendingLength = 0;
    this.need = 0;
    this.skip = 0;
    this.multi = undefined;
    return [];
  }

  /** Prints the line still in the buffer (what the FEED button would do), e.g. at the end of a byte dump. */
  end(): DecodedEvent[] {
    this.out = [];
    this.flush();
    if (this.line.length) this.printLine();
    return this.out;
  }

  private run(buf: Buffer): void {
    const end = buf.length;
    let i = 0;
    while (i < end) {
      if (this.skip) {
        const n = Math.min(this.skip, end - i);
        this.skip -= n;
        this.stats.skippedBytes += n;
        i += n;
        continue;
      }
      if (this.multi) {
        const header = this.multi.kind === 'user-chars' ? 1 : 4;
        if (end - i < header) {
          this.hold(buf, i, header);
          return;
        }
        this.multi.remaining -= 1;
        this.skip =
          this.multi.kind === 'user-chars'
            ? this.multi.y * buf[i]!
            : (buf[i]! | (buf[i + 1]! << 8)) * (buf[i + 2]! | (buf[i + 3]! << 8)) * 8;
        if (this.multi.remaining <= 0) this.multi = undefined;
        i += header;
        continue;
      }
      const b = buf[i]!;
      if (b >= 0x20) {
        let j = i + 1;
        while (j < end && buf[j]! >= 0x20) j++;
        this.appendText(buf, i, j);
        i = j;
        continue;
      }
      if (b === LF) {
        this.printLine();
        i += 1;
        continue;
      }
      if (b === HT) {
        // Default tab stops every 8 characters (ESC D not honoured beyond that).
        const spaces = Buffer.alloc(8 - (this.line.length % 8), 0x20);
        this.appendText(spaces, 0, spaces.length);
        i += 1;
        continue;
      }
      if (b !== DLE && b !== ESC && b !== FS && b !== GS) {
        i += 1; // CR, NUL and other controls: nothing printed
        continue;
      }
      const length = this.command(buf, i, end);
      if (length <= 0) {
        this.hold(buf, i, -length);
        return;
      }
      i += length;
    }
  }

  /** Keeps an incomplete command for the next chunk; `total` is its full length when known. */
  private hold(buf: Buffer, from: number, total: number): void {
    const rest = Buffer.from(buf.subarray(from));
    this.pending = [rest];
    this.pendingLength = rest.length;
    this.need = total;
  }

  /** Handles the command at `i`; returns its length, or −(length needed) / 0 when incomplete. */
  private command(buf: Buffer, i: number, end: number): number {
    const avail = end - i;
    if (avail < 2) return 0;
    const a = buf[i]!;
    const c = buf[i + 1]!;
    const spec = commandLength(a, c, buf, i, avail);
    if (spec === LEN.INCOMPLETE) return 0;
    if (typeof spec === 'object') {
      // Header complete, payload counted off (or, for multi-part payloads, walked part by part).
      this.stats.commands += 1;
      if ('multi' in spec) {
        if (spec.multi.remaining > 0) this.multi = spec.multi;
      } else {
        this.skip = spec.skip;
        this.imageOrSkip(a, c, spec.header + spec.skip, spec.image);
      }
      return spec.header;
    }
    if (spec === LEN.UNKNOWN) {
      this.stats.unknownCommands += 1;
      return 2;
    }
    if (avail < spec) return -spec;
    this.stats.commands += 1;
    this.execute(a, c, buf, i, spec);
    return spec;
  }

  private imageOrSkip(a: number, c: number, bytes: number, image: boolean): void {
    if (!image) return;
    if (this.line.length) this.printLine();
    const name =
      a === ESC ? 'ESC *' : c === 0x76 ? 'GS v 0' : c === 0x38 ? 'GS 8 L' : c === 0x2a ? 'GS *' : 'GS Q 0';
    this.item({ type: 'image', command: name, bytes, align: this.align });
  }

  private execute(a: number, c: number, buf: Buffer, i: number, length: number): void {
    const n = buf[i + 2] ?? 0;
    if (a === DLE) {
      if (c === EOT && n >= 1 && n <= 4) this.out.push({ type: 'status-request', n: n as StatusRequest });
      return;
    }
    if (a === ESC) {
      switch (c) {
        case 0x40: // ESC @: clears the print buffer, back to power-on modes
          this.reset();
          this.out.push({ type: 'initialize' });
          return;
        case 0x21: // ESC ! n: bit 3 emphasised, 4 double height, 5 double width, 7 underline
          this.bold = (n & 0x08) !== 0;
          this.height = n & 0x10 ? 2 : 1;
          this.width = n & 0x20 ? 2 : 1;
          this.underline = (n & 0x80) !== 0;
          break;
        case 0x61: // ESC a n: 0/48 left, 1/49 centre, 2/50 right
          this.align = ALIGNS[n % 48] ?? this.align;
          break;
        case 0x45: // ESC E n: LSB
          this.bold = (n & 1) === 1;
          break;
        case 0x2d: // ESC - n: 0/48 off, 1/49 one dot, 2/50 two dots
          this.underline = n % 48 !== 0;
          break;
        case 0x74: // ESC t n: character code table
          this.codePage = n;
          break;
        case 0x64: // ESC d n: print and feed n lines
          if (this.line.length) this.printLine();
          if (n) this.item({ type: 'feed', lines: n });
          return;
        case 0x4a: {
          // ESC J n: print and feed n dots
          if (this.line.length) this.printLine();
          const lines = Math.round(n / LINE_DOTS);
          if (lines) this.item({ type: 'feed', lines });
          return;
        }
        case 0x69: // ESC i: full cut (obsolete)
        case 0x6d: // ESC m: partial cut (obsolete)
          this.cut(c === 0x69 ? 'full' : 'partial');
          return;
        case 0x24: // ESC $ nL nH: absolute position in dots
          this.moveTo(Math.floor((n | (buf[i + 3]! << 8)) / CHAR_DOTS), false);
          return;
        case 0x5c: // ESC \ nL nH: relative position (signed)
          this.moveTo(Math.trunc((((n | (buf[i + 3]! << 8)) << 16) >> 16) / CHAR_DOTS), true);
          return;
        default:
          return; // ESC R, ESC M, ESC 3, ESC SP, ESC {, ESC p, ...: no effect on what the text says
      }
      this.style = undefined;
      return;
    }
    if (a === FS) {
      switch (c) {
        case 0x26: // FS &: Chinese character mode
        case 0x2e: // FS .: cancel Chinese character mode
          this.chinese = c === 0x26;
          break;
        case 0x2d: // FS - n: underline for Chinese characters
          this.cjkUnderline = n % 48 !== 0;
          break;
        case 0x21: // FS ! n: Chinese print mode, bit 7 underline
          this.cjkUnderline = (n & 0x80) !== 0;
          break;
        default:
          return;
      }
      this.style = undefined;
      return;
    }
    // GS
    switch (c) {
      case 0x21: // GS ! n: bits 4-6 width − 1, bits 0-2 height − 1
        this.width = ((n >> 4) & 7) + 1;
        this.height = (n & 7) + 1;
        this.style = undefined;
        return;
      case 0x56: // GS V m [n]
        this.cut(n === 0 || n === 48 || n === 65 || n === 97 || n === 103 ? 'full' : 'partial');
        return;
      case 0x28: // GS ( k: 2D codes
        if (n === 0x6b) this.qrFunction(buf, i, length);
        return;
      case 0x6b: // GS k: barcode, function A (m 0-6, NUL-terminated) or B (m 65-79, length-prefixed)
        this.barcode(buf, i, length);
        return;
      default:
        return;
    }
  }

  private qrFunction(buf: Buffer, i: number, length: number): void {
    const cn = buf[i + 5];
    const fn = buf[i + 6];
    if (cn !== 0x31 || length < 8) return; // cn 49: QR Code
    const p = buf[i + 7]!;
    switch (fn) {
      case 0x43: // Function 167: module size 1-16
        if (p >= 1 && p <= 16) this.qr.size = p;
        return;
      case 0x45: // Function 169: 48-51 = L, M, Q, H
        this.qr.ecc = ECCS[p - 48] ?? this.qr.ecc;
        return;
      case 0x50: // Function 180: store d1..dk after m
        this.qr.data = Buffer.from(buf.subarray(i + 8, i + length));
        return;
      case 0x51: // Function 181: print the stored symbol
        if (!this.qr.data) return;
        if (this.line.length) this.printLine();
        this.item({
          type: 'qr',
          data: decodeQrData(this.qr.data),
          size: this.qr.size,
          ecc: this.qr.ecc,
          align: this.align,
        });
        return;
      default:
        return; // Function 165 (model) and 182 (size info) change nothing printed
    }
  }

  private barcode(buf: Buffer, i: number, length: number): void {
    const m = buf[i + 2]!;
    const data = m <= 6 ? buf.subarray(i + 3, i + length - 1) : buf.subarray(i + 4, i + length);
    if (this.line.length) this.printLine();
    this.item({ type: 'barcode', system: m, data: data.toString('latin1'), align: this.align });
  }

  private cut(mode: CutMode): void {
    if (this.line.length) this.printLine();
    this.out.push({ type: 'cut', mode });
  }

  private moveTo(columns: number, relative: boolean): void {
    if (columns <= 0 || columns > 255) return;
    const now = relative ? 0 : this.lineWidthSoFar();
    const spaces = relative ? columns : columns - now;
    if (spaces > 0) this.appendText(Buffer.alloc(spaces, 0x20), 0, spaces);
  }

  private lineWidthSoFar(): number {
    return displayWidth(this.line.spans().reduce((line, span) => line + span.text, ''));
  }

  private reset(): void {
    this.align = 'left';
    this.bold = false;
    this.underline = false;
    this.cjkUnderline = false;
    this.width = 1;
    this.height = 1;
    this.chinese = this.initialChinese;
    this.codePage = 0;
    this.qr = { size: 3, ecc: 'L', data: undefined };
    this.style = undefined;
    this.line.clear();
  }

  private currentStyle(): RunStyle {
    this.style ??= {
      bold: this.bold,
      underline: this.underline || (this.chinese && this.cjkUnderline),
      size: sizeOf(this.width, this.height),
      encoding: this.chinese ? 'gb18030' : (CODE_PAGES[this.codePage] ?? 'cp437'),
    };
    return this.style;
  }

  private appendText(buf: Buffer, from: number, to: number): void {
    this.stats.textBytes += to - from;
    while (from < to) {
      if (this.line.full) this.printLine();
      from += this.line.append(buf, from, to, this.currentStyle(), this.align);
    }
  }

  private printLine(): void {
    this.item(this.line.take(this.currentStyle(), this.align));
  }

  private item(item: PrintedItem): void {
    this.out.push({ type: 'item', item });
  }
}

/**
 * Decodes a whole byte dump into the documents it prints: one per cut, and one
 * per `ESC @` that follows printed content (a receipt torn off without a cut).
 */
export function decodeEscPos(
  bytes: Uint8Array,
  options?: EscPosDecoderOptions,
): { items: PrintedItem[]; cut?: CutMode }[] {
  const decoder = new EscPosDecoder(options);
  const documents: { items: PrintedItem[]; cut?: CutMode }[] = [];
  let items: PrintedItem[] = [];
  for (const event of [...decoder.push(bytes), ...decoder.end()]) {
    if (event.type === 'item') items.push(event.item);
    else if (event.type === 'cut') {
      documents.push({ items, cut: event.mode });
      items = [];
    } else if (event.type === 'initialize' && items.length) {
      documents.push({ items });
      items = [];
    }
  }
  if (items.length) documents.push({ items });
  return documents;
}
