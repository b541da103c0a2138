import { describe, expect, it } from 'vitest';
import {
  type PrinterCommand,
  PrinterCommandParser,
} from '../../../hardware/printer/printer-command.parser.ts';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('PrinterCommandParser', () => {
  it('when init, text and a status request arrive together, then it yields them in order', () => {
    const parser = new PrinterCommandParser();
    const commands = parser.push(
      Buffer.concat([bytes(0x1b, 0x40), Buffer.from('Hi\n'), bytes(0x10, 0x04, 0x02)]),
    );
    expect(commands).toEqual([
      { type: 'initialize' },
      { type: 'data', bytes: Buffer.from('Hi\n') },
      { type: 'status-request', n: 2 },
    ]);
    expect(parser.pending).toBe(0);
  });

  it('when a status request is split over three chunks, then it waits for the last byte', () => {
    const parser = new PrinterCommandParser();
    expect(parser.push(bytes(0x10))).toEqual([]);
    expect(parser.push(bytes(0x04))).toEqual([]);
    expect(parser.pending).toBe(2);
    expect(parser.push(bytes(0x04))).toEqual([{ type: 'status-request', n: 4 }]);
  });

  it('when DLE EOT has an n outside 1..4 or ESC is followed by another byte, then those bytes are data', () => {
    const parser = new PrinterCommandParser();
    expect(parser.push(bytes(0x10, 0x04, 0x05, 0x1b, 0x61, 0x01))).toEqual([
      { type: 'data', bytes: bytes(0x10, 0x04, 0x05, 0x1b, 0x61, 0x01) },
    ]);
  });

  it('when garbage precedes a request, then it resynchronises on the request', () => {
    const parser = new PrinterCommandParser();
    expect(parser.push(bytes(0xff, 0x10, 0x10, 0x04, 0x01))).toEqual([
      { type: 'data', bytes: bytes(0xff, 0x10) },
      { type: 'status-request', n: 1 },
    ]);
  });

  it('when a prefix dangles and is flushed, then its bytes come back as data', () => {
    const parser = new PrinterCommandParser();
    parser.push(bytes(0x41, 0x10, 0x04));
    expect(parser.flush()).toEqual([{ type: 'data', bytes: bytes(0x10, 0x04) }]);
    expect(parser.pending).toBe(0);
    expect(parser.flush()).toEqual([]);
  });

  it('when fed random chunks, then it never throws and accounts for every byte', () => {
    let seed = 0x2545f491;
    const random = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    // Bytes biased towards DLE, EOT, ESC and small n, so commands and near-commands are common.
    const pick = [0x10, 0x04, 0x1b, 0x40, 0x01, 0x02, 0x03, 0x04, 0x05, 0x00, 0xff];
    for (let run = 0; run < 200; run++) {
      const parser = new PrinterCommandParser();
      const out: PrinterCommand[] = [];
      let total = 0;
      for (let c = 0; c < 20; c++) {
        const chunk = Buffer.from(
          Array.from({ length: Math.floor(random() * 6) }, () =>
            random() < 0.7 ? pick[Math.floor(random() * pick.length)]! : Math.floor(random() * 256),
          ),
        );
        total += chunk.length;
        out.push(...parser.push(chunk));
      }
      out.push(...parser.flush());
      const accounted = out.reduce(
        (sum, cmd) => sum + (cmd.type === 'data' ? cmd.bytes.length : cmd.type === 'initialize' ? 2 : 3),
        0,
      );
      expect(accounted).toBe(total);
    }
  });
});
