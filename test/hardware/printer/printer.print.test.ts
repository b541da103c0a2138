import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../hardware/common/device-status.ts';
import type { PrintDocument } from '../../../hardware/printer/print-document.ts';
import { PrintJobError } from '../../../hardware/printer/print-job.ts';
import { PrinterDriver } from '../../../hardware/printer/printer.driver.ts';
import { PrinterSimulator } from '../../../hardware/printer/printer.simulator.ts';
import { type SerialFixture, serialFixture } from '../../support/serial-fixture.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';
import { expectedPrint, WATER_BILL_RECEIPT } from './expected-print.ts';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const is =
  (state: DeviceStatus['state'], detail: Record<string, unknown> = {}) =>
  (s: DeviceStatus): boolean =>
    s.state === state && Object.entries(detail).every(([k, v]) => s.detail[k] === v);

/** A long receipt: about 1.1 kB, a bit over a second at 9600 baud. */
const LONG_RECEIPT: PrintDocument = {
  lines: Array.from({ length: 40 }, (_, i) => ({ text: `第${i + 1}行 line ${i + 1} 预约挂号 明细` })),
};

async function rejection(promise: Promise<unknown>): Promise<PrintJobError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PrintJobError);
  return err as PrintJobError;
}

describe('PrinterDriver.print against the simulator over a real pty pair', () => {
  let fx: SerialFixture<PrinterSimulator, PrinterDriver> | undefined;
  let sim: PrinterSimulator;
  let driver: PrinterDriver;
  let seen: DeviceStatus[];

  beforeEach(async () => {
    fx = await serialFixture({
      name: 'printer',
      baudRate: 9600,
      createSimulator: (path) => new PrinterSimulator({ path, logger, reopenIntervalMs: 50 }),
      createDriver: (transport) =>
        new PrinterDriver({ transport, logger, pollIntervalMs: 100, reconnectIntervalMs: 200 }),
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

  it('when a Chinese receipt with a QR is printed, then it resolves once confirmed and the printout matches', async () => {
    const printed: unknown[] = [];
    driver.on('printed', (r) => printed.push(r));
    const started = Date.now();
    const receipt = await driver.print(WATER_BILL_RECEIPT, { jobId: 'job-1' });
    expect(receipt.jobId).toBe('job-1');
    expect(Number.isNaN(Date.parse(receipt.printedAt))).toBe(false);
    expect(printed).toEqual([receipt]);
    // At 9600 baud the bytes alone take their line time: the job cannot have been faster.
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const [doc] = sim.printed();
    expect({ items: doc!.items, cut: doc!.cut }).toEqual(expectedPrint(WATER_BILL_RECEIPT));
    expect(doc!.interrupted).toBeUndefined();
    // Busy while printing, then back online; polling goes on afterwards.
    expect(seen.map((s) => `${s.state}/${s.detail.reason ?? ''}`)).toEqual([
      'online/',
      'busy/printing',
      'online/',
    ]);
    const polls = sim.counters.statusRequests;
    await sleep(300);
    expect(sim.counters.statusRequests).toBeGreaterThan(polls);
  });

  it('when two jobs are sent at once, then they print one after the other, in order', async () => {
    const a = driver.print({ lines: [{ text: '第一张' }] }, { jobId: 'a' });
    const b = driver.print({ lines: [{ text: '第二张' }] }, { jobId: 'b' });
    const [ra, rb] = await Promise.all([a, b]);
    expect(Date.parse(rb.printedAt)).toBeGreaterThanOrEqual(Date.parse(ra.printedAt));
    expect(sim.printed().map((d) => d.items[0])).toMatchObject([{ text: '第一张' }, { text: '第二张' }]);
    expect(driver.counters.jobsPrinted).toBe(2);
  });

  it('when the paper is out, then print is refused at once with deviceNotReady (paper-out), nothing sent', async () => {
    sim.setPaper('out');
    await waitForStatus(driver, is('fault', { paper: 'out' }), 1000);
    const inits = sim.counters.initializations;
    const started = Date.now();
    const err = await rejection(driver.print(WATER_BILL_RECEIPT, { jobId: 'job-out' }));
    expect(Date.now() - started).toBeLessThan(50);
    expect(err).toMatchObject({ code: 'deviceNotReady', reason: 'paper-out', jobId: 'job-out' });
    expect(sim.counters.initializations).toBe(inits);
    expect(sim.printed()).toEqual([]);
  });

  it('when the cover is open or the printer offline, then print is refused naming why', async () => {
    sim.setCover(true);
    await waitForStatus(driver, is('fault', { cover: 'open' }), 1000);
    expect(await rejection(driver.print(WATER_BILL_RECEIPT, { jobId: 'c' }))).toMatchObject({
      code: 'deviceNotReady',
      reason: 'cover-open',
    });
    sim.setCover(false);
    sim.setOnline(false);
    await waitForStatus(driver, is('offline', { reason: 'printer-offline' }), 1000);
    expect(await rejection(driver.print(WATER_BILL_RECEIPT, { jobId: 'o' }))).toMatchObject({
      code: 'deviceNotReady',
      reason: 'offline',
    });
  });

  it('when the cover is opened mid-job, then the job rejects with hardwareError (cover-open)', async () => {
    const job = driver.print(LONG_RECEIPT, { jobId: 'cover' });
    await sleep(300);
    sim.setCover(true);
    const err = await rejection(job);
    expect(err).toMatchObject({ code: 'hardwareError', reason: 'cover-open' });
    const [doc] = sim.printed();
    expect(doc!.interrupted).toBe('cover-open');
    expect(doc!.items.length).toBeGreaterThan(0);
    expect(doc!.items.length).toBeLessThan(40);
    expect(driver.status()).toMatchObject({ state: 'fault', detail: { cover: 'open' } });
  });

  it('when the paper jams mid-job, then printing stops part-way and the job rejects with the error DLE EOT 3 names', async () => {
    sim.jamNextJob(3);
    const err = await rejection(driver.print(LONG_RECEIPT, { jobId: 'jam' }));
    expect(err).toMatchObject({ code: 'hardwareError', reason: 'error', errorKind: 'autocutter' });
    const [doc] = sim.printed();
    expect(doc).toMatchObject({ interrupted: 'jam' });
    expect(doc!.items).toHaveLength(3);
    expect(sim.state().error).toBe('autocutter');
    // Cleared, the next job prints.
    sim.setError(null);
    await waitForStatus(driver, is('online'), 1000);
    await driver.print({ lines: [{ text: 'after the jam' }] }, { jobId: 'next' });
    expect(sim.printed()[1]!.items[0]).toMatchObject({ text: 'after the jam' });
  });

  it('when the roll runs out mid-job, then the job rejects with hardwareError (paper-out)', async () => {
    sim.setPaperLeft(20); // five lines at 3.75 mm
    const err = await rejection(driver.print(LONG_RECEIPT, { jobId: 'roll' }));
    expect(err).toMatchObject({ code: 'hardwareError', reason: 'paper-out' });
    expect(sim.printed()[0]).toMatchObject({ interrupted: 'paper-out' });
    expect(sim.printed()[0]!.items).toHaveLength(5);
  });

  it('when the paper runs low with use, then the status says low and printing still works', async () => {
    sim.setPaperLeft(1_010);
    await driver.print({ lines: [{ text: 'a' }, { text: 'b' }, { text: 'c' }] }, { jobId: 'low' });
    expect(driver.status()).toMatchObject({ state: 'online', detail: { paper: 'low' } });
    expect(sim.paperLeft).toBeCloseTo(1_010 - 3 * 3.75);
  });

  it('when the cable is pulled mid-job, then the job rejects (disconnected) and the driver recovers after replug', async () => {
    const job = driver.print(LONG_RECEIPT, { jobId: 'cable' });
    await sleep(300);
    await fx!.closePair();
    const err = await rejection(job);
    expect(err).toMatchObject({ code: 'hardwareError', reason: 'disconnected', disconnected: true });
    await waitForStatus(driver, is('offline', { reason: 'port-unavailable' }), 2000);
    expect(await rejection(driver.print(WATER_BILL_RECEIPT, { jobId: 'while-out' }))).toMatchObject({
      code: 'deviceNotReady',
      reason: 'offline',
    });
    await fx!.reopenPair();
    await waitForStatus(driver, is('online'), 3000);
    await driver.print(WATER_BILL_RECEIPT, { jobId: 'after-replug' });
    const last = sim.printed().at(-1)!;
    expect({ items: last.items, cut: last.cut }).toEqual(expectedPrint(WATER_BILL_RECEIPT));
  });

  it('when the document is invalid, then print rejects with invalidData and sends nothing', async () => {
    const bad = { lines: [{ text: 'x\u001b@' }] } as PrintDocument;
    expect(await rejection(driver.print(bad, { jobId: 'bad' }))).toMatchObject({
      code: 'invalidData',
      reason: 'invalid-document',
    });
    expect(sim.printed()).toEqual([]);
  });

  it('when queryStatus is called, then the printer is asked at once and the new condition returned', async () => {
    sim.setPaperLeft(100);
    const requests = sim.counters.statusRequests;
    const status = await driver.queryStatus();
    expect(status).toMatchObject({ state: 'online', detail: { paper: 'low' } });
    expect(sim.counters.statusRequests - requests).toBeGreaterThanOrEqual(3);
    await driver.stop();
    await expect(driver.queryStatus()).rejects.toMatchObject({ code: 'deviceNotReady' });
  });

  it('when garbage arrives on the line during a job, then the job still confirms', async () => {
    const job = driver.print(WATER_BILL_RECEIPT, { jobId: 'noisy' });
    sim.injectGarbage(Uint8Array.of(0xff, 0x00, 0x41));
    await expect(job).resolves.toMatchObject({ jobId: 'noisy' });
  });
});
