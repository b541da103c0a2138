import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScannerLineParser } from '../../../hardware/scanner/scanner-line.parser.ts';

const lines = (out: Buffer[]): string[] => out.map((b) => b.toString('latin1'));

describe('ScannerLineParser', () => {
  it('when lines end in CR, CR LF or LF, then each gives one line and empty lines are ignored', () => {
    const parser = new ScannerLineParser();
    expect(lines(parser.push(Buffer.from('123\r456\r\n789\n\r\r'), 0))).toEqual(['123', '456', '789']);
    expect(parser.pending).toBe(0);
  });

  it('when a line is split over chunks, then it comes out whole at its CR', () => {
    const parser = new ScannerLineParser();
    expect(parser.push(Buffer.from('28123'), 0)).toEqual([]);
    expect(parser.pending).toBe(5);
    expect(parser.push(Buffer.from('4567'), 10)).toEqual([]);
    expect(lines(parser.push(Buffer.from('89\rA'), 20))).toEqual(['28123456789']);
    expect(parser.pending).toBe(1);
  });

  it('when a line is longer than the maximum, then it is dropped whole and counted, and the next line is fine', () => {
    const parser = new ScannerLineParser({ maxLineLength: 8 });
    expect(parser.push(Buffer.from('12345'), 0)).toEqual([]);
    expect(parser.push(Buffer.from('67890'), 1)).toEqual([]);
    expect(parser.pending).toBe(0); // nothing held while skipping
    expect(lines(parser.push(Buffer.from('abc\rok\r123456789\rlast\r'), 2))).toEqual(['ok', 'last']);
    expect(parser.counters.overLong).toBe(2);
  });

  it('when a partial line waits longer than the inter-byte timeout, then it is dropped before new bytes', () => {
    const parser = new ScannerLineParser({ interByteTimeoutMs: 100 });
    parser.push(Buffer.from('half'), 0);
    expect(lines(parser.push(Buffer.from('new\r'), 250))).toEqual(['new']);
    expect(parser.counters.droppedPartial).toBe(1);
    parser.push(Buffer.from('qu'), 300);
    expect(lines(parser.push(Buffer.from('ick\r'), 350))).toEqual(['quick']);
  });

  it('when fed random bytes in random chunks, then it never throws, stays bounded and every line is CR/LF free', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 5000 }),
        fc.integer({ min: 1, max: 300 }),
        (bytes, chunkSize) => {
          const parser = new ScannerLineParser({ maxLineLength: 64 });
          const buf = Buffer.from(bytes);
          for (let i = 0; i < buf.length; i += chunkSize) {
            for (const line of parser.push(buf.subarray(i, i + chunkSize), 0)) {
              expect(line.length).toBeGreaterThan(0);
              expect(line.length).toBeLessThanOrEqual(64);
              expect(line.includes(0x0d) || line.includes(0x0a)).toBe(false);
            }
            expect(parser.pending).toBeLessThanOrEqual(64);
          }
          // Resyncs: after the noise, a terminator and a clean line always come through.
          expect(lines(parser.push(Buffer.from('\rSENTINEL\r'), 0)).at(-1)).toBe('SENTINEL');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when lines without terminators inside are joined and chunked anyhow, then they come back exactly', () => {
    const lineArb = fc
      .uint8Array({ minLength: 1, maxLength: 200 })
      .map((b) => Buffer.from(b.map((x) => (x === 13 || x === 10 ? 32 : x))));
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 20 }),
        fc.integer({ min: 1, max: 500 }),
        (input, chunkSize) => {
          const parser = new ScannerLineParser();
          const stream = Buffer.concat(input.flatMap((l) => [l, Buffer.from('\r\n')]));
          const out: Buffer[] = [];
          for (let i = 0; i < stream.length; i += chunkSize)
            out.push(...parser.push(stream.subarray(i, i + chunkSize), 0));
          expect(out).toEqual(input);
        },
      ),
      { numRuns: 200 },
    );
  });
});
