import { describe, expect, it } from 'vitest';
import {
  bcc,
  decodeFrame,
  decodeStatusData,
  encodeCommand,
  encodeFrame,
  encodeStatusData,
} from '../../../hardware/card-reader/card-reader.frame.ts';
import { CardReaderParser } from '../../../hardware/card-reader/card-reader.parser.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('card reader frame (table A)', () => {
  it('when the status command is encoded, then it is F2 00 00 03 43 31 30 03 BCC with BCC the XOR of STX..ETX', () => {
    const frame = encodeCommand('status');
    // 0xF2 ^ 0x00 ^ 0x00 ^ 0x03 ^ 0x43 ^ 0x31 ^ 0x30 ^ 0x03 = 0xB0
    expect(Buffer.from(frame).toString('hex')).toBe('f200000343313003b0');
    expect(bcc(frame, 0, frame.length - 1)).toBe(0xb0);
  });

  it('when an APDU command carries data, then LEN counts C CM PM and the data, big-endian', () => {
    const frame = encodeCommand('apdu', new Uint8Array(300), 0x05);
    expect(frame[1]).toBe(0x05);
    expect((frame[2]! << 8) | frame[3]!).toBe(303);
    expect(frame.length).toBe(309);
    expect(decodeFrame(frame)).toMatchObject({ type: 'command', addr: 5, cm: 0x51, pm: 0x39 });
  });

  it('when a positive reply is decoded, then ST0, ST1 and the data come out', () => {
    const bytes = encodeFrame({
      type: 'positive',
      addr: 0,
      cm: 0x31,
      pm: 0x30,
      st0: 0x32,
      st1: 0x31,
      data: encodeStatusData(true, 7),
    });
    const frame = decodeFrame(bytes);
    expect(frame).toMatchObject({ type: 'positive', cm: 0x31, pm: 0x30, st0: 0x32, st1: 0x31 });
    expect(decodeStatusData((frame as { data: Uint8Array }).data)).toEqual({
      entryEnabled: true,
      retained: 7,
    });
  });

  it('when a negative reply is decoded, then its error is the two ASCII digits', () => {
    const bytes = encodeFrame({ type: 'negative', addr: 0, cm: 0x31, pm: 0x30, error: '10' });
    expect(Buffer.from(bytes).subarray(4, 9).toString('latin1')).toBe('N\x31\x3010');
    expect(decodeFrame(bytes)).toEqual({ type: 'negative', addr: 0, cm: 0x31, pm: 0x30, error: '10' });
  });

  it('when the BCC, ETX, STX, LEN or body type is wrong, then decode gives null', () => {
    const good = encodeCommand('status');
    const withByte = (i: number, v: number) => {
      const b = Uint8Array.from(good);
      b[i] = v;
      return b;
    };
    expect(decodeFrame(good)).not.toBeNull();
    expect(decodeFrame(withByte(8, good[8]! ^ 1))).toBeNull(); // BCC
    expect(decodeFrame(withByte(7, 0x04))).toBeNull(); // ETX
    expect(decodeFrame(withByte(0, 0x02))).toBeNull(); // STX
    expect(decodeFrame(withByte(3, 0x04))).toBeNull(); // LEN disagrees with the size
    expect(decodeFrame(good.subarray(0, 8))).toBeNull(); // truncated
    const wrongType = withByte(4, 0x41);
    wrongType[8] = bcc(wrongType, 0, 8);
    expect(decodeFrame(wrongType)).toBeNull(); // body type neither C, P nor N
    const shortPositive = hex('f2 00 0003 50 31 30 03');
    expect(decodeFrame(Uint8Array.of(...shortPositive, bcc(shortPositive)))).toBeNull(); // P without ST0 ST1
  });
});

describe('card reader parser', () => {
  const reply = encodeFrame({
    type: 'positive',
    addr: 0,
    cm: 0x31,
    pm: 0x30,
    st0: 0x30,
    st1: 0x30,
    data: new Uint8Array(0),
  });

  it('when ACK and a reply arrive split byte by byte, then it yields ACK then the frame, once', () => {
    const parser = new CardReaderParser();
    const items = [...Uint8Array.of(0x06, ...reply)].flatMap((b, i) => parser.push(Uint8Array.of(b), i));
    expect(items.map((i) => i.kind)).toEqual(['ack', 'frame']);
    expect(parser.pending).toBe(0);
  });

  it('when garbage surrounds a frame, then the garbage is counted and the frame still comes out', () => {
    const parser = new CardReaderParser();
    const items = parser.push(Uint8Array.of(0x00, 0xff, 0xf2, 0x00, 0xff, 0xff, ...reply, 0x41), 0);
    expect(items.filter((i) => i.kind === 'frame')).toHaveLength(1);
    expect(parser.counters.garbageBytes).toBeGreaterThanOrEqual(5);
  });

  it('when a frame has a bad BCC, then it yields bad (a reader NAKs it) and re-syncs on the next good one', () => {
    const parser = new CardReaderParser();
    const broken = Uint8Array.from(reply);
    broken[broken.length - 1]! ^= 0xff;
    const items = parser.push(Uint8Array.of(...broken, ...reply), 0);
    expect(items.map((i) => i.kind)).toEqual(['bad', 'frame']);
    expect(parser.counters.badFrames).toBe(1);
  });

  it('when a plausible header is left dangling past the inter-byte timeout, then it is dropped and what followed is rescanned', () => {
    const parser = new CardReaderParser(100);
    // A stray STX with LEN 0x0100 would swallow the reply behind it until the timeout.
    expect(parser.push(Uint8Array.of(0xf2, 0x00, 0x01, 0x00, ...reply), 0)).toEqual([]);
    expect(parser.pending).toBeGreaterThan(0);
    expect(parser.flush().map((i) => i.kind)).toEqual(['frame']);
    expect(parser.pending).toBe(0);
    expect(parser.counters.droppedPartials).toBeGreaterThanOrEqual(1);
    // The same through a late push: the stale partial goes first.
    const late = new CardReaderParser(100);
    late.push(Uint8Array.of(0xf2, 0x00, 0x00, 0x05, 0x50), 0);
    expect(late.push(reply, 500).map((i) => i.kind)).toEqual(['frame']);
  });

  it('when LEN is below 3 or above the maximum, then the STX is skipped at once', () => {
    const parser = new CardReaderParser();
    expect(parser.push(Uint8Array.of(0xf2, 0x00, 0xff, 0xff, ...reply), 0).map((i) => i.kind)).toEqual([
      'frame',
    ]);
    expect(parser.push(Uint8Array.of(0xf2, 0x00, 0x00, 0x02, ...reply), 1).map((i) => i.kind)).toEqual([
      'frame',
    ]);
    expect(parser.pending).toBe(0);
  });
});
