import { Writable } from 'node:stream';

/**
 * The agent's last log lines, kept in memory for the `send-logs` command. It sits behind the
 * logger's masking, so what it holds is what the log file holds: no personal data in clear.
 */
export class RecentLogs extends Writable {
  private readonly lines: string[] = [];

  constructor(private readonly capacity = 500) {
    super({ decodeStrings: false });
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      this.lines.push(line);
      if (this.lines.length > this.capacity) this.lines.shift();
    }
    done();
  }

  /** The newest `n` lines, oldest first. */
  tail(n = this.capacity): string[] {
    return this.lines.slice(-n);
  }
}
