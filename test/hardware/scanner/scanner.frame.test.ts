import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodeScanText,
  encodeScanLine,
  ScannerCommandParser,
  TRIGGER_OFF,
  TRIGGER_ON,
} from '../../../hardware/scanner/scanner.frame.ts';

describe('scanner bytes', () => {
  it('when the trigger commands are built, then they are SYN T CR and SYN U CR (16 54 0D, 16 55 0D)', () => {
    expect([...TRIGGER_ON]).toEqual([0x16, 0x54, 0x0d]);
    expect([...TRIGGER_OFF]).toEqual([0x16, 0x55, 0x0d]);
  });

  it('when a scan line is encoded, then it is the text and CR (or CR LF)', () => {
    expect([...encodeScanLine('28')]).toEqual([0x32, 0x38, 0x0d]);
    expect([...encodeScanLine('28', 'utf8', 'CRLF')]).toEqual([0x32, 0x38, 0x0d, 0x0a]);
  });

  it('when a payload is UTF-8, then it decodes as UTF-8; ASCII too', () => {
    expect(decodeScanText(Buffer.from('福州水务 https://x.example/?a=1'))).toEqual({
      text: '福州水务 https://x.example/?a=1',
      encoding: 'utf8',
    });
    expect(decodeScanText(Buffer.from('35010220261100012345'))).toMatchObject({ encoding: 'utf8' });
  });

  it('when a payload is GB18030, then it is not valid UTF-8 and decodes as GB18030', () => {
    const bytes = iconv.encode('户号3501020001 金额86.40元', 'gb18030');
    expect(decodeScanText(bytes)).toEqual({ text: '户号3501020001 金额86.40元', encoding: 'gb18030' });
    expect(decodeScanText(encodeScanLine('鼓楼区', 'gb18030').subarray(0, -1)).text).toBe('鼓楼区');
  });

  it('when host bytes hold trigger commands among noise and split across chunks, then each is found once', () => {
    const parser = new ScannerCommandParser();
    expect(parser.push(Buffer.from([0x00, 0x16, 0x54]))).toEqual([]);
    expect(parser.push(Buffer.from([0x0d, 0x16, 0x55, 0x0d, 0x16, 0x4d, 0x0d]))).toEqual([
      { type: 'trigger-on' },
      { type: 'trigger-off' },
      { type: 'other', letter: 0x4d },
    ]);
    // SYN x without CR is not a command; a SYN in its place starts the next one.
    expect(parser.push(Buffer.from([0x16, 0x54, 0x16, 0x54, 0x0d]))).toEqual([{ type: 'trigger-on' }]);
  });
});
