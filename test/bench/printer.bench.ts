import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SerialTransport } from '../../hardware/common/serial-transport.ts';
import type { Transport, TransportEvents } from '../../hardware/common/transport.ts';
import { EscPosDecoder } from '../../hardware/printer/escpos.decoder.ts';
import { encodeDocument } from '../../hardware/printer/escpos.encoder.ts';
import { lineTimeMs } from '../../hardware/printer/print-job.ts';
import { PrinterDriver } from '../../hardware/printer/printer.driver.ts';
import { PrinterSimulator } from '../../hardware/printer/printer.simulator.ts';
import {
  decodeStatusByte,
  isStatusByte,
  type StatusRequest,
} from '../../hardware/printer/printer-status.frame.ts';
import { WATER_BILL_RECEIPT } from '../hardware/printer/expected-print.ts';
import { createPtyPair } from '../support/pty-pair.ts';
import { type BenchRow, median, percentile } from './table.ts';

const MiB = 1024 * 1024;
const CHUNK = 4096;
const BAUD = 9600;
const logger = pino({ level: 'silent' });

/** 16 MiB of random bytes with a valid status byte (0x12, 0x1E, 0x7E, 0x16) every 97 bytes. */
function statusStream(): Buffer {
  const bytes = randomBytes(16 * MiB);
  const valid = [0x12, 0x1e, 0x7e, 0x16];
  for (let i = 0; i < bytes.length; i += 97) bytes[i] = valid[i % valid.length]!;
  return bytes;
}

/** MB/s of `scan` over `bytes` in 4 KiB chunks, best of three. */
function throughput(bytes: Buffer, scan: (chunk: Buffer) => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    for (let i = 0; i < bytes.length; i += CHUNK) scan(bytes.subarray(i, i + CHUNK));
    best = Math.min(best, performance.now() - t0);
  }
  return bytes.length / 1e6 / (best / 1000);
}

const mbps = (v: number): string => `${v.toFixed(0)} MB/s`;

/** The driver's receive path: every byte tested for the fixed status bits, the valid ones decoded. */
function statusParserRows(): BenchRow[] {
  const bytes = statusStream();
  let found = 0;
  const parser = throughput(bytes, (chunk) => {
    for (const byte of chunk) {
      if (isStatusByte(byte) && decodeStatusByte((((byte >> 2) & 3) + 1) as StatusRequest, byte)) found++;
    }
  });
  const baseline = throughput(bytes, (chunk) => {
    for (let at = chunk.indexOf(0x12); at >= 0; at = chunk.indexOf(0x12, at + 1)) found++;
  });
  if (!found) throw new Error('no status byte found');
  return [
    {
      benchmark: 'printer: status-byte parser, 16 MiB random (4 KiB chunks)',
      value: mbps(parser),
      baseline: `${mbps(baseline)} Buffer.indexOf`,
      ratio: `${(parser / baseline).toFixed(2)}×`,
      target: '≥ 50 MB/s',
      ok: parser >= 50,
    },
  ];
}

/**
 * The simulator's ESC/POS decoder on random bytes and on a stream of real
 * receipts. Random bytes soon hold an image header (GS v 0, GS 8 L) whose
 * length swallows what follows, so the decoder is flushed after every chunk
 * (an inter-byte timeout) and the share counted off as image data is shown.
 */
function decoderRows(): BenchRow[] {
  const random = randomBytes(16 * MiB);
  const receipt = encodeDocument(WATER_BILL_RECEIPT);
  const receipts = Buffer.concat(
    Array.from({ length: Math.ceil((16 * MiB) / receipt.length) }, () => receipt),
  );
  let skipped = 0;
  const onRandom = throughput(random, (chunk) => {
    const decoder = new EscPosDecoder();
    decoder.push(chunk);
    skipped += decoder.counters.skippedBytes;
  });
  const decoder = new EscPosDecoder();
  const onReceipts = throughput(receipts, (chunk) => {
    decoder.push(chunk);
  });
  const baseline = throughput(random, (chunk) => {
    chunk.indexOf(0x1b);
  });
  const skippedShare = (100 * skipped) / (3 * random.length);
  return [
    {
      benchmark: `printer: ESC/POS decoder, 16 MiB random, flushed per 4 KiB (${skippedShare.toFixed(0)} % image data)`,
      value: mbps(onRandom),
      baseline: `${mbps(baseline)} Buffer.indexOf`,
      ratio: `${(onRandom / baseline).toFixed(3)}×`,
      target: 'report',
    },
    {
      benchmark: 'printer: ESC/POS decoder, 16 MiB of receipts (GB18030, QR)',
      value: mbps(onReceipts),
      target: 'report',
    },
  ];
}

/**
 * A serial line as slow as a real one: bytes reach the other end only once the
 * wire would have carried them (10 bits a byte), like the simulator's replies.
 */
class WireTransport extends EventEmitter<TransportEvents> implements Transport {
  constructor(private readonly inner: SerialTransport) {
    super();
    inner.on('data', (chunk) => this.emit('data', chunk));
    inner.on('open', () => this.emit('open'));
    inner.on('close', (unexpected) => this.emit('close', unexpected));
  }
  get path(): string {
    return this.inner.path;
  }
  get isOpen(): boolean {
    return this.inner.isOpen;
  }
  get baudRate(): number {
    return this.inner.baudRate;
  }
  open(): Promise<void> {
    return this.inner.open();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  async write(bytes: Uint8Array): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, lineTimeMs(bytes.length, BAUD)));
    await this.inner.write(bytes);
  }
}

/** `queryStatus()` (DLE EOT 1, 2, 4: 9 bytes out, 3 back) against the simulator over a pty at 9600 baud. */
async function roundTripRows(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'tingzi-bench-printer-'));
  const pair = await createPtyPair(dir, 'printer');
  const sim = new PrinterSimulator({ path: pair.a, baudRate: BAUD, logger });
  await sim.open();
  const transport = new WireTransport(new SerialTransport({ path: pair.b, baudRate: BAUD, logger }));
  const driver = new PrinterDriver({ transport, logger, pollIntervalMs: 600_000 });
  try {
    await driver.start();
    const line = lineTimeMs(12, BAUD);
    const overheads: number[] = [];
    for (let i = 0; i < 230; i++) {
      const t0 = performance.now();
      await driver.queryStatus();
      if (i >= 30) overheads.push(performance.now() - t0 - line); // the first 30 warm up
    }
    const p50 = median(overheads);
    const p95 = percentile(overheads, 95);
    return [
      {
        benchmark: 'printer: status query (3 × DLE EOT n) over pty, overhead beyond line time, p50',
        value: `${p50.toFixed(2)} ms`,
        baseline: `${line.toFixed(2)} ms line time (12 bytes @ 9600)`,
        target: 'report',
      },
      {
        benchmark: 'printer: status query (3 × DLE EOT n) over pty, overhead beyond line time, p95',
        value: `${p95.toFixed(2)} ms (${(p95 / 3).toFixed(2)} ms per DLE EOT n)`,
        baseline: `${line.toFixed(2)} ms line time (12 bytes @ 9600)`,
        target: 'p95 < 5 ms per DLE EOT n',
        ok: p95 / 3 < 5,
      },
    ];
  } finally {
    await driver.stop();
    await sim.close();
    await pair.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Receipt printer: status-byte parsing, ESC/POS decoding, and the status round trip at 9600 baud. */
export async function benchPrinter(): Promise<BenchRow[]> {
  return [...statusParserRows(), ...decoderRows(), ...(await roundTripRows())];
}
