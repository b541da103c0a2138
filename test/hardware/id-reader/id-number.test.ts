import { describe, expect, it } from 'vitest';
import {
  idCheckCharacter,
  isCheckDigitValid,
  isExpired,
  maskIdNumber,
  maskName,
  todayIn,
} from '../../../hardware/id-reader/id-number.ts';

describe('GB 11643 check character', () => {
  it("when given the standard's own example 11010519491231002X, then the check character is X", () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(isCheckDigitValid('11010519491231002X')).toBe(true);
    expect(isCheckDigitValid('11010519491231002x')).toBe(true);
  });

  it.each([
    ['350102198506121235', true],
    ['350102198506121234', false],
    ['350103196005204320', true],
    ['350103199003152348', true],
    ['35010219850612123', false],
    ['3501021985061212355', false],
    ['35010219850612123A', false],
    ['', false],
  ])('when the number is %s, then valid is %s', (id, valid) => {
    expect(isCheckDigitValid(id)).toBe(valid);
  });

  it('when the first 17 are not all digits, then there is no check character', () => {
    expect(idCheckCharacter('3501021985061212X')).toBeNull();
    expect(idCheckCharacter('123')).toBeNull();
  });

  it('when each check value 0..10 is reached, then the table "10X98765432" is used', () => {
    // Vary the 16th and 17th digits (weights 4 and 2): the sums cover every residue mod 11.
    const seen = new Set<string>();
    for (let a = 0; a < 10; a++)
      for (let b = 0; b < 10; b++) seen.add(idCheckCharacter(`350102198506121${a}${b}`)!);
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });
});

describe('masking', () => {
  it('when an ID number is masked, then only the first four and last four remain', () => {
    expect(maskIdNumber('35010219900101123X')).toBe('3501**********123X');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('when a name is masked, then only the family name remains', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskName('')).toBe('');
  });
});

describe('expiry', () => {
  it('when validUntil is before today, then expired; on the day itself, not yet', () => {
    expect(isExpired('20200315', '20261125')).toBe(true);
    expect(isExpired('20261125', '20261125')).toBe(false);
    expect(isExpired('20361125', '20261125')).toBe(false);
  });

  it('when validUntil is 长期, then it never expires; garbage counts as expired', () => {
    expect(isExpired('长期', '99991231')).toBe(false);
    expect(isExpired('2020-03-15', '20261125')).toBe(true);
  });

  it('when it is 17:00 UTC, then today in Asia/Shanghai is already the next day', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-11-25T17:00:00Z'))).toBe('20261126');
    expect(todayIn('UTC', new Date('2026-11-25T17:00:00Z'))).toBe('20261125');
  });
});
