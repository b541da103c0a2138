/**
 * How HID reports travel over a stream socket between `SocketHidTransport` and
 * the handset simulator: each report is prefixed with its length as a 16-bit
 * big-endian number, then the report bytes exactly as node-hid would deliver
 * or take them (report id first). Both directions use the same framing.
 */

/** node-hid's read buffer (hidapi reads at most 1024 bytes per report); nothing longer is a report. */
export const MAX_REPORT_LENGTH = 1024;
const HEADER = 2;

/** Prefixes one report with its length; throws on an empty or oversized report (a programming error). */
export function encodeSocketFrame(report: Uint8Array): Buffer {
  if (report.length === 0 || report.length > MAX_REPORT_LENGTH) {
    throw new RangeError(`a HID report is 1..${MAX_REPORT_LENGTH} bytes, not ${report.length}`);
  }
  const frame = Buffer.allocUnsafe(HEADER + report.length);
  frame.writeUInt16BE(report.length, 0);
  frame.set(report, HEADER);
  return frame;
}

export type SocketFrameResult = { reports: Buffer[]; error?: string };

/**
 * Splits a byte stream back into reports, whatever the chunking. A length of
 * 0 or above `MAX_REPORT_LENGTH` cannot be re-synchronised on a stream, so it
 * is reported as `error` and the reader stops; the caller drops the connection.
 * It holds at most one partial frame (≤ 1026 bytes).
 */
export class SocketFrameReader {
  private pending: Buffer = Buffer.alloc(0);
  private broken = false;

  push(chunk: Buffer): SocketFrameResult {
    const reports: Buffer[] = [];
    if (this.broken) return { reports, error: 'stream already broken' };
    const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    while (data.length - at >= HEADER) {
      const length = (data[at]! << 8) | data[at + 1]!;
      if (length === 0 || length > MAX_REPORT_LENGTH) {
        this.broken = true;
        this.pending = Buffer.alloc(0);
        return { reports, error: `bad report length ${length}` };
      }
      const end = at + HEADER + length;
      if (end > data.length) break;
      // A copy, so a listener may keep the report without pinning the socket's chunk.
      const report = Buffer.allocUnsafe(length);
      data.copy(report, 0, at + HEADER, end);
      reports.push(report);
      at = end;
    }
    this.pending = at < data.length ? Buffer.from(data.subarray(at)) : Buffer.alloc(0);
    return { reports };
  }

  /** Bytes held for an incomplete frame. */
  get buffered(): number {
    return this.pending.length;
  }
}
