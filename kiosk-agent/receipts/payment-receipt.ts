import type { PrintDocument, PrintLine, TextLine } from '../../hardware/printer/print-document.ts';
import { charColumns, DEFAULT_COLUMNS } from '../../hardware/printer/print-document.ts';
import type { Payment, PaymentState } from '../../hub-server/modules/billing/billing.contract.ts';

/** The kiosk as the receipt names it. */
export interface ReceiptKiosk {
  id: string;
  name: string;
  /** IANA zone the receipt's times are shown in (the kiosk's, not the PC's). */
  timeZone: string;
}

/** Payments a paper receipt may be printed for: the money was taken (and maybe given back). */
export const PRINTABLE_STATES: readonly PaymentState[] = ['posted', 'paid', 'posting', 'refunded'];

const STATE_WORDS: Partial<Record<PaymentState, string>> = {
  posted: '已入账 POSTED',
  paid: '已支付 PAID',
  posting: '入账中 POSTING',
  refunded: '已退款 REFUNDED',
};

const METHOD_WORDS: Record<Payment['method'], string> = {
  card: '银行卡 Card',
  qr: '扫码 QR',
  'payment-code': '付款码 Wallet',
};

/**
 * The paper receipt of a bill payment as a printer document (58 mm, 32 columns): kiosk, biller,
 * masked account, items, fee, total, the time in the kiosk's zone, payment and gateway references,
 * the state (a refund says so in large type, with its reason) and the e-receipt's QR code. Pure.
 */
export function paymentReceipt(payment: Payment, kiosk: ReceiptKiosk, note?: string): PrintDocument {
  const { quote } = payment;
  const lines: PrintLine[] = [
    { text: kiosk.name, align: 'center', bold: true },
    { text: '缴费凭条', align: 'center', size: 'double' },
    { text: 'PAYMENT RECEIPT', align: 'center' },
  ];
  if (note) lines.push({ text: note, align: 'center', bold: true });
  if (payment.state === 'refunded') {
    lines.push({ text: '已退款 REFUNDED', align: 'center', size: 'double', bold: true });
    if (payment.reason) lines.push({ text: `原因 Reason: ${payment.reason}`, align: 'center' });
  }
  lines.push(
    { rule: 'single' },
    ...row('收款单位', quote.biller.name),
    ...row(quote.biller.account.label, quote.accountMasked),
    { rule: 'single' },
    ...quote.items.flatMap((item) => row(item.period, yuan(item.amountFen))),
    ...row('手续费 Fee', yuan(quote.feeFen)),
    ...row('合计 Total', yuan(quote.totalFen), true),
    { rule: 'single' },
    ...row('支付方式', METHOD_WORDS[payment.method]),
    ...row('交易时间', localTime(payment.createdAt, kiosk.timeZone)),
    ...row('终端 Kiosk', kiosk.id),
    ...row('状态 State', STATE_WORDS[payment.state] ?? payment.state),
    { text: '交易号 Payment' },
    ...fold(payment.id).map((text): TextLine => ({ text, align: 'right' })),
  );
  if (payment.gatewayRef) lines.push(...row('支付流水', payment.gatewayRef));
  if (payment.postingRef) lines.push(...row('入账编号', payment.postingRef));
  if (payment.receiptUrl) {
    lines.push(
      { rule: 'single' },
      { qr: payment.receiptUrl, size: 6, ecc: 'M' },
      { text: '扫码查看电子凭条', align: 'center' },
      { text: 'Scan for the e-receipt', align: 'center' },
    );
  }
  lines.push({ feed: 3 });
  return { lines, cut: 'partial' };
}

/** 1234 fen → "¥12.34". */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** An ISO time as "2026-11-25 18:43" in `timeZone`. */
export function localTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/** "label      value" across the paper; a pair that does not fit takes two lines. */
function row(label: string, value: string, bold?: boolean): TextLine[] {
  const gap = DEFAULT_COLUMNS - width(label) - width(value);
  const style = bold ? { bold } : {};
  if (gap >= 1) return [{ text: `${label}${' '.repeat(gap)}${value}`, ...style }];
  return [
    { text: label, ...style },
    { text: value, align: 'right', ...style },
  ];
}

/** A long reference cut after a dash into lines the paper holds, so the printer never breaks it mid-group. */
function fold(ref: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const part of ref.split(/(?<=-)/)) {
    if (line && width(line + part) > DEFAULT_COLUMNS) {
      out.push(line);
      line = '';
    }
    line += part;
  }
  return [...out, line];
}

function width(text: string): number {
  let columns = 0;
  for (const ch of text) columns += charColumns(ch.codePointAt(0) ?? 0);
  return columns;
}
