import {
  ACK,
  bcc,
  type CardReaderFrame,
  decodeBody,
  ETX,
  FRAME_OVERHEAD,
  MAX_BODY,
  NAK,
  STX,
} from './card-reader.frame.ts';

/** What the parser finds on the line (card-reader.frame.ts, table A). */
export type CardReaderItem =
  | { kind: 'ack' }
  | { kind: 'nak' }
  | { kind: 'frame'; frame: CardReaderFrame }
  /** A frame with a plausible header whose ETX, BCC or body was wrong: a reader answers it with NAK. */
  | { kind: 'bad' };

export interface CardReaderParserCounters {
  /** Bytes outside any frame that were neither ACK nor NAK. */
  garbageBytes: number;
  badFrames: number;
  /** Partial frames given up after the inter-byte timeout. */
  droppedPartials: number;
}

const ACK_ITEM: CardReaderItem = { kind: 'ack' };
const NAK_ITEM: CardReaderItem = { kind: 'nak' };
const BAD_ITEM: CardReaderItem = { kind: 'bad' };

/**
 * An accumulator over either direction of the card reader's line: `push` each
 * chunk, get back ACKs, NAKs and complete frames. It re-syncs on the next STX
 * after anything bad, waits for a frame's full length, and drops a partial
 * frame when no byte came for `interByteTimeoutMs` (checked on the next push,
 * or by the owner calling `flush()` from a timer). It holds at most one frame's
 * worth of bytes. Never throws.
 */
export class CardReaderParser {
  private rest: Buffer = Buffer.alloc(0);
  private lastPushAt = Number.NEGATIVE_INFINITY;
  private readonly stats: CardReaderParserCounters = { garbageBytes: 0, badFrames: 0, droppedPartials: 0 };

  constructor(private readonly interByteTimeoutMs = 100) {}

  /** Bytes held back as the start of a frame. */
  get pending(): number {
    return this.rest.length;
  }

  get counters(): Readonly<CardReaderParserCounters> {
    return { ...this.stats };
  }

  /** `now` is injectable for tests; it only decides whether a held partial frame went stale. */
  push(chunk: Uint8Array, now: number = performance.now()): CardReaderItem[] {
    const items: CardReaderItem[] = [];
    if (this.rest.length && now - this.lastPushAt > this.interByteTimeoutMs) this.flushInto(items);
    this.lastPushAt = now;
    const buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = Buffer.from(this.scan(buf, 0, items));
    return items;
  }

  /** Gives up on a held partial frame: its STX is garbage, and the bytes after it are scanned again. */
  flush(): CardReaderItem[] {
    const items: CardReaderItem[] = [];
    this.flushInto(items);
    return items;
  }

  private flushInto(items: CardReaderItem[]): void {
    while (this.rest.length) {
      this.stats.droppedPartials += 1;
      this.stats.garbageBytes += 1;
      this.rest = Buffer.from(this.scan(this.rest, 1, items));
    }
  }

  /** Scans `buf` from `i`; returns the unfinished tail (a partial frame), possibly empty. */
  private scan(buf: Uint8Array, i: number, items: CardReaderItem[]): Uint8Array {
    const n = buf.length;
    while (i < n) {
      const b = buf[i]!;
      if (b !== STX) {
        if (b === ACK) items.push(ACK_ITEM);
        else if (b === NAK) items.push(NAK_ITEM);
        else this.stats.garbageBytes += 1;
        i += 1;
        continue;
      }
      if (i + 4 > n) return buf.subarray(i);
      const len = (buf[i + 2]! << 8) | buf[i + 3]!;
      if (len < 3 || len > MAX_BODY) {
        this.stats.garbageBytes += 1;
        i += 1;
        continue;
      }
      const end = i + len + FRAME_OVERHEAD;
      if (end > n) return buf.subarray(i);
      const frame =
        buf[end - 2] === ETX && bcc(buf, i, end - 1) === buf[end - 1]
          ? decodeBody(buf[i + 1]!, buf.subarray(i + 4, i + 4 + len))
          : null;
      if (!frame) {
        // Re-sync one byte on: the bad frame may hide a good one.
        this.stats.badFrames += 1;
        items.push(BAD_ITEM);
        i += 1;
        continue;
      }
      items.push({ kind: 'frame', frame });
      i = end;
    }
    return buf.subarray(n);
  }
}
