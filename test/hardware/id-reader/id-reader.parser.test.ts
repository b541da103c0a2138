import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeCommand,
  encodeResponse,
  HEADER_LENGTH,
  MAX_LEN,
} from '../../../hardware/id-reader/id-reader.frame.ts';
import { IdReaderFrameParser } from '../../../hardware/id-reader/id-reader.parser.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('IdReaderFrameParser', () => {
  it('when a frame arrives one byte at a time, then it is yielded once, after its last byte', () => {
    const parser = new IdReaderFrameParser();
    const frame = encodeResponse(0x90, Buffer.from('hello'));
    const out = [];
    for (let i = 0; i < frame.length; i++) {
      const got = parser.push(frame.subarray(i, i + 1), i);
      if (i < frame.length - 1) expect(got).toEqual([]);
      out.push(...got);
    }
    expect(out).toEqual([Buffer.concat([Buffer.from([0, 0, 0x90]), Buffer.from('hello')])]);
    expect(parser.pending).toBe(0);
  });

  it('when two frames and noise come in one chunk, then both frames come out and the noise is counted', () => {
    const parser = new IdReaderFrameParser();
    const chunk = Buffer.concat([
      hex('00 AA 96'),
      encodeCommand(0x20, 0x01),
      hex('FF AA AA'),
      encodeCommand(0x20, 0x02),
    ]);
    expect(parser.push(chunk, 0)).toEqual([hex('20 01'), hex('20 02')]);
    expect(parser.counters).toMatchObject({ frames: 2, skippedBytes: 6 });
  });

  it('when the preamble is split across chunks, then the held prefix completes it', () => {
    const parser = new IdReaderFrameParser();
    const frame = encodeCommand(0x30, 0x01);
    expect(parser.push(Buffer.concat([hex('11 22'), frame.subarray(0, 3)]), 0)).toEqual([]);
    expect(parser.pending).toBe(3);
    expect(parser.push(frame.subarray(3), 1)).toEqual([hex('30 01')]);
  });

  it('when a checksum is wrong, then the frame is dropped, counted, and the next frame still decodes', () => {
    const parser = new IdReaderFrameParser();
    const bad = hex('AA AA AA 96 69 00 03 20 01 23');
    expect(parser.push(Buffer.concat([bad, encodeCommand(0x20, 0x02)]), 0)).toEqual([hex('20 02')]);
    expect(parser.counters.badChecksum).toBe(1);
  });

  it('when Len is out of range, then it is counted and the parser resyncs at once', () => {
    const parser = new IdReaderFrameParser();
    const huge = hex('AA AA AA 96 69 FF FF');
    const tiny = hex('AA AA AA 96 69 00 01');
    expect(parser.push(Buffer.concat([huge, tiny, encodeCommand(0x11, 0xff)]), 0)).toEqual([hex('11 FF')]);
    expect(parser.counters.badLength).toBe(2);
  });

  it('when a false preamble with a plausible Len swallows a real frame, then the real frame is found on resync', () => {
    const parser = new IdReaderFrameParser();
    const real = encodeCommand(0x20, 0x01);
    // Len 0x10 claims the next 16 bytes, the real frame among them; its checksum cannot match.
    const fake = hex('AA AA AA 96 69 00 10 01');
    const out = parser.push(Buffer.concat([fake, real, Buffer.alloc(16, 0x55)]), 0);
    expect(out).toEqual([hex('20 01')]);
    expect(parser.counters.badChecksum).toBe(1);
  });

  it('when a partial frame is left longer than the inter-byte timeout, then it is dropped before new bytes', () => {
    const parser = new IdReaderFrameParser({ interByteTimeoutMs: 100 });
    const frame = encodeResponse(0x90, Buffer.alloc(20));
    parser.push(frame.subarray(0, 12), 0);
    expect(parser.pending).toBe(12);
    expect(parser.push(encodeCommand(0x20, 0x01), 500)).toEqual([hex('20 01')]);
    expect(parser.counters.droppedPartial).toBe(1);
    // Within the timeout the halves join up.
    parser.push(frame.subarray(0, 12), 600);
    expect(parser.push(frame.subarray(12), 650)).toHaveLength(1);
  });

  it('when fed random bytes with frames mixed in, then it never throws, stays bounded and finds every intact frame', () => {
    const frameArb = fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 300 }), fc.boolean())
      .map(([sw3, data, isCommand]) => (isCommand ? encodeCommand(sw3, 1, data) : encodeResponse(sw3, data)));
    const piece = fc.oneof(
      { arbitrary: frameArb.map((f) => ({ frame: f, bytes: f })), weight: 3 },
      {
        arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => ({ frame: null, bytes: Buffer.from(b) })),
        weight: 2,
      },
      {
        // A mutated frame: one byte changed, or cut short.
        arbitrary: fc
          .tuple(frameArb, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean())
          .map(([f, at, x, cut]) => {
            const m = Buffer.from(f);
            if (cut) return { frame: null, bytes: m.subarray(0, at % m.length) };
            m[at % m.length]! ^= x;
            return { frame: null, bytes: m };
          }),
        weight: 2,
      },
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }),
        fc.integer({ min: 1, max: 97 }),
        (pieces, chunkSize) => {
          const parser = new IdReaderFrameParser();
          // After the stream, a clean separator and a sentinel frame: the parser must resync onto it.
          const sentinel = encodeResponse(0x90, Buffer.from('END'));
          const stream = Buffer.concat([
            ...pieces.map((p) => p.bytes),
            Buffer.alloc(MAX_LEN + HEADER_LENGTH),
            sentinel,
          ]);
          const out: Buffer[] = [];
          for (let i = 0; i < stream.length; i += chunkSize) {
            out.push(...parser.push(stream.subarray(i, i + chunkSize), 0));
            expect(parser.pending).toBeLessThanOrEqual(HEADER_LENGTH + MAX_LEN);
          }
          expect(out.at(-1)).toEqual(Buffer.from([0, 0, 0x90, ...Buffer.from('END')]));
          // Intact frames are found, in order, unless a broken piece before them happened to swallow them.
          const bodies = out.map((b) => b.toString('hex'));
          let last = -1;
          for (const p of pieces) {
            if (!p.frame) continue;
            const idx = bodies.indexOf(p.frame.subarray(HEADER_LENGTH, -1).toString('hex'), last + 1);
            if (idx >= 0) last = idx;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when frames alone are streamed in random chunks, then every one is yielded', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 1300 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 2000 }),
        (datas, chunkSize) => {
          const parser = new IdReaderFrameParser();
          const stream = Buffer.concat(datas.map((d) => encodeResponse(0x90, d)));
          const out: Buffer[] = [];
          for (let i = 0; i < stream.length; i += chunkSize)
            out.push(...parser.push(stream.subarray(i, i + chunkSize), 0));
          expect(out.map((b) => b.subarray(3))).toEqual(datas.map((d) => Buffer.from(d)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
