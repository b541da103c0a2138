import { DLE, EOT, type StatusRequest } from './printer-status.frame.ts';

const ESC = 0x1b;
const AT = 0x40;

/**
 * What a printer understands of the bytes a host sends. For now only what the
 * status path needs; everything else (text, alignment, QR, cut) arrives as
 * `data` and is decoded by a later codec.
 */
export type PrinterCommand =
  /** `DLE EOT n` (10 04 n), real-time status request, 1 ≤ n ≤ 4. */
  | { type: 'status-request'; n: StatusRequest }
  /** `ESC @` (1B 40), initialise printer. */
  | { type: 'initialize' }
  /** Bytes not (yet) understood, in arrival order. */
  | { type: 'data'; bytes: Buffer };

/**
 * An accumulator over the host → printer byte stream: `push` a chunk as it
 * arrives, get the complete commands back. A command split across chunks waits
 * for its next byte; `flush` (after an inter-byte timeout) gives a dangling
 * prefix up as data. Never throws.
 */
export class PrinterCommandParser {
  private buffer: Buffer = Buffer.alloc(0);

  /** Bytes held back because they may start a command. */
  get pending(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): PrinterCommand[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const commands: PrinterCommand[] = [];
    let dataStart = -1;
    let i = 0;
    const endData = (): void => {
      if (dataStart < 0) return;
      commands.push({ type: 'data', bytes: Buffer.from(this.buffer.subarray(dataStart, i)) });
      dataStart = -1;
    };
    while (i < this.buffer.length) {
      const match = this.matchAt(i);
      if (match === 'incomplete') break;
      if (match) {
        endData();
        commands.push(match.command);
        i += match.length;
        continue;
      }
      if (dataStart < 0) dataStart = i;
      i += 1;
    }
    endData();
    this.buffer = Buffer.from(this.buffer.subarray(i));
    return commands;
  }

  /** Gives up on a partial command: its bytes come back as data. */
  flush(): PrinterCommand[] {
    if (!this.buffer.length) return [];
    const bytes = this.buffer;
    this.buffer = Buffer.alloc(0);
    return [{ type: 'data', bytes }];
  }

  private matchAt(i: number): { command: PrinterCommand; length: number } | 'incomplete' | null {
    const b = this.buffer;
    const first = b[i];
    if (first !== DLE && first !== ESC) return null;
    if (i + 1 >= b.length) return 'incomplete';
    if (first === ESC) return b[i + 1] === AT ? { command: { type: 'initialize' }, length: 2 } : null;
    if (b[i + 1] !== EOT) return null;
    if (i + 2 >= b.length) return 'incomplete';
    const n = b[i + 2]!;
    if (n < 1 || n > 4) return null;
    return { command: { type: 'status-request', n: n as StatusRequest }, length: 3 };
  }
}
