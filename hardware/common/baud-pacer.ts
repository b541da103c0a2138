/**
 * Sends bytes no faster than a UART at `baudRate` would. A pseudo-terminal
 * delivers any amount at once; a simulator that wants the real timing (a slow
 * link at 9600 baud) paces its output through this. One byte on the wire is
 * 10 bits (start, 8 data, stop), so 9600 baud is 960 bytes a second.
 */
export class BaudPacer {
  private queue: Buffer[] = [];
  private pumping = false;
  private epoch = 0;
  private readonly msPerByte: number;

  /**
   * @param write hands one chunk to the port; a rejection drops the chunk.
   * @param maxChunk bytes per write: small enough to keep the timing honest.
   */
  constructor(
    baudRate: number,
    private readonly write: (chunk: Buffer) => Promise<void>,
    private readonly maxChunk = 16,
    bitsPerByte = 10,
  ) {
    this.msPerByte = (bitsPerByte * 1000) / baudRate;
  }

  /** Queues bytes; each chunk leaves once the wire would have carried it. */
  send(bytes: Uint8Array): void {
    if (!bytes.length) return;
    this.queue.push(Buffer.from(bytes));
    if (!this.pumping) void this.pump();
  }

  /** Drops everything not yet sent (the device lost power). */
  clear(): void {
    this.queue = [];
    this.epoch += 1;
  }

  /** Bytes waiting to be sent. */
  get queued(): number {
    return this.queue.reduce((sum, b) => sum + b.length, 0);
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    const epoch = this.epoch;
    let due = performance.now();
    try {
      while (this.queue.length && epoch === this.epoch) {
        const head = this.queue[0]!;
        const chunk = head.subarray(0, this.maxChunk);
        if (chunk.length === head.length) this.queue.shift();
        else this.queue[0] = head.subarray(chunk.length);
        // The chunk arrives when its last stop bit would have. Within one pump the wire is
        // busy without a break, so the deadline runs on from the last one: a timer that
        // fires late is caught up on the next chunk instead of adding its lateness.
        due += chunk.length * this.msPerByte;
        await sleep(due - performance.now());
        if (epoch !== this.epoch) break;
        await this.write(chunk).catch(() => {});
      }
    } finally {
      this.pumping = false;
      if (this.queue.length) void this.pump();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
