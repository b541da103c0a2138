import { type FrameBody, HEADER_LENGTH, MAX_LEN, MIN_LEN, PREAMBLE, xorChecksum } from './id-reader.frame.ts';

/** Running totals, for diagnostics and tests. */
export interface IdReaderParserCounters {
  frames: number;
  /** Bytes skipped while looking for a preamble (noise, a frame's remains). */
  skippedBytes: number;
  /** Preambles followed by a Len outside MIN_LEN..MAX_LEN. */
  badLength: number;
  badChecksum: number;
  /** Partial frames given up after the inter-byte timeout. */
  droppedPartial: number;
}

export interface IdReaderParserOptions {
  /** A partial frame older than this when the next bytes arrive is dropped. */
  interByteTimeoutMs?: number;
}

/**
 * An accumulator over either direction of the ID reader's byte stream: `push`
 * a chunk, get back the bodies (bytes between Len and CHK_SUM) of complete,
 * checked frames. It re-syncs on the `AA AA AA 96 69` preamble, waits for Len
 * bytes, and after a bad Len or checksum resumes one byte past the false
 * preamble, so a real frame hidden inside a broken one is still found.
 * Holds at most one frame (HEADER_LENGTH + MAX_LEN bytes). Never throws.
 */
export class IdReaderFrameParser {
  private buffer: Buffer = Buffer.alloc(0);
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly interByteTimeoutMs: number;
  private readonly stats: IdReaderParserCounters = {
    frames: 0,
    skippedBytes: 0,
    badLength: 0,
    badChecksum: 0,
    droppedPartial: 0,
  };

  constructor({ interByteTimeoutMs = 200 }: IdReaderParserOptions = {}) {
    this.interByteTimeoutMs = interByteTimeoutMs;
  }

  get counters(): Readonly<IdReaderParserCounters> {
    return { ...this.stats };
  }

  /** Bytes held back: a preamble prefix or a frame still arriving. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Forgets a partial frame (the port closed). */
  reset(): void {
    this.buffer = Buffer.alloc(0);
  }

  /** Feeds one chunk; `nowMs` is when it arrived (for the inter-byte timeout). */
  push(chunk: Uint8Array, nowMs: number = performance.now()): FrameBody[] {
    if (this.buffer.length && nowMs - this.lastAt > this.interByteTimeoutMs) {
      this.stats.droppedPartial += 1;
      this.stats.skippedBytes += this.buffer.length;
      this.buffer = Buffer.alloc(0);
    }
    this.lastAt = nowMs;
    if (!chunk.length) return [];
    const input = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const buf = this.buffer.length ? Buffer.concat([this.buffer, input]) : input;
    const frames: FrameBody[] = [];
    let i = 0;
    for (;;) {
      const at = buf.indexOf(PREAMBLE, i);
      if (at < 0) {
        const keep = preamblePrefixAtEnd(buf, i);
        this.stats.skippedBytes += buf.length - i - keep;
        i = buf.length - keep;
        break;
      }
      this.stats.skippedBytes += at - i;
      i = at;
      if (buf.length - i < HEADER_LENGTH) break;
      const len = buf.readUInt16BE(i + PREAMBLE.length);
      if (len < MIN_LEN || len > MAX_LEN) {
        this.stats.badLength += 1;
        this.stats.skippedBytes += 1;
        i += 1;
        continue;
      }
      if (buf.length - i < HEADER_LENGTH + len) break;
      const end = i + HEADER_LENGTH + len - 1;
      if (xorChecksum(buf, i + PREAMBLE.length, end) !== buf[end]) {
        this.stats.badChecksum += 1;
        this.stats.skippedBytes += 1;
        i += 1;
        continue;
      }
      frames.push(Buffer.from(buf.subarray(i + HEADER_LENGTH, end)));
      this.stats.frames += 1;
      i = end + 1;
    }
    // Copy what is kept so a large chunk is not pinned by a few bytes of it.
    this.buffer = i >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(i));
    return frames;
  }
}

/** How many bytes at the end of `buf` (from `from` on) could be the start of a preamble. */
function preamblePrefixAtEnd(buf: Buffer, from: number): number {
  for (let k = Math.min(PREAMBLE.length - 1, buf.length - from); k > 0; k--) {
    if (buf.subarray(buf.length - k).equals(PREAMBLE.subarray(0, k))) return k;
  }
  return 0;
}
