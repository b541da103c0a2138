import { afterEach, describe, expect, it } from 'vitest';
import { defaultLocale, formatMoney, formatNumber, setLocale } from '../../../kiosk-ui/src/i18n/index.ts';

afterEach(() => setLocale(defaultLocale));

describe('formatMoney', () => {
  it('when the kiosk speaks zh-CN, then fen are written as yuan with the ¥ sign and two decimals', () => {
    expect(formatMoney(12850)).toBe('¥128.50');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(0)).toBe('¥0.00');
    expect(formatMoney(123456789)).toBe('¥1,234,567.89');
  });

  it('when the kiosk speaks en, then the sum is whatever Intl writes for CNY in English', () => {
    setLocale('en');
    expect(formatMoney(12850)).toBe(
      new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(128.5),
    );
    expect(formatMoney(12850)).toMatch(/^CN¥128\.50$/);
  });

  it('when a sum of fen would be inexact as a float, then it is still written exactly', () => {
    // 0.1 + 0.2 in yuan is 30 fen; a float sum would print 0.30000000000000004.
    expect(formatMoney(10 + 20)).toBe('¥0.30');
    expect(formatMoney(1999)).toBe('¥19.99');
  });

  it('when given a fraction of a fen, NaN or Infinity, then it throws instead of showing a wrong sum', () => {
    expect(() => formatMoney(128.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatNumber', () => {
  it('when formatting a count, then digits are grouped as the current language groups them', () => {
    expect(formatNumber(12345)).toBe('12,345');
    setLocale('en');
    expect(formatNumber(1234567.5)).toBe('1,234,567.5');
  });
});
