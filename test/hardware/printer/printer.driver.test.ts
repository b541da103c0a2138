import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../hardware/common/device-status.ts';
import { DeviceDisconnectedError } from '../../../hardware/common/errors.ts';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import type { Transport, TransportEvents } from '../../../hardware/common/transport.ts';
import { PrinterDriver } from '../../../hardware/printer/printer.driver.ts';
import { PrinterSimulator } from '../../../hardware/printer/printer.simulator.ts';
import { createPtyPair, type PtyPair } from '../../support/pty-pair.ts';
import { type SerialFixture, serialFixture } from '../../support/serial-fixture.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const is =
  (state: DeviceStatus['state'], detail: Record<string, unknown> = {}) =>
  (s: DeviceStatus): boolean =>
    s.state === state && Object.entries(detail).every(([k, v]) => s.detail[k] === v);

describe('PrinterDriver against the simulator over a real pty pair', () => {
  let fx: SerialFixture<PrinterSimulator, PrinterDriver> | undefined;
  let sim: PrinterSimulator;
  let driver: PrinterDriver;
  let seen: DeviceStatus[];

  beforeEach(async () => {
    fx = await serialFixture({
      name: 'printer',
      baudRate: 9600,
      createSimulator: (path) => new PrinterSimulator({ path, logger, reopenIntervalMs: 50 }),
      createDriver: (transport) => new PrinterDriver({ transport, logger }),
    });
    ({ sim, driver } = fx);
    seen = [];
    driver.on('status', (s) => seen.push(s));
    await driver.start();
    await waitForStatus(driver, is('online'), 1000);
  });

  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('when started, then it initialises the printer with ESC @ and reports online with paper ok', async () => {
    expect(driver.status()).toMatchObject({
      device: 'printer',
      state: 'online',
      detail: { paper: 'ok', cover: 'closed', online: true },
    });
    expect(sim.counters.initializations).toBe(1);
    expect(Number.isNaN(Date.parse(driver.status().since))).toBe(false);
  });

  it('when paper goes ok → low → out → ok, then each change is reported within 1 s', async () => {
    sim.setPaper('low');
    await waitForStatus(driver, is('online', { paper: 'low' }), 1000);
    sim.setPaper('out');
    const out = await waitForStatus(driver, is('fault', { paper: 'out' }), 1000);
    expect(out.detail.online).toBe(false);
    sim.setPaper('ok');
    await waitForStatus(driver, is('online', { paper: 'ok' }), 1000);
    // Each condition once, in order: no duplicates, no flapping in between.
    expect(seen.map((s) => `${s.state}/${s.detail.paper}`)).toEqual([
      'online/ok',
      'online/low',
      'fault/out',
      'online/ok',
    ]);
  });

  it('when the cover opens, then it is a fault with cover open; closed again, online', async () => {
    sim.setCover(true);
    await waitForStatus(driver, is('fault', { cover: 'open' }), 1000);
    sim.setCover(false);
    await waitForStatus(driver, is('online', { cover: 'closed' }), 1000);
  });

  it('when the printer goes offline by itself, then it is offline with online false, and back', async () => {
    sim.setOnline(false);
    await waitForStatus(driver, is('offline', { online: false, reason: 'printer-offline' }), 1000);
    sim.setOnline(true);
    await waitForStatus(driver, is('online', { online: true }), 1000);
  });

  it('when an autocutter error is flagged, then the fault names it', async () => {
    sim.setError('autocutter');
    await waitForStatus(driver, is('fault', { error: 'autocutter' }), 1000);
    sim.setError(null);
    await waitForStatus(driver, is('online'), 1000);
  });

  it('when garbage arrives between replies, then it is counted and changes nothing', async () => {
    const before = seen.length;
    for (let i = 0; i < 10; i++) {
      sim.injectGarbage(Uint8Array.of(0xff, 0x00, 0x41, 0x1b, 0x81));
      await sleep(40);
    }
    await sleep(300);
    expect(driver.counters.garbageBytes).toBeGreaterThanOrEqual(50);
    expect(seen.length).toBe(before);
    expect(driver.status().state).toBe('online');
    sim.setPaper('low');
    await waitForStatus(driver, is('online', { paper: 'low' }), 1000);
  });

  it('when the printer loses power (sends nothing), then it is offline after two timeouts; back, online', async () => {
    sim.unplug();
    const started = Date.now();
    await waitForStatus(driver, is('offline', { reason: 'no-answer' }), 2000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // two 500 ms timeouts, not one
    expect(driver.counters.timeouts).toBeGreaterThanOrEqual(2);
    sim.replug();
    await waitForStatus(driver, is('online'), 1500);
  });

  it('when socat is killed, then offline within 2 s; when the pair is back, then online without a restart', async () => {
    await fx!.closePair();
    await waitForStatus(driver, is('offline', { reason: 'port-unavailable' }), 2000);
    await fx!.reopenPair();
    await waitForStatus(driver, is('online'), 3000);
    expect(driver.counters.reconnects).toBe(1);
    // ESC @ once at start and once more after the reconnect.
    expect(sim.counters.initializations).toBe(2);
  });

  it('when stopped, then it polls no more and reports offline (stopped)', async () => {
    await driver.stop();
    expect(driver.status()).toMatchObject({ state: 'offline', detail: { reason: 'stopped' } });
    const requests = sim.counters.statusRequests;
    await sleep(600);
    expect(sim.counters.statusRequests).toBe(requests);
  });
});

describe('PrinterDriver without a port', () => {
  it('when the port does not exist yet, then start resolves offline and it connects once the port appears', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tingzi-printer-'));
    const driver = new PrinterDriver({
      transport: new SerialTransport({ path: join(dir, 'printer-b'), baudRate: 9600, logger }),
      logger,
    });
    let pair: PtyPair | undefined;
    let sim: PrinterSimulator | undefined;
    try {
      await driver.start();
      expect(driver.status()).toMatchObject({ state: 'offline', detail: { reason: 'port-unavailable' } });
      pair = await createPtyPair(dir, 'printer');
      sim = new PrinterSimulator({ path: pair.a, logger });
      await sim.open();
      await waitForStatus(driver, is('online'), 2500);
    } finally {
      await driver.stop();
      await sim?.close();
      await pair?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A scripted transport: answers each DLE EOT n with the bytes the script gives. */
class ScriptedTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly path = 'scripted';
  isOpen = false;
  writes: number[][] = [];
  constructor(private readonly answer: (n: number) => number[]) {
    super();
  }
  async open(): Promise<void> {
    this.isOpen = true;
    this.emit('open');
  }
  async close(): Promise<void> {
    this.isOpen = false;
  }
  /** When set, writes of status requests never complete (a line held by flow control). */
  stuck = false;
  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new DeviceDisconnectedError('closed');
    if (this.stuck && bytes[0] === 0x10) return new Promise<void>(() => {});
    this.writes.push([...bytes]);
    if (bytes[0] === 0x10 && bytes[1] === 0x04) {
      const reply = this.answer(bytes[2]!);
      setImmediate(() => this.emit('data', Buffer.from(reply)));
    }
  }
}

describe('PrinterDriver with a scripted transport', () => {
  it('when noise precedes each status byte, then it skips the noise and still reads the status', async () => {
    // Noise bytes all fail the fixed-bit test (b & 0x93) === 0x12.
    const transport = new ScriptedTransport((n) => [0xff, 0x00, 0x93, n === 4 ? 0x1e : 0x12]);
    const driver = new PrinterDriver({ transport, logger, pollIntervalMs: 20 });
    await driver.start();
    try {
      await waitForStatus(driver, is('online', { paper: 'low' }), 500);
      expect(driver.counters.garbageBytes).toBeGreaterThanOrEqual(9);
      expect(transport.writes[0]).toEqual([0x1b, 0x40]);
      expect(transport.writes.slice(1, 4)).toEqual([
        [0x10, 0x04, 1],
        [0x10, 0x04, 2],
        [0x10, 0x04, 4],
      ]);
    } finally {
      await driver.stop();
    }
  });

  it('when an error is flagged, then it also asks DLE EOT 3', async () => {
    const answers: Record<number, number> = { 1: 0x1a, 2: 0x52, 3: 0x32, 4: 0x12 };
    const transport = new ScriptedTransport((n) => [answers[n]!]);
    const driver = new PrinterDriver({ transport, logger, pollIntervalMs: 20 });
    await driver.start();
    try {
      await waitForStatus(driver, is('fault', { error: 'unrecoverable' }), 500);
      expect(transport.writes).toContainEqual([0x10, 0x04, 3]);
    } finally {
      await driver.stop();
    }
  });

  it('when a write never completes, then the request still times out and the printer goes offline', async () => {
    const transport = new ScriptedTransport(() => [0x12]);
    transport.stuck = true;
    const driver = new PrinterDriver({ transport, logger, pollIntervalMs: 20, replyTimeoutMs: 50 });
    await driver.start();
    try {
      await waitForStatus(driver, is('offline', { reason: 'no-answer' }), 1000);
      expect(driver.counters.timeouts).toBeGreaterThanOrEqual(2);
    } finally {
      await driver.stop();
    }
  });

  it('when the port is closed behind its back, then it notices on the next poll and reopens it', async () => {
    const transport = new ScriptedTransport(() => [0x12]);
    const driver = new PrinterDriver({ transport, logger, pollIntervalMs: 20, reconnectIntervalMs: 50 });
    await driver.start();
    try {
      await waitForStatus(driver, is('online'), 500);
      await transport.close(); // no 'close' event, as if someone else closed it
      await waitForStatus(driver, is('offline', { reason: 'port-unavailable' }), 500);
      await waitForStatus(driver, is('online'), 500);
      expect(driver.counters.reconnects).toBe(1);
    } finally {
      await driver.stop();
    }
  });
});
