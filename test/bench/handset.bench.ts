import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { HandsetDriver } from '../../hardware/handset/handset.driver.ts';
import { HandsetSimulator } from '../../hardware/handset/handset.simulator.ts';
import {
  HANDSET_KEYS,
  type HandsetProfile,
  STANDARD_TELEPHONY,
  VENDOR_PULSE_HOOK,
} from '../../hardware/handset/handset-profiles.ts';
import { decodeInput, encodeInput } from '../../hardware/handset/hid-report.frame.ts';
import { encodeSocketFrame, SocketFrameReader } from '../../hardware/handset/hid-socket.frame.ts';
import { SocketHidTransport } from '../../hardware/handset/hid-socket.transport.ts';
import { type BenchRow, median, percentile } from './table.ts';

const logger = pino({ level: 'silent' });
const REPORTS = 1_000_000;

/** A million reports as node-hid would deliver them: valid ones with random state, one in ten garbage. */
function reportsFor(profile: HandsetProfile): Buffer[] {
  const reports: Buffer[] = [];
  for (let i = 0; i < REPORTS; i++) {
    if (i % 10 === 9) {
      reports.push(Buffer.of(0x01, i & 0xff, (i >> 8) & 0xff)); // another report id
      continue;
    }
    const key = HANDSET_KEYS[i % 24];
    reports.push(
      encodeInput(profile, {
        offHook: (i & 2) === 2,
        hookPulse: (i & 4) === 4,
        muted: (i & 8) === 8,
        keys: key ? [key] : [],
      }),
    );
  }
  return reports;
}

/** Best of three runs, in ms. */
function timeBest(run: () => number): { ms: number; sink: number } {
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    sink += run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: best, sink };
}

function decodeRows(profile: HandsetProfile): BenchRow[] {
  const reports = reportsFor(profile);
  const bytes = reports.reduce((n, r) => n + r.length, 0);
  const decode = timeBest(() => {
    let ok = 0;
    for (const report of reports) if (decodeInput(profile, report).ok) ok++;
    return ok;
  });
  // Baseline: touch every byte of the same reports in a plain loop, no decoding.
  const baseline = timeBest(() => {
    let sum = 0;
    for (const report of reports) for (let i = 0; i < report.length; i++) sum += report[i]!;
    return sum;
  });
  const perSecond = (REPORTS / decode.ms) * 1000;
  const mbPerSecond = bytes / 1e6 / (decode.ms / 1000);
  const basePerSecond = (REPORTS / baseline.ms) * 1000;
  return [
    {
      benchmark: `handset decodeInput (${profile.name}, 1M reports, 10% garbage)`,
      value: `${(perSecond / 1e6).toFixed(2)} M reports/s, ${mbPerSecond.toFixed(1)} MB/s`,
      baseline: `${(basePerSecond / 1e6).toFixed(2)} M reports/s (byte loop)`,
      ratio: `${(baseline.ms / decode.ms).toFixed(2)}x`,
      // A handset sends at most 1000 reports/s (1 ms interrupt interval): 1 M/s is a thousandfold margin.
      target: '≥ 1 M reports/s',
      ok: perSecond >= 1e6,
    },
  ];
}

