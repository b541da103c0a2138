import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DecodedEvent,
  decodeEscPos,
  EscPosDecoder,
  MAX_LINE_BYTES,
} from '../../../hardware/printer/escpos.decoder.ts';
import { encodeDocument } from '../../../hardware/printer/escpos.encoder.ts';
import type { PrintDocument, PrintLine } from '../../../hardware/printer/print-document.ts';
import { expectedPrint, WATER_BILL_RECEIPT } from './expected-print.ts';
import {
  PYTHON_ESCPOS_CHINESE,
  PYTHON_ESCPOS_LATIN,
  PYTHON_ESCPOS_LATIN_QR,
} from './fixtures/python-escpos.fixtures.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const text = (t: string, extra: Record<string, unknown> = {}) => ({
  type: 'text',
  text: t,
  align: 'left',
  bold: false,
  underline: false,
  size: 'normal',
  ...extra,
});

/** Feeds bytes in chunks of `size` and returns every event. */
function decodeChunked(bytes: Buffer, size: number, decoder = new EscPosDecoder()): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  for (let i = 0; i < bytes.length; i += size) events.push(...decoder.push(bytes.subarray(i, i + size)));
  return events;
}

const items = (events: DecodedEvent[]) => events.flatMap((e) => (e.type === 'item' ? [e.item] : []));

