import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  padToColumns,
  printDocumentSchema,
  wrapText,
} from '../../../hardware/printer/print-document.ts';
import { WATER_BILL_RECEIPT } from './expected-print.ts';

describe('printDocumentSchema', () => {
  it('when the document is a valid receipt, then it parses unchanged', () => {
    expect(printDocumentSchema.parse(WATER_BILL_RECEIPT)).toEqual(WATER_BILL_RECEIPT);
  });

  it.each([
    ['a control character in text', { lines: [{ text: 'a\u001bb' }] }],
    ['an unknown key', { lines: [{ text: 'a', colour: 'red' }] }],
    ['a QR module size of 17', { lines: [{ qr: 'a', size: 17 }] }],
    ['an empty QR payload', { lines: [{ qr: '' }] }],
    ['a QR over 2953 bytes', { lines: [{ qr: '中'.repeat(1000) }] }],
    ['a feed of 33 lines', { lines: [{ feed: 33 }] }],
    ['an unknown cut', { lines: [], cut: 'half' }],
    ['raw bytes', { bytes: '1b40' }],
  ])('when it has %s, then it is rejected', (_what, doc) => {
    expect(printDocumentSchema.safeParse(doc).success).toBe(false);
  });
});

describe('columns', () => {
  it('when text is CJK, then each character counts two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('社区')).toBe(4);
    expect(displayWidth('金额: ¥1')).toBe(8);
    expect(displayWidth('ＡＢ')).toBe(4); // fullwidth forms
  });

  it('when a CJK line is wider than the paper, then it breaks at 32 columns, not 32 characters', () => {
    const line = '一二三四五六七八九十'.repeat(2);
    expect(wrapText(line, 32)).toEqual(['一二三四五六七八九十一二三四五六', '七八九十']);
  });

  it('when a Latin word would be split, then the line breaks at the space before it', () => {
    expect(wrapText('Keep this receipt safe', 12)).toEqual(['Keep this', 'receipt safe']);
    expect(wrapText('abcdefghijklmnop', 8)).toEqual(['abcdefgh', 'ijklmnop']);
  });

  it('when padding to columns, then CJK width is respected', () => {
    expect(padToColumns('金额', 8, 'right')).toBe('    金额');
    expect(padToColumns('ab', 6, 'center')).toBe('  ab  ');
  });
});
