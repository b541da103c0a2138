import { describe, expect, it } from 'vitest';
import {
  decodeStatusByte,
  encodeStatusByte,
  encodeStatusRequest,
  isStatusByte,
  type StatusRequest,
} from '../../../hardware/printer/printer-status.frame.ts';

const ALL_N: StatusRequest[] = [1, 2, 3, 4];

describe('encodeStatusRequest', () => {
  it.each(ALL_N)('when n = %i, then the bytes are DLE EOT n', (n) => {
    expect([...encodeStatusRequest(n)]).toEqual([0x10, 0x04, n]);
  });
});

describe('decodeStatusByte — Epson DLE EOT bit tables', () => {
  it('when nothing is flagged (0x12), then every flag is off for every n', () => {
    expect(decodeStatusByte(1, 0x12)).toEqual({ n: 1, drawerPin3High: false, offline: false });
    expect(decodeStatusByte(2, 0x12)).toEqual({
      n: 2,
      coverOpen: false,
      feedButton: false,
      paperEndStop: false,
      error: false,
    });
    expect(decodeStatusByte(3, 0x12)).toEqual({
      n: 3,
      autocutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
    });
    expect(decodeStatusByte(4, 0x12)).toEqual({ n: 4, nearEnd: false, paperEnd: false });
  });

  // One vector per defined bit: [n, byte, the one flag that must be on].
  const vectors: [StatusRequest, number, string][] = [
    [1, 0x16, 'drawerPin3High'], // bit 2
    [1, 0x1a, 'offline'], // bit 3
    [2, 0x16, 'coverOpen'], // bit 2
    [2, 0x1a, 'feedButton'], // bit 3
    [2, 0x32, 'paperEndStop'], // bit 5
    [2, 0x52, 'error'], // bit 6
    [3, 0x1a, 'autocutterError'], // bit 3
    [3, 0x32, 'unrecoverableError'], // bit 5
    [3, 0x52, 'autoRecoverableError'], // bit 6
    [4, 0x1e, 'nearEnd'], // bits 2+3
    [4, 0x72, 'paperEnd'], // bits 5+6
  ];
  it.each(vectors)('when n = %i and the byte is %i, then only %s is on', (n, byte, flag) => {
    const decoded = decodeStatusByte(n, byte) as unknown as Record<string, unknown>;
    const on = Object.entries(decoded).filter(([key, value]) => key !== 'n' && value === true);
    expect(on.map(([key]) => key)).toEqual([flag]);
  });

  it('when the roll is out (0x7E), then near-end and end are both on', () => {
    expect(decodeStatusByte(4, 0x7e)).toEqual({ n: 4, nearEnd: true, paperEnd: true });
  });

  it('when a compatible reports one near-end sensor (bit 2 or 3 alone), then it is near-end', () => {
    expect(decodeStatusByte(4, 0x16)?.nearEnd).toBe(true);
    expect(decodeStatusByte(4, 0x1a)?.nearEnd).toBe(true);
  });

  it('when only bit 6 of n = 4 is on (a presenter sensor on some compatibles), then the roll is not out', () => {
    expect(decodeStatusByte(4, 0x52)?.paperEnd).toBe(false);
  });

  it('when a printer is offline with the cover open, then 0x1A / 0x16 decode so', () => {
    expect(decodeStatusByte(1, 0x1a)?.offline).toBe(true);
    expect(decodeStatusByte(2, 0x16)?.coverOpen).toBe(true);
  });
});

describe('invalid status bytes', () => {
  it('when a fixed bit is wrong, then every n decodes to null; exactly 16 of 256 bytes are valid', () => {
    let valid = 0;
    for (let byte = 0; byte < 256; byte++) {
      const ok = (byte & 0x93) === 0x12;
      if (ok) valid++;
      expect(isStatusByte(byte)).toBe(ok);
      for (const n of ALL_N) expect(decodeStatusByte(n, byte) === null).toBe(!ok);
    }
    expect(valid).toBe(16);
  });

  it.each([
    ['bit 0 set', 0x13],
    ['bit 1 clear', 0x10],
    ['bit 4 clear', 0x02],
    ['bit 7 set', 0x92],
    ['ESC', 0x1b],
    ['NUL', 0x00],
    ['0xFF', 0xff],
  ])('when the byte has %s, then it is rejected', (_name, byte) => {
    expect(isStatusByte(byte)).toBe(false);
    expect(decodeStatusByte(1, byte)).toBeNull();
  });

  it('when the input is not a byte at all, then it returns null and does not throw', () => {
    for (const byte of [-1, 256, 0x112, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => decodeStatusByte(2, byte)).not.toThrow();
      expect(decodeStatusByte(2, byte)).toBeNull();
    }
    expect(decodeStatusByte(7 as StatusRequest, 0x12)).toBeNull();
  });
});

describe('encodeStatusByte', () => {
  it('when encoded and decoded again, then every combination of flags survives', () => {
    for (const offline of [false, true]) {
      for (const drawerPin3High of [false, true]) {
        expect(decodeStatusByte(1, encodeStatusByte(1, { offline, drawerPin3High }))).toEqual({
          n: 1,
          offline,
          drawerPin3High,
        });
      }
    }
    for (let mask = 0; mask < 16; mask++) {
      const flags = {
        coverOpen: (mask & 1) !== 0,
        feedButton: (mask & 2) !== 0,
        paperEndStop: (mask & 4) !== 0,
        error: (mask & 8) !== 0,
      };
      expect(decodeStatusByte(2, encodeStatusByte(2, flags))).toEqual({ n: 2, ...flags });
    }
    for (let mask = 0; mask < 8; mask++) {
      const flags = {
        autocutterError: (mask & 1) !== 0,
        unrecoverableError: (mask & 2) !== 0,
        autoRecoverableError: (mask & 4) !== 0,
      };
      expect(decodeStatusByte(3, encodeStatusByte(3, flags))).toEqual({ n: 3, ...flags });
    }
  });

  it('when the roll is near its end or out, then the bytes are the Epson ones (0x1E, 0x7E)', () => {
    expect(encodeStatusByte(4, {})).toBe(0x12);
    expect(encodeStatusByte(4, { nearEnd: true })).toBe(0x1e);
    expect(encodeStatusByte(4, { nearEnd: true, paperEnd: true })).toBe(0x7e);
    expect(encodeStatusByte(1, { offline: true })).toBe(0x1a);
    expect(encodeStatusByte(2, { coverOpen: true, error: true })).toBe(0x56);
  });
});