describe('EscPosDecoder on our encoder (round trip)', () => {
  it('when the water-bill receipt is encoded and decoded, then the printed document equals its content', () => {
    const [doc, ...rest] = decodeEscPos(encodeDocument(WATER_BILL_RECEIPT));
    expect(rest).toEqual([]);
    expect(doc).toEqual(expectedPrint(WATER_BILL_RECEIPT));
    expect(doc!.items[0]).toMatchObject({ text: '亭子 缴费凭证', align: 'center', size: 'double' });
  });

  it('when the stream arrives one byte at a time or in 16-byte chunks, then the result is the same', () => {
    const bytes = encodeDocument(WATER_BILL_RECEIPT);
    const whole = decodeChunked(bytes, bytes.length);
    expect(decodeChunked(bytes, 1)).toEqual(whole);
    expect(decodeChunked(bytes, 16)).toEqual(whole);
    expect(whole.filter((e) => e.type === 'cut')).toEqual([{ type: 'cut', mode: 'partial' }]);
  });

  it('when any document is encoded at 32 or 48 columns, then decoding gives back its content', () => {
    const chars = [...'abcXYZ019 .,:-¥€é', ...'社区服务缴费凭证号码金额'];
    const textArb = fc.array(fc.constantFrom(...chars), { maxLength: 70 }).map((a) => a.join(''));
    const line: fc.Arbitrary<PrintLine> = fc.oneof(
      fc.record(
        {
          text: textArb,
          align: fc.constantFrom('left', 'center', 'right'),
          bold: fc.boolean(),
          size: fc.constantFrom('normal', 'double-height', 'double-width', 'double'),
          underline: fc.boolean(),
        },
        { requiredKeys: ['text'] },
      ),
      fc.record({ rule: fc.constantFrom('single', 'double') }),
      fc.record(
        {
          qr: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }),
          size: fc.integer({ min: 1, max: 16 }),
          ecc: fc.constantFrom('L', 'M', 'Q', 'H'),
        },
        { requiredKeys: ['qr'] },
      ),
      fc.record({ feed: fc.integer({ min: 0, max: 32 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('full', 'partial', 'none'),
        fc.constantFrom(32, 48),
        (lines, cut, columns) => {
          const doc = { lines, cut } as PrintDocument;
          const decoded = decodeEscPos(encodeDocument(doc, { columns }));
          const expected = expectedPrint(doc, columns);
          if (!expected.items.length && !expected.cut) expect(decoded).toEqual([]);
          else expect(decoded).toEqual([expected]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('EscPosDecoder command by command', () => {
  it('when DLE EOT n and ESC @ arrive, then they are status requests and initialisation', () => {
    expect(new EscPosDecoder().push(hex('100401 100404 1b40 100409'))).toEqual([
      { type: 'status-request', n: 1 },
      { type: 'status-request', n: 4 },
      { type: 'initialize' },
    ]);
  });

  it('when ESC ! n sets print modes, then bits 3, 4, 5 and 7 give bold, height, width and underline', () => {
    const events = new EscPosDecoder().push(hex('1b21b8 41 0a 1b2110 42 0a 1b2120 43 0a 1b2100 44 0a'));
    expect(items(events)).toEqual([
      text('A', { bold: true, underline: true, size: 'double' }),
      text('B', { size: 'double-height' }),
      text('C', { size: 'double-width' }),
      text('D'),
    ]);
  });

  it('when GS ! n and ESC a n (ASCII digit form too) are used, then size and alignment follow', () => {
    const events = new EscPosDecoder().push(
      hex('1d2111 1b6131 41 0a 1d2101 1b6102 42 0a 1d2177 1b6100 43 0a'),
    );
    expect(items(events)).toEqual([
      text('A', { size: 'double', align: 'center' }),
      text('B', { size: 'double-height', align: 'right' }),
      text('C', { size: 'double' }),
    ]);
  });

  it('when ESC a comes in the middle of a line, then the line keeps the alignment it started with', () => {
    expect(items(new EscPosDecoder().push(hex('41 1b6102 42 0a 43 0a')))).toEqual([
      text('AB'),
      text('C', { align: 'right' }),
    ]);
  });

  it('when a line mixes styles, then it carries spans', () => {
    const [line] = items(new EscPosDecoder().push(hex('41 1b4501 42 1b4500 43 0a')));
    expect(line).toMatchObject({
      text: 'ABC',
      bold: false,
      spans: [
        { text: 'A', bold: false },
        { text: 'B', bold: true },
        { text: 'C', bold: false },
      ],
    });
  });

  it('when FS & / FS . and ESC t switch modes, then text decodes as GB18030, PC437 or WPC1252', () => {
    // 中 = D6 D0 in GB18030; 0x82 is é in PC437; 0x80 is € in WPC1252 (ESC t 16).
    const events = new EscPosDecoder({ chineseMode: false }).push(
      hex('1c26 d6d0 0a 1c2e 1b7400 82 0a 1b7410 80 0a 1c26 d6d0 1c2e 82 0a'),
    );
    expect(items(events).map((i) => (i.type === 'text' ? i.text : ''))).toEqual(['中', 'é', '€', '中‚']);
  });

  it('when a Chinese printer starts, then it is in Chinese mode until FS .', () => {
    expect(items(new EscPosDecoder().push(hex('d6d0 0a 1b40 d6d0 0a')))).toEqual([text('中'), text('中')]);
  });

  it('when FS - or ESC - underline, then the text is underlined', () => {
    expect(items(new EscPosDecoder().push(hex('1c2d01 d6d0 0a 1c2d00 1b2d32 41 0a')))).toEqual([
      text('中', { underline: true }),
      text('A', { underline: true }),
    ]);
  });

  it('when GS ( k stores and prints a QR code (function 167, 169, 180, 181), then the payload is kept', () => {
    const events = new EscPosDecoder().push(
      hex(
        '1d286b 0400 31 41 32 00  1d286b 0300 31 43 08  1d286b 0300 31 45 33  1d286b 0600 31 50 30 e4b8ad 1d286b 0300 31 51 30',
      ),
    );
    expect(items(events)).toEqual([{ type: 'qr', data: '中', size: 8, ecc: 'H', align: 'left' }]);
  });

  it('when GS ( k arrives in 3-byte chunks, then the QR data is put together', () => {
    const events = decodeChunked(hex('1d286b 0700 31 50 30 41424344 1d286b 0300 31 51 30'), 3);
    expect(items(events)).toEqual([{ type: 'qr', data: 'ABCD', size: 3, ecc: 'L', align: 'left' }]);
  });

  it('when raster and graphics images come (GS v 0, GS 8 L, ESC *), then they are skipped by their length', () => {
    // Image data full of LF, ESC @ and DLE EOT must not be read as commands.
    const raster = hex('1d7630 00 0300 0200 0a1b40 100401');
    const graphics = hex('1d384c 0e000000 30 70 30 01 01 31 1000 0200 0a0a0a0a');
    const bitImage = hex('1b2a 21 0200 1b40 0a 1b40 0a');
    const events = decodeChunked(Buffer.concat([raster, hex('41 0a'), graphics, bitImage, hex('42 0a')]), 5);
    expect(events.filter((e) => e.type !== 'item')).toEqual([]);
    expect(items(events)).toEqual([
      { type: 'image', command: 'GS v 0', bytes: 14, align: 'left' },
      text('A'),
      { type: 'image', command: 'GS 8 L', bytes: 21, align: 'left' },
      { type: 'image', command: 'ESC *', bytes: 11, align: 'left' },
      text('B'),
    ]);
  });

  it('when barcodes come in both GS k forms, then they are recorded', () => {
    const events = new EscPosDecoder().push(hex('1d6b04 2a313233 2a00 1d6b49 04 7b423132 41 0a'));
    expect(items(events)).toEqual([
      { type: 'barcode', system: 4, data: '*123*', align: 'left' },
      { type: 'barcode', system: 73, data: '{B12', align: 'left' },
      text('A'),
    ]);
  });

  it.each([
    ['1d5600', 'full'],
    ['1d5630', 'full'],
    ['1d5601', 'partial'],
    ['1d5631', 'partial'],
    ['1d564103', 'full'],
    ['1d564200', 'partial'],
    ['1d566100', 'full'],
    ['1d566805', 'partial'],
    ['1b69', 'full'],
    ['1b6d', 'partial'],
  ])('when the cut is %s, then it is a %s cut after the pending line', (bytes, mode) => {
    expect(new EscPosDecoder().push(hex(`41 ${bytes} 42 0a`))).toEqual([
      { type: 'item', item: text('A') },
      { type: 'cut', mode },
      { type: 'item', item: text('B') },
    ]);
  });

  it('when ESC d n and ESC J n feed, then the pending line prints and the feed is recorded', () => {
    expect(items(new EscPosDecoder().push(hex('41 1b6403 1b4a3c 1b6400')))).toEqual([
      text('A'),
      { type: 'feed', lines: 3 },
      { type: 'feed', lines: 2 },
    ]);
  });

  it('when unknown ESC / GS / FS sequences and other controls come, then they are skipped and counted', () => {
    const decoder = new EscPosDecoder();
    const events = decoder.push(hex('1b01 41 1d01 42 1c01 43 0d 00 07 44 0a'));
    expect(items(events)).toEqual([text('ABCD')]);
    expect(decoder.counters.unknownCommands).toBe(3);
  });

  it('when known setup commands with parameters come (ESC D, ESC p, FS S, GS L, FS ( A), then none prints', () => {
    const bytes = hex(
      '1b44 08 10 00 1b70 00 19 fa 1c53 00 00 1d4c 0000 1c2841 0200 3000 1b3300 1d5700 02 41 0a',
    );
    expect(items(new EscPosDecoder().push(bytes))).toEqual([text('A')]);
  });

  it('when ESC $ and ESC \\ position the print, then the text is padded to the column', () => {
    // ESC $ 120 dots = column 10; ESC \ 24 dots = 2 columns further.
    const [line] = items(new EscPosDecoder().push(hex('41 1b24 7800 42 1b5c 1800 43 0a')));
    expect(line).toMatchObject({ text: 'A         B  C' });
  });

  it('when a line never ends, then it is printed every MAX_LINE_BYTES and memory stays bounded', () => {
    const decoder = new EscPosDecoder();
    const events = decoder.push(Buffer.alloc(MAX_LINE_BYTES * 3 + 5, 0x41));
    expect(items(events)).toHaveLength(3);
    expect(decoder.lineBytesHeld).toBe(5);
  });

  it('when a partial command is flushed after an inter-byte timeout, then it is dropped and decoding goes on', () => {
    const decoder = new EscPosDecoder();
    expect(decoder.push(hex('41 0a 1d286b 0500 31'))).toHaveLength(1);
    expect(decoder.pendingBytes).toBe(6);
    decoder.flush();
    expect(decoder.counters.droppedBytes).toBe(6);
    expect(decoder.push(hex('42 0a'))).toEqual([{ type: 'item', item: text('B') }]);
  });
});

describe('EscPosDecoder on python-escpos output (fixtures)', () => {
  it('when python-escpos prints Latin text, a native QR, barcodes and cuts, then every part is decoded', () => {
    const [doc, ...rest] = decodeEscPos(PYTHON_ESCPOS_LATIN, { chineseMode: false });
    expect(rest).toEqual([]);
    expect(doc).toEqual({
      cut: 'full',
      items: [
        text('TINGZI', { align: 'center', bold: true, size: 'double-height' }),
        text('Café ½', { underline: true }),
        text('€5'),
        { type: 'qr', data: PYTHON_ESCPOS_LATIN_QR, size: 4, ecc: 'M', align: 'left' },
        { type: 'barcode', system: 2, data: '4006381333931', align: 'center' },
        { type: 'barcode', system: 73, data: '{B12345', align: 'center' },
        { type: 'feed', lines: 6 },
      ],
    });
  });

  it('when python-escpos prints raw GB18030 and a raster image, then the text is Chinese and the image skipped', () => {
    expect(decodeEscPos(PYTHON_ESCPOS_CHINESE)).toEqual([
      {
        cut: 'partial',
        items: [
          text('社区缴费', { align: 'center', size: 'double' }),
          text('金额 ¥12.50'),
          { type: 'image', command: 'GS v 0', bytes: 12, align: 'left' },
          text('END'),
          { type: 'feed', lines: 6 },
        ],
      },
    ]);
  });
});

describe('EscPosDecoder fuzz', () => {
  it('when fed random bytes in random chunks, then it never throws and its buffers stay bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 30 }), (chunks) => {
        const decoder = new EscPosDecoder();
        for (const chunk of chunks) {
          decoder.push(chunk);
          expect(decoder.pendingBytes).toBeLessThanOrEqual(65_540);
          expect(decoder.lineBytesHeld).toBeLessThanOrEqual(MAX_LINE_BYTES);
        }
        decoder.flush();
        decoder.end();
      }),
      { numRuns: 500 },
    );
  });

  it('when a valid receipt is mutated (bytes flipped, cut out, duplicated), then decoding never throws', () => {
    const valid = encodeDocument(WATER_BILL_RECEIPT);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat(valid.length - 1),
            op: fc.constantFrom('flip', 'drop', 'dup'),
            v: fc.nat(255),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 64 }),
        (mutations, chunk) => {
          let bytes = Buffer.from(valid);
          for (const { at, op, v } of mutations) {
            const i = at % bytes.length;
            if (op === 'flip') bytes[i] = v;
            else if (op === 'drop') bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
            else bytes = Buffer.concat([bytes.subarray(0, i), bytes.subarray(i, i + 4), bytes.subarray(i)]);
          }
          expect(() => decodeChunked(bytes, chunk)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('when garbage precedes a receipt and the inter-byte timeout passes, then the receipt decodes intact', () => {
    const valid = encodeDocument(WATER_BILL_RECEIPT);
    const expected = expectedPrint(WATER_BILL_RECEIPT).items;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (garbage) => {
        const decoder = new EscPosDecoder();
        decoder.push(garbage);
        decoder.flush();
        const events = decoder.push(valid);
        const start = events.findLastIndex((e) => e.type === 'initialize');
        expect(items(events.slice(start))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
