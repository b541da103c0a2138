import { Router } from 'express';
import type { PaymentService } from './payment.service.ts';
import { renderReceipt } from './receipt.page.ts';

/**
 * `GET /r/:token`: a payment's e-receipt, for the QR code on the paper receipt. The token is
 * 144 random bits, so the link is the only key; the page holds nothing personal in clear.
 */
export function receiptRoutes({ payments }: { payments: PaymentService }): Router {
  const r = Router();
  r.get('/r/:token', async (req, res) => {
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' });
    const token = String(req.params.token);
    const found = /^[A-Za-z0-9_-]{24}$/.test(token) ? await payments.receipt(token) : undefined;
    if (!found)
      return void res.status(404).type('html').send('<!doctype html><meta charset="utf-8"><p>回单不存在</p>');
    res.type('html').send(renderReceipt(found.payment, found.quote));
  });
  return r;
}
