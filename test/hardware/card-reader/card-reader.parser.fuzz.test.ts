import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CardReaderFrame,
  encodeFrame,
  FRAME_OVERHEAD,
  MAX_BODY,
} from '../../../hardware/card-reader/card-reader.frame.ts';
import { type CardReaderItem, CardReaderParser } from '../../../hardware/card-reader/card-reader.parser.ts';

const MAX_FRAME = MAX_BODY + FRAME_OVERHEAD;

const byte = fc.integer({ min: 0, max: 255 });
const arbFrame: fc.Arbitrary<CardReaderFrame> = fc.oneof(
  fc.record({
    type: fc.constant('command' as const),
    addr: byte,
    cm: byte,
    pm: byte,
    data: fc.uint8Array({ maxLength: 300 }),
  }),
  fc.record({
    type: fc.constant('positive' as const),
    addr: byte,
    cm: byte,
    pm: byte,
    st0: byte,
    st1: byte,
    data: fc.uint8Array({ maxLength: 300 }),
  }),
  fc.record({
    type: fc.constant('negative' as const),
    addr: byte,
    cm: byte,
    pm: byte,
    error: fc.constantFrom('00', '10', '20', 'A0', 'B0'),
  }),
);

/** A frame with one byte flipped, cut short, or left alone. */
const mutated = fc
  .tuple(arbFrame, fc.nat(), byte, fc.constantFrom('flip', 'cut', 'none'))
  .map(([f, at, v, how]) => {
    const bytes = encodeFrame(f);
    if (how === 'flip') bytes[at % bytes.length] = v;
    return how === 'cut' ? bytes.subarray(0, at % bytes.length) : bytes;
  });

/** Splits bytes into chunks at the given cut points. */
function chunks(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
}

const frames = (items: CardReaderItem[]) =>
  items.flatMap((i) => (i.kind === 'frame' ? [Buffer.from(encodeFrame(i.frame)).toString('hex')] : []));

describe('card reader parser fuzz', () => {
  it('when fed random bytes in random chunks, then it never throws and never holds more than one frame', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bytes, cuts) => {
          const parser = new CardReaderParser();
          for (const chunk of chunks(bytes, cuts)) {
            parser.push(chunk, 0);
            expect(parser.pending).toBeLessThan(MAX_FRAME);
          }
          parser.flush();
          expect(parser.pending).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when mutated frames and garbage precede a valid frame, then after the timeout the valid frame is found', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(mutated, fc.uint8Array({ maxLength: 40 })), { maxLength: 6 }),
        arbFrame,
        fc.array(fc.nat(), { maxLength: 10 }),
        (noise, frame, cuts) => {
          const good = encodeFrame(frame);
          const parser = new CardReaderParser(100);
          for (const chunk of chunks(Buffer.concat(noise), cuts)) parser.push(chunk, 0);
          // The valid frame comes after a silence longer than the inter-byte timeout.
          const items = parser.push(good, 1000);
          expect(frames(items)).toContain(Buffer.from(good).toString('hex'));
          expect(parser.pending).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('when valid frames follow each other in any chunking, then each comes out exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(arbFrame, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (list, cuts) => {
          const encoded = list.map((f) => encodeFrame(f));
          const parser = new CardReaderParser();
          const items: CardReaderItem[] = [];
          for (const chunk of chunks(Buffer.concat(encoded), cuts)) items.push(...parser.push(chunk, 0));
          expect(frames(items)).toEqual(encoded.map((b) => Buffer.from(b).toString('hex')));
          expect(parser.pending).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
