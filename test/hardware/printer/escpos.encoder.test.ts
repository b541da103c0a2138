import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeDocument, encodeQr, PROLOGUE } from '../../../hardware/printer/escpos.encoder.ts';
import type { PrintDocument } from '../../../hardware/printer/print-document.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const h = (s: string): string => s.replace(/\s+/g, '');
/** The bytes between the prologue and the final cut. */
const body = (doc: PrintDocument, columns?: number): string => {
  const all = hex(encodeDocument({ ...doc, cut: 'none' }, { columns }));
  expect(all.startsWith(hex(PROLOGUE))).toBe(true);
  return all.slice(hex(PROLOGUE).length);
};

describe('encodeDocument — byte vectors', () => {
  it('when any document starts, then it sends ESC @, ESC R 0, ESC t 0 and FS & (Chinese mode)', () => {
    expect(hex(PROLOGUE)).toBe(h('1b40 1b5200 1b7400 1c26'));
    expect(body({ lines: [] })).toBe('');
  });

  it('when text is Chinese, then it is GB18030 followed by LF (中 = D6 D0, ¥ = 81 30 84 36)', () => {
    expect(body({ lines: [{ text: '中文 ¥1' }] })).toBe(h('d6d0 cec4 20 81308436 31 0a'));
    expect(body({ lines: [{ text: '缴费凭证' }] })).toBe(
      `${iconv.encode('缴费凭证', 'gb18030').toString('hex')}0a`,
    );
  });

  it.each([
    ['center', '1b6101'],
    ['right', '1b6102'],
  ] as const)('when a line is aligned %s, then ESC a n comes first', (align, bytes) => {
    expect(body({ lines: [{ text: 'A', align }] })).toBe(h(`${bytes} 41 0a`));
  });

  it('when a bold line is followed by a plain one, then ESC E 1 turns it on and ESC E 0 off', () => {
    expect(body({ lines: [{ text: 'A', bold: true }, { text: 'B' }] })).toBe(h('1b4501 41 0a 1b4500 42 0a'));
  });

  it.each([
    ['double-height', '01'],
    ['double-width', '10'],
    ['double', '11'],
  ] as const)('when the size is %s, then GS ! n is %s', (size, n) => {
    expect(body({ lines: [{ text: 'A', size }, { text: 'B' }] })).toBe(h(`1d21${n} 41 0a 1d2100 42 0a`));
  });

  it('when a line is underlined, then ESC - 1 and FS - 1 (Chinese) are sent, and 0 after', () => {
    expect(body({ lines: [{ text: 'A', underline: true }, { text: 'B' }] })).toBe(
      h('1b2d01 1c2d01 41 0a 1b2d00 1c2d00 42 0a'),
    );
  });

  it('when styles do not change between lines, then nothing is repeated', () => {
    expect(
      body({
        lines: [
          { text: 'A', bold: true },
          { text: 'B', bold: true },
        ],
      }),
    ).toBe(h('1b4501 41 0a 42 0a'));
  });

  it('when a rule is single or double, then it is "-" or "=" across the paper in the normal style', () => {
    expect(body({ lines: [{ rule: 'single' }] })).toBe(`${'2d'.repeat(32)}0a`);
    expect(body({ lines: [{ text: 'A', bold: true }, { rule: 'double' }] }, 48)).toBe(
      h(`1b4501 41 0a 1b4500 ${'3d'.repeat(48)} 0a`),
    );
  });

  it('when a QR is printed, then GS ( k functions 165, 167, 169, 180, 181 follow, centred', () => {
    expect(body({ lines: [{ qr: 'AB', size: 4, ecc: 'Q' }] })).toBe(
      h(`1b6101
        1d286b 0400 31 41 32 00
        1d286b 0300 31 43 04
        1d286b 0300 31 45 32
        1d286b 0500 31 50 30 4142
        1d286b 0300 31 51 30`),
    );
  });

  it('when a QR payload is long or Chinese, then pL pH count its UTF-8 bytes + 3', () => {
    // 300 bytes + cn, fn, m = 303 = 0x012F
    expect(hex(encodeQr('x'.repeat(300)))).toContain(h(`1d286b 2f01 31 50 30 ${'78'.repeat(300)} 1d286b`));
    expect(hex(encodeQr('中', 1, 'L'))).toContain(h('1d286b 0600 31 50 30 e4b8ad'));
    expect(hex(encodeQr('A'))).toContain(h('1d286b 0300 31 43 06 1d286b 0300 31 45 31')); // defaults: size 6, M
  });

  it('when a feed is asked for, then ESC d n; a feed of 0 sends nothing', () => {
    expect(body({ lines: [{ feed: 3 }, { feed: 0 }] })).toBe(h('1b6403'));
  });

  it.each([
    [undefined, '1d564200'],
    ['partial', '1d564200'],
    ['full', '1d564100'],
  ] as const)('when the cut is %s, then the document ends with GS V %s', (cut, bytes) => {
    expect(hex(encodeDocument({ lines: [], cut })).endsWith(bytes)).toBe(true);
  });

  it('when the cut is none, then no GS V is sent', () => {
    expect(hex(encodeDocument({ lines: [], cut: 'none' }))).toBe(hex(PROLOGUE));
  });

  it('when text is wider than the paper, then it wraps to more lines; double width wraps at half', () => {
    expect(body({ lines: [{ text: 'abcd efgh' }] }, 6)).toBe(h('61626364 0a 65666768 0a'));
    expect(body({ lines: [{ text: '中中中中', size: 'double-width' }] }, 8)).toBe(
      h('1d2110 d6d0d6d0 0a d6d0d6d0 0a'),
    );
  });

  it('when text holds control characters despite the schema, then they become spaces, never commands', () => {
    expect(body({ lines: [{ text: 'A\u001b@\nB' }] })).toBe(h('41 20 40 20 42 0a'));
  });
});
