import { CR, LF } from './scanner.frame.ts';

export interface ScannerLineParserOptions {
  /** Longer lines are dropped whole and counted (a QR holds at most 7089 digits; kiosk payloads are far shorter). */
  maxLineLength?: number;
  /** A partial line older than this when the next bytes arrive is dropped: scanners send a symbol in one burst. */
  interByteTimeoutMs?: number;
}

export interface ScannerLineParserCounters {
  lines: number;
  overLong: number;
  droppedPartial: number;
}

/**
 * Splits the scanner's byte stream into lines ended by CR or LF (CR LF gives
 * one line: the empty one between is ignored). Bounded: holds at most
 * `maxLineLength` bytes. Never throws. Lines come back as bytes; the driver decodes them.
 */
export class ScannerLineParser {
  private parts: Buffer[] = [];
  private held = 0;
  /** Inside an over-long line: skip to its end. */
  private discarding = false;
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly maxLineLength: number;
  private readonly interByteTimeoutMs: number;
  private readonly stats: ScannerLineParserCounters = { lines: 0, overLong: 0, droppedPartial: 0 };

  constructor({ maxLineLength = 4096, interByteTimeoutMs = 100 }: ScannerLineParserOptions = {}) {
    this.maxLineLength = maxLineLength;
    this.interByteTimeoutMs = interByteTimeoutMs;
  }

  get counters(): Readonly<ScannerLineParserCounters> {
    return { ...this.stats };
  }

  /** Bytes of a line still arriving. */
  get pending(): number {
    return this.held;
  }

  reset(): void {
    this.parts = [];
    this.held = 0;
    this.discarding = false;
  }

  push(chunk: Uint8Array, nowMs: number = performance.now()): Buffer[] {
    if ((this.held || this.discarding) && nowMs - this.lastAt > this.interByteTimeoutMs) {
      this.stats.droppedPartial += 1;
      this.reset();
    }
    this.lastAt = nowMs;
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const lines: Buffer[] = [];
    let start = 0;
    let nextCr = buf.indexOf(CR, 0);
    let nextLf = buf.indexOf(LF, 0);
    while (start < buf.length) {
      if (nextCr >= 0 && nextCr < start) nextCr = buf.indexOf(CR, start);
      if (nextLf >= 0 && nextLf < start) nextLf = buf.indexOf(LF, start);
      const end = nextCr < 0 ? nextLf : nextLf < 0 ? nextCr : Math.min(nextCr, nextLf);
      if (end < 0) {
        this.hold(buf.subarray(start));
        break;
      }
      this.finish(buf.subarray(start, end), lines);
      start = end + 1;
    }
    return lines;
  }

  private hold(rest: Buffer): void {
    if (this.discarding || !rest.length) return;
    if (this.held + rest.length > this.maxLineLength) {
      this.stats.overLong += 1;
      this.discarding = true;
      this.parts = [];
      this.held = 0;
      return;
    }
    this.parts.push(Buffer.from(rest));
    this.held += rest.length;
  }

  private finish(tail: Buffer, lines: Buffer[]): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    const length = this.held + tail.length;
    if (length > this.maxLineLength) this.stats.overLong += 1;
    else if (length > 0) {
      lines.push(this.held ? Buffer.concat([...this.parts, tail]) : Buffer.from(tail));
      this.stats.lines += 1;
    }
    this.parts = [];
    this.held = 0;
  }
}
