/**
 * Card reader benchmarks: (1) parser throughput on 16 MiB of random bytes with
 * valid frames mixed in, fed in 4 KiB chunks, beside `Buffer.indexOf` scanning
 * the same bytes for STX; (2) the status round trip (command, ACK, reply) over
 * a real pty against the simulator at 9600 baud, minus the bytes' own line time.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { CardReaderDriver } from '../../hardware/card-reader/card-reader.driver.ts';
import {
  encodeCommand,
  encodeFrame,
  encodeStatusData,
  STX,
} from '../../hardware/card-reader/card-reader.frame.ts';
import { CardReaderParser } from '../../hardware/card-reader/card-reader.parser.ts';
import { CardReaderSimulator } from '../../hardware/card-reader/card-reader.simulator.ts';
import { SerialTransport } from '../../hardware/common/serial-transport.ts';
import { createPtyPair } from '../support/pty-pair.ts';
import { type BenchRow, median, percentile } from './table.ts';

const MiB = 1024 * 1024;
const BAUD = 9600;

function mixedStream(size: number): { bytes: Buffer; frames: number } {
  const bytes = randomBytes(size);
  const frame = encodeFrame({
    type: 'positive',
    addr: 0,
    cm: 0x31,
    pm: 0x30,
    st0: 0x32,
    st1: 0x32,
    data: encodeStatusData(true, 3),
  });
  let frames = 0;
  for (let at = 1000; at + frame.length < size; at += 8192) {
    bytes.set(frame, at);
    frames++;
  }
  return { bytes, frames };
}

function benchParser(): BenchRow[] {
  const { bytes, frames } = mixedStream(16 * MiB);
  const chunk = 4096;
  const runs: number[] = [];
  const baseRuns: number[] = [];
  let found = 0;
  for (let r = 0; r < 5; r++) {
    const parser = new CardReaderParser();
    found = 0;
    let t = performance.now();
    for (let i = 0; i < bytes.length; i += chunk) {
      for (const item of parser.push(bytes.subarray(i, i + chunk), 0)) if (item.kind === 'frame') found++;
    }
    runs.push(performance.now() - t);
    t = performance.now();
    let hits = 0;
    for (let i = 0; i < bytes.length; i += chunk) {
      const part = bytes.subarray(i, i + chunk);
      for (let at = part.indexOf(STX); at >= 0; at = part.indexOf(STX, at + 1)) hits++;
    }
    baseRuns.push(performance.now() - t);
    if (hits < 0) throw new Error('unreachable');
  }
  const mbps = bytes.length / 1e6 / (median(runs) / 1000);
  const baseMbps = bytes.length / 1e6 / (median(baseRuns) / 1000);
  return [
    {
      benchmark: `card reader parser, 16 MiB random + ${frames} frames (${found} found), 4 KiB chunks`,
      value: `${mbps.toFixed(0)} MB/s`,
      baseline: `${baseMbps.toFixed(0)} MB/s Buffer.indexOf(STX)`,
      ratio: `${(mbps / baseMbps).toFixed(2)}×`,
      target: '≥ 50 MB/s',
      ok: mbps >= 50 && found >= frames,
    },
  ];
}

async function benchRoundTrip(samples = 60): Promise<BenchRow[]> {
  const logger = pino({ level: 'silent' });
  const dir = await mkdtemp(join(tmpdir(), 'tingzi-bench-card-'));
  const pair = await createPtyPair(dir, 'card-reader');
  const sim = new CardReaderSimulator({ path: pair.a, baudRate: BAUD, logger });
  await sim.open();
  // No background polling: every status command below is one measured round trip.
  const driver = new CardReaderDriver({
    transport: new SerialTransport({ path: pair.b, baudRate: BAUD, logger }),
    logger,
    pollIntervalMs: 1e9,
  });
  try {
    await driver.start();
    const request = encodeCommand('status').length;
    const reply = encodeFrame({
      type: 'positive',
      addr: 0,
      cm: 0x31,
      pm: 0x30,
      st0: 0x30,
      st1: 0x30,
      data: encodeStatusData(false, 0),
    }).length;
    // The host's command frame crosses the pty unpaced (the driver writes at pty speed); the
    // reader's ACK and reply frame are paced by the simulator at BAUD. So the line time that is
    // really in the measurement is ACK + reply, 10 bits a byte.
    const pacedBytes = 1 + reply;
    const lineMs = (pacedBytes * 10 * 1000) / BAUD;
    const overhead: number[] = [];
    for (let i = 0; i < samples + 5; i++) {
      const t = performance.now();
      await driver.refresh();
      if (i >= 5) overhead.push(performance.now() - t - lineMs);
    }
    const p50 = median(overhead);
    const p95 = percentile(overhead, 95);
    return [
      {
        benchmark: `card reader status round trip over a pty at ${BAUD} baud, minus line time (p50)`,
        value: `${p50.toFixed(2)} ms`,
        baseline: `${lineMs.toFixed(2)} ms line time (ACK + ${reply}-byte reply; the ${request}-byte command is unpaced)`,
      },
      {
        benchmark: 'card reader status round trip, minus line time (p95)',
        value: `${p95.toFixed(2)} ms`,
        baseline: `${lineMs.toFixed(2)} ms line time`,
        target: '< 5 ms',
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

/** Both card reader benchmarks, as rows of the bench table. */
export async function benchCardReader(): Promise<BenchRow[]> {
  return [...benchParser(), ...(await benchRoundTrip())];
}
