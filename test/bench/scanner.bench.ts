import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SerialTransport } from '../../hardware/common/serial-transport.ts';
import { type ScanEvent, ScannerDriver } from '../../hardware/scanner/scanner.driver.ts';
import { CR } from '../../hardware/scanner/scanner.frame.ts';
import { ScannerSimulator } from '../../hardware/scanner/scanner.simulator.ts';
import { ScannerLineParser } from '../../hardware/scanner/scanner-line.parser.ts';
import { createPtyPair } from '../support/pty-pair.ts';
import { type BenchRow, median, percentile } from './table.ts';

const MiB = 1024 * 1024;
const CHUNK = 4096;
const BAUD = 9600;

function throughput(bytes: number, pass: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    pass();
    times.push(performance.now() - t0);
  }
  return bytes / MiB / (Math.min(...times) / 1000);
}

function parserRows(): BenchRow[] {
  // Random bytes (CR and LF turn up every ~128 bytes) with a payment code line every 4 KiB.
  const stream = randomBytes(16 * MiB);
  const line = Buffer.from('\r281234567890123456\r');
  for (let at = 100; at + line.length < stream.length; at += 4096) line.copy(stream, at);
  let lines = 0;
  const parse = throughput(stream.length, () => {
    const parser = new ScannerLineParser();
    lines = 0;
    for (let i = 0; i < stream.length; i += CHUNK)
      lines += parser.push(stream.subarray(i, i + CHUNK), 0).length;
  });
  let hits = 0;
  const scan = throughput(stream.length, () => {
    hits = 0;
    for (let i = 0; i < stream.length; i += CHUNK) {
      const chunk = stream.subarray(i, i + CHUNK);
      for (let at = chunk.indexOf(CR); at >= 0; at = chunk.indexOf(CR, at + 1)) hits += 1;
    }
  });
  return [
    {
      benchmark: `scanner line parser, 16 MiB random + payment codes, 4 KiB chunks (${lines} lines)`,
      value: `${parse.toFixed(0)} MB/s`,
      baseline: `${scan.toFixed(0)} MB/s Buffer.indexOf(CR) (${hits} hits)`,
      ratio: `${(parse / scan).toFixed(2)}×`,
      target: '≥ 50 MB/s',
      ok: parse >= 50,
    },
  ];
}

/**
 * From `scan()` on the simulator to the driver's `scan` event, over a pty at 9600 baud, beyond line
 * time. 100 scans: over 30, the p95 was the second-slowest, and one pause of a busy machine (8.7 ms
 * once in a full `npm run bench`, 0.4-0.7 ms run alone) decided it.
 */
async function latencyRows(rounds = 100): Promise<BenchRow[]> {
  const logger = pino({ level: 'silent' });
  const dir = await mkdtemp(join(tmpdir(), 'tingzi-bench-scanner-'));
  const pair = await createPtyPair(dir, 'scanner');
  const sim = new ScannerSimulator({ path: pair.a, baudRate: BAUD, logger });
  const driver = new ScannerDriver({
    transport: new SerialTransport({ path: pair.b, baudRate: BAUD, logger }),
    logger,
  });
  const text = '281234567890123456';
  const lineMs = ((text.length + 1) * 10 * 1000) / BAUD;
  try {
    await sim.open();
    await driver.start();
    await driver.enable();
    const overheads: number[] = [];
    for (let i = 0; i < rounds; i++) {
      while (sim.state().trigger !== 'on') await new Promise((r) => setTimeout(r, 1));
      const got = new Promise<ScanEvent>((resolve) => driver.once('scan', resolve));
      const t0 = performance.now();
      sim.scan(text);
      await got;
      overheads.push(performance.now() - t0 - lineMs);
    }
    const p95 = percentile(overheads, 95);
    return [
      {
        benchmark: `scanner scan → event over pty at ${BAUD} baud, beyond line time, p50 / p95 (n=${rounds})`,
        value: `${median(overheads).toFixed(2)} / ${p95.toFixed(2)} ms`,
        baseline: `${lineMs.toFixed(1)} ms line time (${text.length + 1} bytes); load ${loadavg()[0]!.toFixed(1)}`,
        target: 'p95 < 5 ms',
        ok: p95 < 5,
      },
    ];
  } finally {
    await driver.stop();
    await sim.close();
    await pair.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The scanner's benchmarks: line parser throughput, and scan latency beyond line time. */
export async function benchScanner(): Promise<BenchRow[]> {
  return [...parserRows(), ...(await latencyRows())];
}