async function latencyRow(): Promise<BenchRow> {
  const dir = await mkdtemp(join(tmpdir(), 'tingzi-bench-handset-'));
  const path = join(dir, 'handset.sock');
  const sim = new HandsetSimulator({ address: { path }, profile: STANDARD_TELEPHONY, logger });
  await sim.open();
  const driver = new HandsetDriver({
    transport: new SocketHidTransport({ address: { path }, logger }),
    profile: STANDARD_TELEPHONY,
    logger,
  });
  const samples: number[] = [];
  try {
    await driver.start();
    while (sim.connections === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 500; i++) {
      const hookOff = new Promise<void>((resolve) => driver.once('hookOff', () => resolve()));
      const start = process.hrtime.bigint();
      sim.lift();
      await hookOff;
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      const hookOn = new Promise<void>((resolve) => driver.once('hookOn', () => resolve()));
      sim.hangUp();
      await hookOn;
    }
  } finally {
    await driver.stop();
    await sim.close();
  }
  const baseline = await bareSocketOneWay(join(dir, 'bare.sock'));
  await rm(dir, { recursive: true, force: true });
  const p95 = percentile(samples.slice(50), 95);
  return {
    benchmark: 'handset lift → hookOff over the Unix socket (p50 / p95, 450 samples)',
    value: `${median(samples.slice(50)).toFixed(3)} / ${p95.toFixed(3)} ms`,
    baseline: `${median(baseline).toFixed(3)} / ${percentile(baseline, 95).toFixed(3)} ms (bare socket write → data)`,
    ratio: `${(median(samples.slice(50)) / median(baseline)).toFixed(2)}x`,
    target: 'p95 < 5 ms',
    ok: p95 < 5,
  };
}

/** One 5-byte write on a bare Unix socket until the other end's `data`: what the transport cannot beat. */
async function bareSocketOneWay(path: string): Promise<number[]> {
  let serverSide!: Socket;
  const accepted = new Promise<void>((resolve) => {
    const server = createServer((socket) => {
      serverSide = socket;
      resolve();
    });
    server.listen(path);
    closers.push(() => new Promise<void>((done) => server.close(() => done())));
  });
  const client = connect({ path });
  await accepted;
  const samples: number[] = [];
  for (let i = 0; i < 500; i++) {
    const got = new Promise<void>((resolve) => client.once('data', () => resolve()));
    const start = process.hrtime.bigint();
    serverSide.write(Buffer.of(0x00, 0x03, 0x02, 0x01, 0x00));
    await got;
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  client.destroy();
  serverSide.destroy();
  for (const close of closers.splice(0)) await close();
  return samples.slice(50);
}

const closers: (() => Promise<void>)[] = [];

/** The socket framing's reader over 16 MiB of framed reports (3 to 64 bytes) fed in 4 KiB chunks. */
function framingRow(): BenchRow {
  const frames: Buffer[] = [];
  let size = 0;
  for (let i = 0; size < 16 * 1024 * 1024; i++) {
    const report = Buffer.alloc(3 + (i % 62), i & 0xff);
    report[0] = 0x02;
    const frame = encodeSocketFrame(report);
    frames.push(frame);
    size += frame.length;
  }
  const stream = Buffer.concat(frames);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < stream.length; offset += 4096)
    chunks.push(stream.subarray(offset, offset + 4096));
  const read = timeBest(() => {
    const reader = new SocketFrameReader();
    let n = 0;
    for (const chunk of chunks) n += reader.push(chunk).reports.length;
    if (n !== frames.length) throw new Error(`framing lost reports: ${n} of ${frames.length}`);
    return n;
  });
  // Baseline: Buffer.indexOf scanning the same chunks for the report id.
  const scan = timeBest(() => {
    let n = 0;
    for (const chunk of chunks)
      for (let at = chunk.indexOf(0x02); at !== -1; at = chunk.indexOf(0x02, at + 1)) n++;
    return n;
  });
  const mbPerSecond = stream.length / 1e6 / (read.ms / 1000);
  return {
    benchmark: 'hid-socket frame reader (16 MiB of framed reports, 4 KiB chunks)',
    value: `${mbPerSecond.toFixed(0)} MB/s`,
    baseline: `${(stream.length / 1e6 / (scan.ms / 1000)).toFixed(0)} MB/s (Buffer.indexOf)`,
    ratio: `${(scan.ms / read.ms).toFixed(2)}x`,
    target: '≥ 50 MB/s',
    ok: mbPerSecond >= 50,
  };
}

/** Handset benchmarks: report decoding for both profiles, the socket framing, and lift-to-event latency. */
export async function benchHandset(): Promise<BenchRow[]> {
  return [
    ...decodeRows(STANDARD_TELEPHONY),
    ...decodeRows(VENDOR_PULSE_HOOK),
    framingRow(),
    await latencyRow(),
  ];
}
