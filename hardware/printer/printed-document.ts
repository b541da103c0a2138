import type { Align, QrEcc, TextSize } from './print-document.ts';

/** How a run of text looked on paper. */
export interface PrintedStyle {
  bold: boolean;
  underline: boolean;
  size: TextSize;
}

/** Part of a line printed in one style (only given when a line mixes styles). */
export interface PrintedSpan extends PrintedStyle {
  text: string;
}

/** What came out of the printer, item by item, as the ESC/POS decoder understood it. */
export type PrintedItem =
  /** One printed line; its style is that of its first character (or of the moment it was fed, when empty). */
  | ({ type: 'text'; text: string; align: Align; spans?: PrintedSpan[] } & PrintedStyle)
  /** `ESC d n` (n lines) or `ESC J n` (n dots, rounded to lines of 30 dots). */
  | { type: 'feed'; lines: number }
  /** `GS ( k` function 181 printing what function 180 stored. */
  | { type: 'qr'; data: string; size: number; ecc: QrEcc; align: Align }
  /** `GS k`, function A (NUL-terminated) or B (length-prefixed). */
  | { type: 'barcode'; system: number; data: string; align: Align }
  /** A raster or graphics image (`GS v 0`, `GS 8 L`/`GS ( L`, `ESC *`), skipped by its length. */
  | { type: 'image'; command: string; bytes: number; align: Align };

export type CutMode = 'full' | 'partial';

/** Why a document stopped before its end. */
export type PrintInterruption = 'paper-out' | 'cover-open' | 'jam' | 'offline' | 'error';

/** One receipt as it came out of the printer: from `ESC @` (or the last cut) to the next cut. */
export interface PrintedDocument {
  /** Increasing number, per simulator. */
  id: number;
  /** ISO time the document was finished (cut, re-initialised or interrupted). */
  printedAt: string;
  /** Font A columns of the paper it was printed on. */
  columns: number;
  items: PrintedItem[];
  cut?: CutMode;
  /** Set when printing stopped part-way. */
  interrupted?: PrintInterruption;
}

/** The plain text of a printed document, one line per text item (QR as `[QR …]`), for tests and logs. */
export function printedText(doc: Pick<PrintedDocument, 'items'>): string[] {
  return doc.items.flatMap(itemText);
}

function itemText(item: PrintedItem): string[] {
  switch (item.type) {
    case 'text':
      return [item.text];
    case 'feed':
      return Array.from({ length: item.lines }, () => '');
    case 'qr':
      return [`[QR ${item.data}]`];
    case 'barcode':
      return [`[barcode ${item.data}]`];
    default:
      return ['[image]'];
  }
}
