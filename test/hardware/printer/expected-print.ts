import { DEFAULT_QR_ECC, DEFAULT_QR_SIZE } from '../../../hardware/printer/escpos.encoder.ts';
import {
  DEFAULT_COLUMNS,
  isQrLine,
  isRuleLine,
  isTextLine,
  type PrintDocument,
  wrapText,
} from '../../../hardware/printer/print-document.ts';
import type { CutMode, PrintedItem } from '../../../hardware/printer/printed-document.ts';

/**
 * What a printer should print for a document, item by item: the document's
 * content as the decoder reports it (text wrapped to the paper, rules as a
 * row of '-' or '=', QR centred with the encoder's defaults).
 */
export function expectedPrint(
  doc: PrintDocument,
  columns = DEFAULT_COLUMNS,
): { items: PrintedItem[]; cut?: CutMode } {
  const items: PrintedItem[] = [];
  for (const line of doc.lines) {
    if (isTextLine(line)) {
      const size = line.size ?? 'normal';
      const wide = size === 'double-width' || size === 'double';
      for (const text of wrapText(line.text, wide ? Math.floor(columns / 2) : columns)) {
        items.push({
          type: 'text',
          text,
          align: line.align ?? 'left',
          bold: line.bold ?? false,
          underline: line.underline ?? false,
          size,
        });
      }
    } else if (isRuleLine(line)) {
      const text = (line.rule === 'double' ? '=' : '-').repeat(columns);
      items.push({ type: 'text', text, align: 'left', bold: false, underline: false, size: 'normal' });
    } else if (isQrLine(line)) {
      items.push({
        type: 'qr',
        data: line.qr,
        size: line.size ?? DEFAULT_QR_SIZE,
        ecc: line.ecc ?? DEFAULT_QR_ECC,
        align: 'center',
      });
    } else if (line.feed > 0) {
      items.push({ type: 'feed', lines: line.feed });
    }
  }
  const cut = doc.cut ?? 'partial';
  return cut === 'none' ? { items } : { items, cut };
}

/** A receipt a resident gets after paying a water bill: Chinese text, a rule, amounts, a QR. */
export const WATER_BILL_RECEIPT: PrintDocument = {
  lines: [
    { text: '亭子 缴费凭证', align: 'center', bold: true, size: 'double' },
    { rule: 'double' },
    { text: '业务: 水费 (自来水公司)' },
    { text: '户号: 3501**********1234' },
    { text: '金额: ¥128.50', bold: true, size: 'double-height' },
    { text: '交易号 TZ20240611-000123', underline: true },
    { rule: 'single' },
    { qr: 'https://tingzi.example/r/TZ20240611-000123', size: 5, ecc: 'M' },
    { text: '请妥善保管此凭证。Keep this receipt.', align: 'center' },
    { feed: 2 },
  ],
  cut: 'partial',
};
