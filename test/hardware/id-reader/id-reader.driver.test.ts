import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../hardware/common/device-status.ts';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import { type IdCard, IdReaderDriver } from '../../../hardware/id-reader/id-reader.driver.ts';
import { IdReaderSimulator } from '../../../hardware/id-reader/id-reader.simulator.ts';
import { createPtyPair, type PtyPair } from '../../support/pty-pair.ts';
import { type SerialFixture, serialFixture } from '../../support/serial-fixture.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const is =
  (state: DeviceStatus['state'], detail: Record<string, unknown> = {}) =>
  (s: DeviceStatus): boolean =>
    s.state === state && Object.entries(detail).every(([k, v]) => s.detail[k] === v);

/** A pino logger that keeps every line, so a test can look for personal data in it. */
function capturingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

function nextEvent<T>(
  driver: IdReaderDriver,
  event: 'idCardRead' | 'idCardRemoved',
  timeoutMs = 2000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    driver.once(event, (...args: unknown[]) => {
      clearTimeout(timer);
      resolve(args[0] as T);
    });
  });
}

describe('IdReaderDriver against the simulator over a real pty pair', () => {
  let fx: SerialFixture<IdReaderSimulator, IdReaderDriver> | undefined;
  let sim: IdReaderSimulator;
  let driver: IdReaderDriver;
  let log: ReturnType<typeof capturingLogger>;
  let reads: IdCard[];
  let removals: number;

  beforeEach(async () => {
    log = capturingLogger();
    fx = await serialFixture({
      name: 'id-reader',
      baudRate: 115200,
      logger: log.logger,
      createSimulator: (path, silent) =>
        new IdReaderSimulator({ path, logger: silent, reopenIntervalMs: 50 }),
      createDriver: (transport) =>
        new IdReaderDriver({ transport, logger: log.logger, pollIntervalMs: 50, today: () => '20261125' }),
    });
    ({ sim, driver } = fx);
    reads = [];
    removals = 0;
    driver.on('idCardRead', (card) => reads.push(card));
    driver.on('idCardRemoved', () => {
      removals += 1;
    });
    await driver.start();
    await waitForStatus(driver, is('online'), 1500);
  });

  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('when started, then it is online with no card and a healthy SAM, and polls only the SAM status', async () => {
    expect(driver.status()).toMatchObject({
      device: 'id-reader',
      state: 'online',
      detail: { card: 'none', sam: 'ok' },
    });
    sim.present('adult-gulou');
    await sleep(300);
    expect(sim.counters.finds).toBe(0);
    expect(reads).toEqual([]);
  });

  it('when enabled and the Gulou card is presented, then it is read once with every field decoded', async () => {
    driver.enable();
    const read = nextEvent<IdCard>(driver, 'idCardRead');
    sim.present('adult-gulou');
    const card = await read;
    expect(card).toMatchObject({
      name: '林晓明',
      sex: 'male',
      nation: '汉',
      birthDate: '19850612',
      address: '福建省福州市鼓楼区五四路158号',
      idNumber: '350102198506121235',
      authority: '福州市公安局鼓楼分局',
      validFrom: '20160301',
      validUntil: '20360301',
      expired: false,
      checkDigitValid: true,
    });
    expect(card.photo.length).toBe(1024);
    await waitForStatus(driver, is('online', { card: 'present' }), 500);
    // Still lying there: polled, but not read again.
    const findsBefore = sim.counters.finds;
    await sleep(400);
    expect(sim.counters.finds).toBeGreaterThan(findsBefore + 2);
    expect(reads).toHaveLength(1);
    expect(sim.counters.reads).toBe(1);
  });

  it('when the card is withdrawn and presented again, then removed is emitted and it is read a second time', async () => {
    driver.enable();
    sim.present('long-term');
    await nextEvent(driver, 'idCardRead');
    const removed = nextEvent(driver, 'idCardRemoved');
    sim.withdraw();
    await removed;
    await waitForStatus(driver, is('online', { card: 'none' }), 500);
    const again = nextEvent<IdCard>(driver, 'idCardRead');
    sim.present('long-term');
    expect(await again).toMatchObject({ validUntil: '长期', expired: false });
    expect(reads).toHaveLength(2);
    expect(removals).toBe(1);
  });

  it('when one card is swapped for another, then the first is removed and the second read', async () => {
    driver.enable();
    sim.present('adult-gulou');
    await nextEvent(driver, 'idCardRead');
    const second = nextEvent<IdCard>(driver, 'idCardRead');
    sim.present('expired');
    expect(await second).toMatchObject({
      name: '陈美玲',
      nation: '畲',
      expired: true,
      checkDigitValid: true,
    });
    expect(removals).toBe(1);
  });

  it('when the card has a wrong check digit, then it is read and flagged, not rejected', async () => {
    driver.enable();
    sim.present('bad-check-digit');
    expect(await nextEvent<IdCard>(driver, 'idCardRead')).toMatchObject({
      checkDigitValid: false,
      expired: false,
    });
  });

  it('when cards are read, then the log never holds a name or ID number in clear, only masked', async () => {
    driver.enable();
    sim.present('adult-gulou');
    await nextEvent(driver, 'idCardRead');
    const all = log.lines.join('\n');
    expect(all).not.toContain('林晓明');
    expect(all).not.toContain('350102198506121235');
    expect(all).not.toContain('五四路');
    expect(all).toContain('林**');
    expect(all).toContain('3501**********1235');
  });

  it('when disabled while a card lies there and enabled again, then the card is read afresh', async () => {
    driver.enable();
    sim.present('adult-gulou');
    await nextEvent(driver, 'idCardRead');
    driver.disable();
    await waitForStatus(driver, is('online', { card: 'none' }), 500);
    driver.enable();
    await nextEvent(driver, 'idCardRead');
    expect(reads).toHaveLength(2);
  });

  it('when the SAM fails its self-test, then the reader is a fault; repaired, online again', async () => {
    sim.setSamFault(true);
    await waitForStatus(driver, is('fault', { sam: 'fault' }), 1000);
    driver.enable();
    sim.present('adult-gulou');
    await sleep(300);
    expect(reads).toEqual([]);
    sim.setSamFault(false);
    await nextEvent(driver, 'idCardRead');
    await waitForStatus(driver, is('online', { sam: 'ok', card: 'present' }), 500);
  });

  it('when garbage and broken frames arrive on the line, then they are skipped and cards still read', async () => {
    driver.enable();
    for (let i = 0; i < 5; i++) {
      sim.injectGarbage(Buffer.from('AAAAAA966900032001230055ff', 'hex'));
      await sleep(20);
    }
    sim.present('adult-gulou');
    await nextEvent(driver, 'idCardRead');
    const { parser } = driver.counters;
    expect(parser.skippedBytes + parser.badChecksum).toBeGreaterThan(0);
    expect(driver.status().state).toBe('online');
  });

  it('when the reader loses power (sends nothing), then offline after two timeouts; back, online', async () => {
    sim.unplug();
    await waitForStatus(driver, is('offline', { reason: 'no-answer' }), 2500);
    expect(driver.counters.timeouts).toBeGreaterThanOrEqual(2);
    sim.replug();
    await waitForStatus(driver, is('online'), 1500);
  });

  it('when socat is killed with a card read, then offline within 2 s and removed; back, online and read again', async () => {
    driver.enable();
    sim.present('adult-gulou');
    await nextEvent(driver, 'idCardRead');
    const removed = nextEvent(driver, 'idCardRemoved', 2000);
    await fx!.closePair();
    await waitForStatus(driver, is('offline', { reason: 'port-unavailable' }), 2000);
    await removed;
    // The card still lies there: the first poll after the reconnect reads it again.
    const readAgain = nextEvent(driver, 'idCardRead', 4000);
    await fx!.reopenPair();
    await waitForStatus(driver, is('online'), 3000);
    expect(driver.counters.reconnects).toBe(1);
    await readAgain;
  });

  it('when readOnce is called, then find, select and read run once and return the card without events', async () => {
    sim.present('expired');
    const card = await driver.readOnce();
    expect(card).toMatchObject({ name: '陈美玲', expired: true });
    expect(reads).toEqual([]);
    sim.withdraw();
    expect(await driver.readOnce()).toBeNull();
  });

  it('when stopped, then it sends nothing more and reports offline (stopped)', async () => {
    await driver.stop();
    expect(driver.status()).toMatchObject({ state: 'offline', detail: { reason: 'stopped' } });
    const before = sim.counters.commands;
    await sleep(300);
    expect(sim.counters.commands).toBe(before);
    await expect(driver.readOnce()).rejects.toMatchObject({ code: 'deviceNotReady' });
  });
});

describe('IdReaderDriver without a port', () => {
  it('when the port does not exist yet, then start resolves offline and it connects once the port appears', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tingzi-id-reader-'));
    const logger = pino({ level: 'silent' });
    const driver = new IdReaderDriver({
      transport: new SerialTransport({ path: join(dir, 'id-reader-b'), baudRate: 115200, logger }),
      logger,
      reconnectIntervalMs: 200,
    });
    let pair: PtyPair | undefined;
    let sim: IdReaderSimulator | undefined;
    try {
      await driver.start();
      expect(driver.status()).toMatchObject({ state: 'offline', detail: { reason: 'port-unavailable' } });
      pair = await createPtyPair(dir, 'id-reader');
      sim = new IdReaderSimulator({ path: pair.a, logger });
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
