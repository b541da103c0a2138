import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeSocketFrame,
  MAX_REPORT_LENGTH,
  SocketFrameReader,
} from '../../../hardware/handset/hid-socket.frame.ts';

describe('hid-socket framing', () => {
  it('when a report is framed, then it is a 16-bit big-endian length and the bytes', () => {
    expect([...encodeSocketFrame(Uint8Array.of(0x02, 0x01, 0xb5))]).toEqual([0x00, 0x03, 0x02, 0x01, 0xb5]);
  });

  it('when a report is empty or longer than 1024 bytes, then framing it throws', () => {
    expect(() => encodeSocketFrame(new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodeSocketFrame(new Uint8Array(MAX_REPORT_LENGTH + 1))).toThrow(RangeError);
  });

  it('when frames arrive byte by byte, then each report comes out whole, once', () => {
    const reader = new SocketFrameReader();
    const stream = Buffer.concat([
      encodeSocketFrame(Uint8Array.of(2, 1, 0)),
      encodeSocketFrame(Uint8Array.of(5)),
    ]);
    const out: number[][] = [];
    for (const byte of stream) {
      const { reports, error } = reader.push(Buffer.of(byte));
      expect(error).toBeUndefined();
      out.push(...reports.map((r) => [...r]));
    }
    expect(out).toEqual([[2, 1, 0], [5]]);
    expect(reader.buffered).toBe(0);
  });

  it.each([
    ['zero', [0x00, 0x00]],
    ['1025', [0x04, 0x01]],
  ])('when a length of %s arrives, then the stream is reported broken and stays broken', (_n, header) => {
    const reader = new SocketFrameReader();
    const first = reader.push(
      Buffer.concat([encodeSocketFrame(Uint8Array.of(2, 0, 0)), Buffer.from(header)]),
    );
    expect(first.reports).toHaveLength(1);
    expect(first.error).toMatch(/bad report length/);
    expect(reader.push(encodeSocketFrame(Uint8Array.of(2, 0, 0))).error).toBeDefined();
  });

  it('when random reports are framed and split at random, then the reader returns them in order with bounded buffer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 64 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }),
        (reports, cuts) => {
          const stream = Buffer.concat(reports.map((r) => encodeSocketFrame(r)));
          const reader = new SocketFrameReader();
          const out: Buffer[] = [];
          let offset = 0;
          let i = 0;
          while (offset < stream.length) {
            const size = cuts[i++ % cuts.length]!;
            const { reports: got, error } = reader.push(stream.subarray(offset, offset + size));
            expect(error).toBeUndefined();
            out.push(...got);
            offset += size;
            expect(reader.buffered).toBeLessThanOrEqual(MAX_REPORT_LENGTH + 2);
          }
          expect(out.map((r) => [...r])).toEqual(reports.map((r) => [...r]));
        },
      ),
    );
  });

  it('when random bytes arrive, then the reader never throws and never holds more than one frame', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 10 }), (chunks) => {
        const reader = new SocketFrameReader();
        for (const chunk of chunks) {
          reader.push(Buffer.from(chunk));
          expect(reader.buffered).toBeLessThanOrEqual(MAX_REPORT_LENGTH + 2);
        }
      }),
    );
  });
});
