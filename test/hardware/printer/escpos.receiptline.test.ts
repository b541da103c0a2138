import receiptline from 'receiptline';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../hardware/printer/escpos.decoder.ts';
import { printedText } from '../../../hardware/printer/printed-document.ts';

/**
 * Another encoder's bytes: receiptline (npm) turns its receipt markdown into
 * ESC/POS with absolute positions (ESC $), Kanji/Chinese mode switches
 * (FS C, FS &, FS .), code page switches (ESC t), GS 8 L / GS v 0 images for
 * QR codes, GS k barcodes and GS V cuts.
 */
const DOC = `^^^社区缴费
"Bold" _under_ normal
中|
-
金额 | ¥128.50
{code:https://tingzi.example/r/1; option:qrcode,4,m}
{code:4006381333931; option:ean,hri}
=
Café ½ €5
`;

type Printer = NonNullable<Parameters<typeof receiptline.transform>[1]>;

const transform = (encoding: Printer['encoding'], command: Printer['command'] = 'escpos'): Buffer =>
  Buffer.from(receiptline.transform(DOC, { command, encoding, cpl: 32, cutting: true }), 'binary');

describe('EscPosDecoder on receiptline output', () => {
  it('when receiptline encodes GB18030, then the Chinese text, styles, rule, image, barcode and cuts come back', () => {
    const docs = decodeEscPos(transform('gb18030'));
    expect(docs.map((d) => d.cut)).toEqual(['partial', 'partial']);
    const [first, second] = docs;
    expect(printedText(first!).map((t) => t.trim())).toEqual([
      '社区缴费',
      'Bold under normal',
      '中',
      '─'.repeat(32),
      '金额                    ¥128.50',
      '[image]',
      '[barcode 400638133393]',
    ]);
    // Positions: the title is centred (8 columns in for 16 columns of double-width hanzi), 中 right-aligned.
    expect(printedText(first!)[0]).toBe(`${' '.repeat(8)}社区缴费`);
    expect(printedText(first!)[2]).toBe(`${' '.repeat(30)}中`);
    const [title, styled] = first!.items;
    expect(title).toMatchObject({ spans: [{ size: 'normal' }, { text: '社区缴费', size: 'double' }] });
    expect(styled).toMatchObject({
      spans: expect.arrayContaining([
        expect.objectContaining({ text: 'Bold', bold: true }),
        expect.objectContaining({ text: 'under', underline: true }),
      ]),
    });
    expect(first!.items[5]).toMatchObject({ type: 'image', command: 'GS 8 L', align: 'center' });
    expect(printedText(second!)[0]!.trim()).toBe('Café ½ €5');
  });

  it('when receiptline encodes multilingual (ESC t per character), then Latin text decodes through the code pages', () => {
    const [first, second] = decodeEscPos(transform('multilingual'));
    expect(printedText(second!)[0]!.trim()).toBe('Café ½ €5');
    // Hanzi have no single-byte code page: receiptline prints '?', and so does the printer.
    expect(printedText(first!)[0]!.trim()).toBe('????');
    expect(printedText(first!)[1]!.trim()).toBe('Bold under normal');
  });

  it('when receiptline targets a generic printer, then its QR raster (GS v 0) is skipped by length', () => {
    const [first] = decodeEscPos(transform('gb18030', 'generic'));
    expect(first!.items.filter((i) => i.type === 'image')).toEqual([
      expect.objectContaining({ command: 'GS v 0', align: 'center' }),
    ]);
    expect(printedText(first!).map((t) => t.trim())).toContain('金额                    ¥128.50');
  });
});
