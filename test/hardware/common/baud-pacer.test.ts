import { describe, expect, it } from 'vitest';
import { BaudPacer } from '../../../hardware/common/baud-pacer.ts';

describe('BaudPacer', () => {
  it('when 96 bytes go out at 9600 baud, then they take at least 100 ms and arrive whole and in order', async () => {
    const received: Buffer[] = [];
    const pacer = new BaudPacer(9600, async (chunk) => {
      received.push(chunk);
    });
    const payload = Buffer.from(Array.from({ length: 96 }, (_, i) => i));
    const started = performance.now();
    pacer.send(payload.subarray(0, 40));
    pacer.send(payload.subarray(40));
    while (Buffer.concat(received).length < 96) await new Promise((r) => setTimeout(r, 5));
    const elapsed = performance.now() - started;
    // 96 bytes × 10 bits / 9600 baud = 100 ms; allow a little timer slack below.
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(Buffer.concat(received)).toEqual(payload);
    expect(Math.max(...received.map((c) => c.length))).toBeLessThanOrEqual(16);
  });

  it('when cleared, then nothing queued is sent', async () => {
    const received: Buffer[] = [];
    const pacer = new BaudPacer(1200, async (chunk) => {
      received.push(chunk);
    });
    pacer.send(Buffer.alloc(64, 0x41));
    pacer.clear();
    expect(pacer.queued).toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toEqual([]);
  });
});
