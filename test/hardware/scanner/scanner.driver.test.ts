import { EventEmitter } from 'node:events';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../hardware/common/device-status.ts';
import { DeviceDisconnectedError } from '../../../hardware/common/errors.ts';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import type { Transport, TransportEvents } from '../../../hardware/common/transport.ts';
import { type ScanEvent, ScannerDriver } from '../../../hardware/scanner/scanner.driver.ts';
import { ScannerSimulator } from '../../../hardware/scanner/scanner.simulator.ts';
import { type SerialFixture, serialFixture } from '../../support/serial-fixture.ts';
import { until } from '../../support/until.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const is =
  (state: DeviceStatus['state'], detail: Record<string, unknown> = {}) =>
  (s: DeviceStatus): boolean =>
    s.state === state && Object.entries(detail).every(([k, v]) => s.detail[k] === v);

function nextScan(driver: ScannerDriver, timeoutMs = 1000): Promise<ScanEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no scan within ${timeoutMs} ms`)), timeoutMs);
    driver.once('scan', (scan) => {
      clearTimeout(timer);
      resolve(scan);
    });
  });
}

describe('ScannerDriver against the simulator over a real pty pair', () => {
  let fx: SerialFixture<ScannerSimulator, ScannerDriver> | undefined;
  let sim: ScannerSimulator;
  let driver: ScannerDriver;
  let lines: string[];

  beforeEach(async () => {
    lines = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    fx = await serialFixture({
      name: 'scanner',
      baudRate: 9600,
      logger: log,
      createSimulator: (path) => new ScannerSimulator({ path, logger, reopenIntervalMs: 50 }),
      createDriver: (transport) =>
        new ScannerDriver({ transport, logger: log, reconnectIntervalMs: 200, maxLineLength: 256 }),
    });
    ({ sim, driver } = fx);
    await driver.start();
    await waitForStatus(driver, is('online'), 1000);
  });

  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('when started, then it is online with the trigger off and has told the scanner so', async () => {
    expect(driver.status()).toMatchObject({ device: 'scanner', state: 'online', detail: { trigger: 'off' } });
    await until(() => sim.counters.triggerOff === 1, 500, 'SYN U CR received');
  });

  it('when disabled, then a scan is dropped by the scanner and nothing is emitted', async () => {
    const seen: ScanEvent[] = [];
    driver.on('scan', (s) => seen.push(s));
    expect(sim.scan('35010220261100012345')).toBe(false);
    await sleep(100);
    expect(seen).toEqual([]);
  });

  it('when enabled, then SYN T CR arms the scanner and a water bill barcode arrives as a scan event', async () => {
    await driver.enable();
    await until(() => sim.state().trigger === 'on', 500, 'trigger on');
    expect(driver.status().detail).toMatchObject({ trigger: 'on' });
    const scan = nextScan(driver);
    expect(sim.scan('35010220261100012345')).toBe(true);
    const got = await scan;
    expect(got.text).toBe('35010220261100012345');
    expect(Number.isNaN(Date.parse(got.at))).toBe(false);
  });

  it('when scans follow each other, then the driver re-arms after each read and all arrive', async () => {
    await driver.enable();
    const texts = ['281234567890123456', 'https://pay.example.cn/bill?no=3501020001', '35010220261100012345'];
    for (const text of texts) {
      await until(() => sim.state().trigger === 'on', 500, 'trigger on');
      const scan = nextScan(driver);
      sim.scan(text, { suffix: 'CRLF' });
      expect((await scan).text).toBe(text);
    }
    expect(sim.counters.triggerOn).toBeGreaterThanOrEqual(3);
  });

  it('when a QR payload is GB18030, then the scan text is decoded right', async () => {
    await driver.enable();
    await until(() => sim.state().trigger === 'on', 500, 'trigger on');
    const scan = nextScan(driver);
    sim.scan('福州市自来水 户号3501020001 金额86.40', { encoding: 'gb18030' });
    expect((await scan).text).toBe('福州市自来水 户号3501020001 金额86.40');
  });

  it('when a payment code is scanned, then its text never reaches the log', async () => {
    await driver.enable();
    await until(() => sim.state().trigger === 'on', 500, 'trigger on');
    const scan = nextScan(driver);
    sim.scan('281234567890123456');
    await scan;
    expect(lines.join('\n')).not.toContain('281234567890123456');
    expect(lines.join('\n')).toContain('"length":18');
  });

  it('when disabled again, then SYN U CR turns the trigger off and lines sent anyway are dropped', async () => {
    await driver.enable();
    await until(() => sim.state().trigger === 'on', 500, 'trigger on');
    await driver.disable();
    await until(() => sim.state().trigger === 'off', 500, 'trigger off');
    expect(driver.status().detail).toMatchObject({ trigger: 'off' });
    // A scanner in another mode sends anyway: the driver drops it.
    sim.injectGarbage(Buffer.from('unwanted\r'));
    await until(() => driver.counters.droppedWhileDisabled === 1, 500, 'dropped');
  });

  it('when garbage and an over-long line arrive, then they are dropped and the next scan still comes', async () => {
    await driver.enable();
    await until(() => sim.state().trigger === 'on', 500, 'trigger on');
    sim.injectGarbage(Buffer.alloc(400, 0x41));
    sim.injectGarbage(Buffer.from('\r'));
    await until(() => driver.counters.parser.overLong === 1, 2000, 'over-long counted');
    await until(() => sim.state().trigger === 'on', 500, 'trigger on');
    const scan = nextScan(driver);
    sim.scan('OK123');
    expect((await scan).text).toBe('OK123');
  });

  it('when the scanner loses power and comes back, then the periodic re-arm turns its trigger on again', async () => {
    await driver.stop();
    driver = new ScannerDriver({
      transport: new SerialTransport({ path: fx!.pair.b, baudRate: 9600, logger }),
      logger,
      rearmIntervalMs: 100,
    });
    fx!.driver = driver;
    await driver.start();
    await driver.enable();
    await until(() => sim.state().trigger === 'on', 500, 'trigger on');
    sim.unplug();
    expect(sim.state().trigger).toBe('off');
    sim.replug();
    await until(() => sim.state().trigger === 'on', 500, 'trigger on again');
  });

  it('when socat is killed, then offline within 2 s; back, online with the trigger re-sent without a restart', async () => {
    await driver.enable();
    await fx!.closePair();
    await waitForStatus(driver, is('offline', { reason: 'port-unavailable', trigger: 'on' }), 2000);
    await fx!.reopenPair();
    await waitForStatus(driver, is('online', { trigger: 'on' }), 3000);
    expect(driver.counters.reconnects).toBe(1);
    await until(() => sim.isOpen && sim.state().trigger === 'on', 2000, 'trigger on after replug');
    const scan = nextScan(driver);
    sim.scan('AFTER');
    expect((await scan).text).toBe('AFTER');
  });
});

/** A transport that records writes and fails them once closed. */
class RecordingTransport extends EventEmitter<TransportEvents> implements Transport {
  readonly path = 'recording';
  isOpen = false;
  writes: number[][] = [];
  async open(): Promise<void> {
    this.isOpen = true;
  }
  async close(): Promise<void> {
    this.isOpen = false;
  }
  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new DeviceDisconnectedError('closed');
    this.writes.push([...bytes]);
  }
}

describe('ScannerDriver with a recording transport', () => {
  it('when enabled before the port is open, then the trigger goes out once it opens', async () => {
    const transport = new RecordingTransport();
    const driver = new ScannerDriver({ transport, logger });
    await driver.enable();
    expect(transport.writes).toEqual([]);
    await driver.start();
    try {
      expect(transport.writes).toEqual([[0x16, 0x54, 0x0d]]);
      expect(driver.status()).toMatchObject({ state: 'online', detail: { trigger: 'on' } });
    } finally {
      await driver.stop();
    }
  });

  it('when the port was closed behind its back, then the next re-arm notices it and reconnects', async () => {
    const transport = new RecordingTransport();
    const driver = new ScannerDriver({ transport, logger, rearmIntervalMs: 20, reconnectIntervalMs: 50 });
    await driver.start();
    try {
      await driver.enable();
      await transport.close();
      await waitForStatus(driver, is('offline', { reason: 'port-unavailable' }), 500);
      await waitForStatus(driver, is('online'), 500);
      expect(driver.counters.reconnects).toBe(1);
    } finally {
      await driver.stop();
    }
  });
});
