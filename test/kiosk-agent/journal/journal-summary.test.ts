/** What the journal keeps of a request or answer: ids whole, card and ID numbers masked, the rest left out. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journalSummary, maskAccount } from '../../../kiosk-agent/journal/journal-summary.ts';

describe('the journal summary', () => {
  it('when a payment id’s last group is all digits, then it stays whole and still names its payment', () => {
    const paymentId = '0b6c2a9e-5f7d-4c1e-9a3b-123456789012';
    expect(journalSummary({ paymentId, id: paymentId, state: 'paid' })).toEqual({
      paymentId,
      id: paymentId,
      state: 'paid',
    });
  });

  it('when any UUID is kept, then it comes back unchanged, in any field or inside a path', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(journalSummary({ paymentId: id })).toEqual({ paymentId: id });
        expect(journalSummary(`/api/v1/kiosk/billing/payments/${id}`)).toBe(
          `/api/v1/kiosk/billing/payments/${id}`,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('when a card or ID number appears, then only four characters each side survive', () => {
    expect(journalSummary({ reference: '6222021234567891234' })).toEqual({
      reference: '6222***********1234',
    });
    expect(journalSummary({ code: '35010219800101123X' })).toEqual({ code: '3501**********123X' });
    expect(maskAccount('6222 0212 3456 7891 234')).toBe('6222 **** **** 1234');
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{12,18}$/), (digits) => {
        const kept = journalSummary({ reference: `card ${digits} used` }) as { reference: string };
        expect(kept.reference).not.toContain(digits.slice(4, -4));
      }),
      { numRuns: 300 },
    );
  });

  it('when a field is not one the invariants need, then it is left out', () => {
    expect(journalSummary({ name: '张伟', phone: '13800138000', amountFen: 4280 })).toEqual({
      amountFen: 4280,
    });
  });
});
