/**
 * The paper receipt of a bill payment, as the agent's printer document (lines,
 * QR, cut): biller, masked account, items, fee, total, time, kiosk id, the
 * transaction references and the e-receipt's QR code. Pure, so a test reads it.
 */

import type { PrintDocument, TextLine } from '../../../../hardware/printer/print-document.ts';
import type { Payment } from '../../../../hub-server/modules/billing/billing.contract.ts';
import { formatDate, formatMoney, formatTime, t } from '../../i18n/index.ts';
import { methodKeys } from './words.ts';

export type ReceiptDocument = PrintDocument;

/** Font A columns on the kiosk's 58 mm paper. */
const COLUMNS = 32;

export interface ReceiptFacts {
  payment: Payment;
  kioskId: string;
  printedAt: Date;
}

export function receiptDocument({ payment, kioskId, printedAt }: ReceiptFacts): ReceiptDocument {
  const { quote } = payment;
  const lines: PrintDocument['lines'] = [
    { text: t('bill.receipt.heading'), align: 'center', bold: true },
    { text: t('bill.receipt.title'), align: 'center', size: 'double' },
    { rule: 'single' },
    ...row(t('bill.receipt.biller'), quote.biller.name),
    ...row(quote.biller.account.label, quote.accountMasked),
    { rule: 'single' },
    ...quote.items.flatMap((item) => row(item.period, formatMoney(item.amountFen))),
    ...row(t('bill.quote.fee'), formatMoney(quote.feeFen)),
    ...row(t('bill.quote.total'), formatMoney(quote.totalFen), true),
    { rule: 'single' },
    ...row(t('bill.receipt.method'), t(methodKeys[payment.method])),
    ...row(t('bill.receipt.time'), `${formatDate(printedAt)} ${formatTime(printedAt)}`),
    ...row(t('bill.receipt.kiosk'), kioskId),
    ...row(t('bill.receipt.transaction'), payment.id),
  ];
  if (payment.gatewayRef) lines.push(...row(t('bill.receipt.gatewayRef'), payment.gatewayRef));
  if (payment.postingRef) lines.push(...row(t('bill.receipt.postingRef'), payment.postingRef));
  if (payment.receiptUrl) {
    lines.push(
      { rule: 'single' },
      { qr: payment.receiptUrl, size: 6, ecc: 'M' },
      { text: t('bill.receipt.scan'), align: 'center' },
    );
  }
  lines.push({ feed: 3 });
  return { lines, cut: 'partial' };
}

/** "label      value" across the paper; a pair that does not fit takes two lines (text holds no newlines). */
function row(label: string, value: string, bold?: boolean): TextLine[] {
  const gap = COLUMNS - width(label) - width(value);
  const style = bold ? { bold } : {};
  if (gap >= 1) return [{ text: `${label}${' '.repeat(gap)}${value}`, ...style }];
  return [
    { text: label, ...style },
    { text: value, align: 'right', ...style },
  ];
}

/** Columns a string takes on the receipt: a CJK character is two (a 24 × 24 dot cell). */
function width(text: string): number {
  let columns = 0;
  for (const ch of text) columns += (ch.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1;
  return columns;
}
