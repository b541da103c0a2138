import { describe, expect, it } from 'vitest';
import {
  Command,
  decodeCommandBody,
  decodeFrame,
  decodeResponseBody,
  encodeCommand,
  encodeResponse,
  xorChecksum,
} from '../../../hardware/id-reader/id-reader.frame.ts';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('ID reader frames (SAM 通讯协议 表3/表4)', () => {
  it.each([
    ['find card 20 01', Command.findCard, 'AA AA AA 96 69 00 03 20 01 22'],
    ['select card 20 02', Command.selectCard, 'AA AA AA 96 69 00 03 20 02 21'],
    ['read base 30 01', Command.readBase, 'AA AA AA 96 69 00 03 30 01 32'],
    ['SAM status 11 FF', Command.samStatus, 'AA AA AA 96 69 00 03 11 FF ED'],
  ])('when %s is encoded, then the bytes are the published vector', (_name, [cmd, para], bytes) => {
    expect(encodeCommand(cmd, para).equals(hex(bytes))).toBe(true);
  });

  it('when responses are encoded, then they match the published find and select answers', () => {
    expect(
      encodeResponse(0x9f, Buffer.alloc(4)).equals(hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97')),
    ).toBe(true);
    expect(
      encodeResponse(0x90, Buffer.alloc(8)).equals(
        hex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'),
      ),
    ).toBe(true);
  });

  it('when the checksum is computed, then it XORs Len through the last data byte, not the preamble', () => {
    const frame = hex('AA AA AA 96 69 00 03 20 01 22');
    expect(xorChecksum(frame, 5, 9)).toBe(0x22);
    expect(xorChecksum(frame, 0, 9)).not.toBe(0x22);
  });

  it('when a full frame decodes, then body and fields come back', () => {
    const decoded = decodeFrame(encodeResponse(0x90, Buffer.from([1, 2, 3]), 0x12, 0x34));
    expect(decoded).toEqual({ body: Buffer.from([0x12, 0x34, 0x90, 1, 2, 3]) });
    const body = (decoded as { body: Buffer }).body;
    expect(decodeResponseBody(body)).toEqual({
      sw1: 0x12,
      sw2: 0x34,
      sw3: 0x90,
      data: Buffer.from([1, 2, 3]),
    });
    expect(decodeCommandBody(body)).toMatchObject({ cmd: 0x12, para: 0x34 });
    expect(decodeResponseBody(Buffer.from([0, 0]))).toBeNull();
    expect(decodeCommandBody(Buffer.from([0]))).toBeNull();
  });

  it.each([
    ['no preamble', 'AA AA AA 96 68 00 03 20 01 22', 'no-preamble'],
    ['too short for Len', 'AA AA AA 96 69 00', 'short'],
    ['Len below 3', 'AA AA AA 96 69 00 02 20 22', 'bad-length'],
    ['Len above 4096', 'AA AA AA 96 69 10 01 20 01 22', 'bad-length'],
    ['fewer bytes than Len', 'AA AA AA 96 69 00 04 20 01 22', 'short'],
    ['more bytes than Len', 'AA AA AA 96 69 00 03 20 01 22 00', 'bad-length'],
    ['a wrong checksum', 'AA AA AA 96 69 00 03 20 01 23', 'bad-checksum'],
    ['a flipped data bit', 'AA AA AA 96 69 00 03 20 03 22', 'bad-checksum'],
  ])('when a frame has %s, then decodeFrame says %s', (_name, bytes, error) => {
    expect(decodeFrame(hex(bytes))).toEqual({ error });
  });
});
