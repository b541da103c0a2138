import { describe, expect, it } from 'vitest';
import { ReceiptMemory } from '../../../kiosk-agent/session/receipt-memory.ts';

describe('ReceiptMemory', () => {
  it('when two minutes have passed since the last print, then there is no last receipt any more', () => {
    let now = 1_000;
    const memory = new ReceiptMemory(120_000, () => now);
    expect(memory.lastReceipt()).toBeUndefined();
    memory.remember({ lines: [{ text: '缴费成功' }] }, '2026-11-25T08:00:00.000Z');
    now += 120_000;
    expect(memory.lastReceipt()).toEqual({
      document: { lines: [{ text: '缴费成功' }] },
      printedAt: '2026-11-25T08:00:00.000Z',
    });
    now += 1;
    expect(memory.lastReceipt()).toBeUndefined();
  });
});
