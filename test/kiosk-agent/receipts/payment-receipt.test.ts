import { describe, expect, it } from 'vitest';
import { isQrLine, isTextLine, printDocumentSchema } from '../../../hardware/printer/print-document.ts';
import type { Payment } from '../../../hub-server/modules/billing/billing.contract.ts';
import { paymentReceipt } from '../../../kiosk-agent/receipts/payment-receipt.ts';

const KIOSK = { id: 'k-gulou-001', name: '鼓楼区东街口社区服务亭', timeZone: 'Asia/Shanghai' };

function payment(over: Partial<Payment> = {}): Payment {
  return {
    id: '2f6c1d7e-0a0b-4c4d-9e9f-123456789abc',
    state: 'posted',
    method: 'card',
    quote: {
      id: 'q-1',
      biller: {
        id: 'fz-water',
        kind: 'water',
        name: '福州市自来水有限公司',
        account: { label: '户号', pattern: '^\\d{10}$', keypad: 'numeric', example: '3501234567' },
        barcode: true,
      },
      accountMasked: '35****4567',
      items: [{ billId: 'b-1', period: '2026-10', amountFen: 4_560 }],
      amountFen: 4_560,
      feeFen: 0,
      totalFen: 4_560,
      expiresAt: '2026-11-25T16:40:00.000Z',
    },
    gatewayRef: 'SBX-G-0001',
    postingRef: 'SBX-P-0001',
    receiptUrl: 'https://hub.example/r/abc',
    createdAt: '2026-11-25T16:30:00.000Z',
    updatedAt: '2026-11-25T16:30:02.000Z',
    ...over,
  };
}

const texts = (p: Payment) =>
  paymentReceipt(p, KIOSK)
    .lines.filter(isTextLine)
    .map((l) => l.text);

describe('the agent’s paper receipt of a bill payment (issue 7)', () => {
  it('when a payment is posted, then the receipt names kiosk, biller, masked account, items, total, local time, references, state and carries the e-receipt QR', () => {
    const doc = paymentReceipt(payment(), KIOSK);
    expect(printDocumentSchema.safeParse(doc).success).toBe(true);
    const lines = texts(payment()).join('\n');
    for (const part of [
      KIOSK.name,
      KIOSK.id,
      '福州市自来水有限公司',
      '35****4567',
      '2026-10',
      '¥45.60',
      '已入账 POSTED',
      'SBX-G-0001',
      'SBX-P-0001',
      // 16:30 UTC is half past midnight the next day in Fuzhou.
      '2026-11-26 00:30',
    ])
      expect(lines).toContain(part);
    expect(lines).not.toContain('REFUNDED');
    expect(doc.lines.filter(isQrLine)).toEqual([
      expect.objectContaining({ qr: 'https://hub.example/r/abc' }),
    ]);
    expect(doc.cut).toBe('partial');
  });

  it('when the money was refunded, then the receipt says 已退款 REFUNDED with the reason', () => {
    const lines = texts(payment({ state: 'refunded', reason: 'posting-failed', postingRef: undefined }));
    expect(lines).toContain('已退款 REFUNDED');
    expect(lines).toContain('原因 Reason: posting-failed');
    expect(lines.join('\n')).not.toContain('已入账');
  });

  it('when every line is measured, then none is wider than the 58 mm paper; the payment id folds after a dash', () => {
    const wide = paymentReceipt(payment(), KIOSK)
      .lines.filter(isTextLine)
      .filter((l) => [...l.text].reduce((n, c) => n + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0) > 32);
    expect(wide).toEqual([]);
    expect(texts(payment())).toEqual(expect.arrayContaining(['2f6c1d7e-0a0b-4c4d-9e9f-', '123456789abc']));
  });
});
