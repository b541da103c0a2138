import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SerialTransport } from '../../hardware/common/serial-transport.ts';
import { encodeBaseInfo, encodeIdCardText } from '../../hardware/id-reader/id-card-text.ts';
import { IdReaderDriver } from '../../hardware/id-reader/id-reader.driver.ts';
import { encodeResponse, PREAMBLE } from '../../hardware/id-reader/id-reader.frame.ts';
import { IdReaderFrameParser } from '../../hardware/id-reader/id-reader.parser.ts';
import { IdReaderSimulator } from '../../hardware/id-reader/id-reader.simulator.ts';
import { VIRTUAL_ID_CARDS, virtualPhoto } from '../../hardware/id-reader/id-reader-cards.ts';
import { createPtyPair } from '../support/pty-pair.ts';
import { type BenchRow, median, percentile } from './table.ts';

const MiB = 1024 * 1024;
const CHUNK = 4096;
const BAUD = 115200;

/** 16 MiB of random bytes with a 1295-byte "read base information" answer every 64 KiB. */
function noisyStream(): { stream: Buffer; frames: number } {
  const stream = randomBytes(16 * MiB);
  const frame = encodeResponse(
    0x90,
    encodeBaseInfo(encodeIdCardText(VIRTUAL_ID_CARDS['adult-gulou']), virtualPhoto('adult-gulou')),
  );
  let frames = 0;
  for (let at = 1000; at + frame.length < stream.length; at += 64 * 1024) {
    frame.copy(stream, at);
    frames += 1;
  }
  return { stream, frames };
}

function mbPerSecond(bytes: number, ms: number): number {
  return bytes / MiB / (ms / 1000);
}

/** Best of three passes, in MB/s. */
function throughput(stream: Buffer, pass: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    pass();
    times.push(performance.now() - t0);
  }
  return mbPerSecond(stream.length, Math.min(...times));
}

function parserRows(): BenchRow[] {
  const { stream, frames } = noisyStream();
  let found = 0;
  const parse = throughput(stream, () => {
    const parser = new IdReaderFrameParser();
    found = 0;
    for (let i = 0; i < stream.length; i += CHUNK)
      found += parser.push(stream.subarray(i, i + CHUNK), 0).length;
  });
  let hits = 0;
  const scan = throughput(stream, () => {
    hits = 0;
    for (let i = 0; i < stream.length; i += CHUNK) {
      const chunk = stream.subarray(i, i + CHUNK);
      for (let at = chunk.indexOf(PREAMBLE); at >= 0; at = chunk.indexOf(PREAMBLE, at + 1)) hits += 1;
    }
  });
  if (found < frames) throw new Error(`parser found ${found} of ${frames} frames`);
  return [
    {
      benchmark: `id-reader parser, 16 MiB random + ${frames} frames, 4 KiB chunks (found ${found})`,
      value: `${parse.toFixed(0)} MB/s`,
      baseline: `${scan.toFixed(0)} MB/s Buffer.indexOf(AA AA AA 96 69) (${hits} hits)`,
      ratio: `${(parse / scan).toFixed(2)}×`,
      target: '≥ 50 MB/s',
      ok: parse >= 50,
    },
  ];
}

/**
 * find (20 01) + select (20 02) + read (30 01) through the driver over a pty,
 * against the simulator paced at 115200 baud. The answers are 15 + 19 + 1295
 * bytes; at 10 bits a byte their line time is the floor. The commands (3 × 10
 * bytes) cross the pty unpaced, so they are not in the floor.
 */
async function roundTripRows(rounds = 60): Promise<BenchRow[]> {
  const logger = pino({ level: 'silent' });
  const dir = await mkdtemp(join(tmpdir(), 'tingzi-bench-id-'));
  const pair = await createPtyPair(dir, 'id-reader');
  const sim = new IdReaderSimulator({ path: pair.a, baudRate: BAUD, logger });
  const driver = new IdReaderDriver({
    transport: new SerialTransport({ path: pair.b, baudRate: BAUD, logger }),
    logger,
    pollIntervalMs: 600_000, // only the first SAM status poll: the line is the benchmark's
  });
  const lineMs = ((15 + 19 + 1295) * 10 * 1000) / BAUD;
  try {
    await sim.open();
    await driver.start();
    sim.present('adult-gulou');
    await driver.readOnce(); // warm-up
    const overheads: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const card = await driver.readOnce();
      const ms = performance.now() - t0;
      if (!card) throw new Error('no card read');
      overheads.push(ms - lineMs);
    }
    const p95 = percentile(overheads, 95);
    return [
      {
        benchmark: `id-reader find+select+read over pty at ${BAUD} baud, overhead beyond line time, p50 (n=${rounds})`,
        value: `${median(overheads).toFixed(2)} ms`,
        baseline: `${lineMs.toFixed(1)} ms line time (1329 answer bytes); min ${Math.min(...overheads).toFixed(2)} ms; load ${loadavg()[0]!.toFixed(1)}`,
      },
      {
        // A card read is three request/response round trips (find, select, read); the
        // target is per round trip, as for the printer's three DLE EOT n.
        benchmark: 'id-reader find+select+read, overhead beyond line time, p95',
        value: `${p95.toFixed(2)} ms (${(p95 / 3).toFixed(2)} ms per round trip)`,
        baseline: `${lineMs.toFixed(1)} ms line time`,
        target: 'p95 < 5 ms per round trip',
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

/** The ID reader's benchmarks: parser throughput and the card-read round trip. */
export async function benchIdReader(): Promise<BenchRow[]> {
  // The round trip first: the parser bench's 16 MiB of garbage would otherwise be
  // collected in the middle of it.
  const roundTrip = await roundTripRows();
  return [...parserRows(), ...roundTrip];
}
