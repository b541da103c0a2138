import { describe, expect, it } from 'vitest';
import { accountMatches, BILLERS, FEE_KINDS } from '../../../hub-server/modules/billing/billers.ts';
import { FINAL_PAYMENT_STATES } from '../../../hub-server/modules/billing/billing.contract.ts';
import {
  canTransition,
  convenienceFeeFen,
  decodeBillBarcode,
  encodeBillBarcode,
  isCharged,
  isFinal,
  lateFeeFen,
  luhnDigit,
  maskAccount,
  PAYMENT_STATES,
  TRANSITIONS,
} from '../../../hub-server/modules/billing/domain.ts';

describe('billing domain (issue 7)', () => {
  it('when a payment is final, then no transition leaves it; the final states match the contract', () => {
    for (const s of PAYMENT_STATES) expect(isFinal(s)).toBe(FINAL_PAYMENT_STATES.includes(s));
    for (const s of FINAL_PAYMENT_STATES) expect(TRANSITIONS[s]).toEqual([]);
  });

  it('when money has moved, then the payment can only go on towards posted or refunded, never failed', () => {
    const charged = ['paid', 'posting', 'refunding'] as const;
    for (const s of charged) expect(canTransition(s, 'failed')).toBe(false);
    expect(canTransition('paid', 'posting')).toBe(true);
    expect(canTransition('posting', 'posted')).toBe(true);
    expect(canTransition('posting', 'refunding')).toBe(true);
    expect(canTransition('refunding', 'refunded')).toBe(true);
    expect(canTransition('awaiting_payer', 'posting')).toBe(false);
    expect(canTransition('created', 'paid')).toBe(false);
  });

  it('when a payment is unknown, then it leaves only to what the lost stage allows', () => {
    expect(canTransition('unknown', 'paid', 'charge')).toBe(true);
    expect(canTransition('unknown', 'failed', 'charge')).toBe(true);
    expect(canTransition('unknown', 'failed', 'post')).toBe(false);
    expect(canTransition('unknown', 'posted', 'post')).toBe(true);
    expect(canTransition('unknown', 'posted', 'charge')).toBe(false);
    expect(canTransition('unknown', 'refunded', 'refund')).toBe(true);
    expect(canTransition('unknown', 'paid')).toBe(false);
    expect(isCharged('unknown', 'charge')).toBe(false);
    expect(isCharged('unknown', 'post')).toBe(true);
    expect(isCharged('refunded')).toBe(true);
    expect(isCharged('failed')).toBe(false);
  });

  it('when the fee is worked out, then most kinds pay none, parking 0.5 % within 0.50–5.00 yuan and cable TV 1 yuan', () => {
    expect(convenienceFeeFen('water', 123_456)).toBe(0);
    expect(convenienceFeeFen('parking', 1_000)).toBe(50);
    expect(convenienceFeeFen('parking', 30_001)).toBe(151);
    expect(convenienceFeeFen('parking', 1_000_000)).toBe(500);
    expect(convenienceFeeFen('cable-tv', 2_650)).toBe(100);
  });

  it('when a bill is past due, then the late fee is 0.05 % of the principal per day; none on or before the due date', () => {
    expect(lateFeeFen(10_000, '2026-11-01', '2026-11-11')).toBe(50);
    expect(lateFeeFen(4_620, '2026-09-20', '2026-11-25')).toBe(152);
    expect(lateFeeFen(10_000, '2026-11-11', '2026-11-11')).toBe(0);
    expect(lateFeeFen(10_000, '2026-12-01', '2026-11-11')).toBe(0);
  });

  it('when a bill barcode is encoded, then it decodes to the same biller and account; a misread digit is refused', () => {
    const code = encodeBillBarcode('011', '3501234567');
    expect(code).toMatch(/^980113501234567\d$/);
    expect(decodeBillBarcode(code)).toEqual({ billerCode: '011', account: '3501234567' });
    const misread = code.slice(0, 8) + String((Number(code[8]) + 1) % 10) + code.slice(9);
    expect(decodeBillBarcode(misread)).toBeNull();
    expect(decodeBillBarcode('134000000000000001')).toBeNull();
    expect(luhnDigit('7992739871')).toBe('3');
  });

  it('when an account is masked, then only its ends remain', () => {
    expect(maskAccount('3501237788')).toBe('35****7788');
    expect(maskAccount('20261234')).toBe('2*****34');
    expect(maskAccount('350102195001011234')).toBe('35************1234');
  });

  it('when the catalog is read, then all thirteen kinds have a biller and every example fits its own pattern', () => {
    expect(new Set(BILLERS.map((b) => b.kind))).toEqual(new Set(FEE_KINDS));
    expect(FEE_KINDS).toHaveLength(13);
    for (const b of BILLERS) expect(accountMatches(b, b.account.example), b.id).toBe(true);
    expect(new Set(BILLERS.map((b) => b.code)).size).toBe(BILLERS.length);
    expect(new Set(BILLERS.map((b) => b.id)).size).toBe(BILLERS.length);
  });
});
