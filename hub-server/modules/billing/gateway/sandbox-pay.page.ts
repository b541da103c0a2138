import { Router } from 'express';
import type { SandboxGateway } from './sandbox-gateway.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const yuan = (fen: number) => (fen / 100).toFixed(2);

const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>
body{font:18px/1.5 system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#111}
.amount{font-size:2.5rem;font-weight:700}button{font-size:1.25rem;padding:1rem 3rem;min-height:64px;
border:0;border-radius:.5rem;background:#0a7d32;color:#fff}.note{color:#555;font-size:.9rem}</style></head>
<body>${body}<p class="note">沙箱支付页（测试用，不会真实扣款）· Sandbox payer page</p></body></html>`;

const OUTCOME: Record<string, string> = {
  paid: '支付成功',
  'already-paid': '该订单已支付',
  closed: '订单已关闭，无法支付',
  expired: '二维码已过期',
  none: '订单不存在',
};

/**
 * The sandbox gateway's payer page, where a dynamic QR code points: a phone (or a test) opens
 * `GET /sandbox/gateway/pay/:orderNo` and presses Pay; the sandbox then notifies the hub.
 */
export function sandboxPayRoutes(gateway: SandboxGateway): Router {
  const r = Router();
  r.get('/sandbox/gateway/pay/:orderNo', (req, res) => {
    const order = gateway.order(String(req.params.orderNo));
    if (!order) return void res.status(404).type('html').send(page('订单不存在', '<h1>订单不存在</h1>'));
    const form =
      order.state === 'open'
        ? `<form method="post"><button type="submit">确认支付 Pay</button></form>`
        : `<p>${esc(OUTCOME[order.state === 'paid' ? 'already-paid' : 'closed']!)}</p>`;
    res
      .type('html')
      .send(
        page(
          '确认支付',
          `<h1>${esc(order.subject)}</h1><p class="amount">¥${yuan(order.amountFen)}</p>${form}`,
        ),
      );
  });
  r.post('/sandbox/gateway/pay/:orderNo', async (req, res) => {
    const outcome = await gateway.payQr(String(req.params.orderNo));
    res
      .status(outcome === 'paid' ? 200 : outcome === 'none' ? 404 : 409)
      .type('html')
      .send(page(OUTCOME[outcome]!, `<h1 data-outcome="${outcome}">${esc(OUTCOME[outcome]!)}</h1>`));
  });
  return r;
}
