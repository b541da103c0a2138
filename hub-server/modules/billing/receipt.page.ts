import { billerById } from './billers.ts';
import type { PaymentState } from './billing.contract.ts';
import type { QuoteRecord } from './billing.store.ts';
import type { PaymentRecord } from './payment.store.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Each state as a resident reads it on the receipt. */
export const STATE_WORDS: Record<PaymentState, string> = {
  created: '已创建，尚未付款',
  awaiting_payer: '等待付款',
  authorizing: '正在付款',
  paid: '已付款，正在入账',
  posting: '已付款，正在入账',
  posted: '缴费成功',
  failed: '未付款（交易已取消）',
  refunding: '入账失败，正在退款',
  refunded: '入账失败，款项已全额退回',
  unknown: '正在确认结果',
};

const METHOD_WORDS = { qr: '扫码支付', 'payment-code': '付款码支付', card: '银行卡支付' } as const;

/** Beijing time, as on a paper receipt: `2026-11-25 10:05:09`. */
function beijing(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** The printable e-receipt page (Chinese), for the QR code on the paper receipt. */
export function renderReceipt(p: PaymentRecord, q: QuoteRecord): string {
  const biller = billerById(q.billerId);
  const row = (label: string, value: string) => `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`;
  const items = q.items.map((i) => row(i.period, yuan(i.amountFen))).join('');
  const refs = [
    row('交易编号', p.id),
    ...(p.gatewayRef ? [row('支付流水号', p.gatewayRef)] : []),
    ...(p.postingRef ? [row('入账流水号', p.postingRef)] : []),
    ...(p.refundRef ? [row('退款流水号', p.refundRef)] : []),
  ].join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>电子回单 · ${esc(biller?.name ?? '')}</title><style>
body{font:16px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;max-width:30rem;margin:1.5rem auto;padding:0 1rem;color:#000}
h1{font-size:1.4rem;text-align:center;margin:0}.sub{text-align:center;margin:.25rem 0 1rem}
.state{font-size:1.3rem;font-weight:700;text-align:center;border:2px solid #000;padding:.5rem;margin:1rem 0}
table{width:100%;border-collapse:collapse}th{text-align:left;font-weight:400;color:#333;padding:.2rem 0}
td{text-align:right;padding:.2rem 0;word-break:break-all}tr.total td,tr.total th{font-weight:700;border-top:1px dashed #000}
@media print{body{margin:0}}</style></head><body>
<h1>福州市社区便民服务亭 · 电子回单</h1>
<p class="sub">${esc(biller?.name ?? q.billerId)}</p>
<p class="state" data-state="${p.state}">${esc(STATE_WORDS[p.state])}</p>
<table>
${row(biller?.account.label ?? '户号', q.accountMasked)}
${items}
${row('服务费', yuan(q.feeFen))}
<tr class="total"><th>合计</th><td>${yuan(q.totalFen)}</td></tr>
${row('支付方式', METHOD_WORDS[p.method])}
${row('时间', beijing(p.updatedAt))}
${row('服务亭编号', p.kioskId)}
${refs}
</table>
</body></html>`;
}
