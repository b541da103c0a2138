import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CardReaderDriver } from '../../../hardware/card-reader/card-reader.driver.ts';
import { CardReaderError } from '../../../hardware/card-reader/card-reader.link.ts';
import { CardReaderSimulator } from '../../../hardware/card-reader/card-reader.simulator.ts';
import { isValidIdNumber } from '../../../hardware/card-reader/social-security.apdu.ts';
import type { DeviceStatus } from '../../../hardware/common/device-status.ts';
import { DeviceError } from '../../../hardware/common/errors.ts';
import { type SerialFixture, serialFixture } from '../../support/serial-fixture.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const is =
  (state: DeviceStatus['state'], detail: Record<string, unknown> = {}) =>
  (s: DeviceStatus): boolean =>
    s.state === state && Object.entries(detail).every(([k, v]) => s.detail[k] === v);

/** Every line the driver logged, to prove personal data never appears in clear. */
const lines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });

function once<T>(emitter: CardReaderDriver, event: string, timeoutMs = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${timeoutMs} ms`)), timeoutMs);
    emitter.once(event as 'cardTaken', (payload?: unknown) => {
      clearTimeout(timer);
      resolve(payload as T);
    });
  });
}

describe('CardReaderDriver against the simulator over a real pty pair', () => {
  let fx: SerialFixture<CardReaderSimulator, CardReaderDriver> | undefined;
  let sim: CardReaderSimulator;
  let driver: CardReaderDriver;

  beforeEach(async () => {
    lines.length = 0;
    fx = await serialFixture({
      name: 'card-reader',
      baudRate: 9600,
      logger,
      createSimulator: (path, silent) =>
        new CardReaderSimulator({ path, logger: silent, motorMs: 30, reopenIntervalMs: 50 }),
      createDriver: (transport) =>
        new CardReaderDriver({
          transport,
          logger,
          pollIntervalMs: 50,
          reconnectIntervalMs: 200,
          retainAfterMs: 400,
        }),
    });
    ({ sim, driver } = fx);
    await driver.start();
    await waitForStatus(driver, is('online'), 1500);
  });

  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('when started, then it initialises the reader and reports online, no card, entry disabled', () => {
    expect(driver.status()).toMatchObject({
      device: 'card-reader',
      state: 'online',
      detail: { card: 'none', entry: 'disabled', retainedCount: 0 },
    });
    expect(sim.counters.commands['30 30']).toBe(1);
    expect(sim.state().initialised).toBe(true);
  });

  it('when entry is enabled and the UnionPay card inserted, then cardInserted (ic) and track 2 reads with a masked log', async () => {
    await driver.enableEntry();
    await waitForStatus(driver, is('online', { entry: 'enabled' }), 500);
    const inserted = once<{ kind: string }>(driver, 'cardInserted');
    sim.insert('unionpay');
    expect(await inserted).toEqual({ kind: 'ic' });
    expect(driver.status().detail.card).toBe('inside');
    const track = await driver.readTrack2();
    expect(track).toMatchObject({ pan: '6222021234567890123', expiry: '2812', serviceCode: '220' });
    expect(track.raw).toBe('6222021234567890123=28122200000000000');
    const log = lines.join('\n');
    expect(log).toContain('6222 **** **** 0123');
    expect(log).not.toContain('6222021234567890123');
  });

  it('when the Visa card is read, then it is magnetic with the Visa PAN; its chip power-on fails with no chip', async () => {
    await driver.enableEntry();
    const inserted = once<{ kind: string }>(driver, 'cardInserted');
    sim.insert('visa');
    expect(await inserted).toEqual({ kind: 'magnetic' });
    expect((await driver.readTrack2()).pan).toBe('4111111111111111');
    await expect(driver.icPowerOn()).rejects.toMatchObject({ code: 'invalidData', replyCode: '66' });
  });

  it('when entry is disabled, then an inserted card stays at the gate, is refused, and its removal is cardRemoved', async () => {
    let inserted = 0;
    driver.on('cardInserted', () => inserted++);
    sim.insert('visa');
    await waitForStatus(driver, is('online', { card: 'gate' }), 500);
    await sleep(150);
    expect(sim.state().position).toBe('gate');
    const removed = once(driver, 'cardRemoved');
    sim.remove();
    await removed;
    expect(inserted).toBe(0);
  });

  it('when the social-security card is read, then number and name come through real APDUs, logged masked', async () => {
    await driver.enableEntry();
    const inserted = once(driver, 'cardInserted');
    sim.insert('social-security');
    await inserted;
    const holder = await driver.readSocialSecurityCard();
    expect(holder).toEqual({ number: '350102198503172627', name: '林晓梅' });
    expect(isValidIdNumber(holder.number)).toBe(true);
    expect(sim.counters.commands['51 39']).toBe(3); // SELECT DF, SELECT EF, READ BINARY
    expect(sim.state().icPowered).toBe(false); // powered off afterwards
    const log = lines.join('\n');
    expect(log).toContain('3501**********2627');
    expect(log).toContain('林**');
    expect(log).not.toContain('350102198503172627');
    expect(log).not.toContain('林晓梅');
  });

  it('when a bank chip is asked for the social-security application, then SELECT answers 6A82 and the read fails', async () => {
    await driver.enableEntry();
    const inserted = once(driver, 'cardInserted');
    sim.insert('unionpay');
    await inserted;
    await driver.icPowerOn();
    const rapdu = await driver.apdu(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00));
    expect([...rapdu]).toEqual([0x69, 0x86]); // READ BINARY without a selected EF
    await expect(driver.readSocialSecurityCard()).rejects.toThrow(/SW 6a82/);
  });

  it('when the damaged card is read, then the track read and the IC power-on fail with negative replies', async () => {
    await driver.enableEntry();
    const inserted = once<{ kind: string }>(driver, 'cardInserted');
    sim.insert('damaged');
    expect(await inserted).toEqual({ kind: 'unknown' });
    await expect(driver.readTrack2()).rejects.toMatchObject({ code: 'invalidData', replyCode: '20' });
    await expect(driver.icPowerOn()).rejects.toMatchObject({ code: 'invalidData', replyCode: '61' });
    await expect(driver.apdu(Uint8Array.of(0, 0xa4, 4, 0))).rejects.toMatchObject({ replyCode: '65' });
    expect(driver.status().state).toBe('online');
  });

  it('when the card is ejected and taken from the gate, then cardTaken and no retain', async () => {
    await driver.enableEntry();
    const inserted = once(driver, 'cardInserted');
    sim.insert('visa');
    await inserted;
    await driver.eject();
    expect(driver.status().detail.card).toBe('gate');
    const taken = once(driver, 'cardTaken');
    sim.remove();
    await taken;
    await sleep(500);
    expect(sim.state().retained).toBe(0);
  });

  it('when an ejected card is not taken within retainAfterMs, then it is retained and cardRetained (notTaken)', async () => {
    await driver.enableEntry();
    const inserted = once(driver, 'cardInserted');
    sim.insert('unionpay');
    await inserted;
    const started = Date.now();
    await driver.eject();
    const retained = await once<{ reason: string }>(driver, 'cardRetained');
    expect(retained).toEqual({ reason: 'notTaken' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(sim.state()).toMatchObject({ position: 'none', retained: 1, cardId: null });
    await waitForStatus(driver, is('online', { card: 'none', retainedCount: 1 }), 500);
  });

  it('when retain is asked for, then the card goes to the bin and cardRetained (requested)', async () => {
    await driver.enableEntry();
    const inserted = once(driver, 'cardInserted');
    sim.insert('visa');
    await inserted;
    const retained = once<{ reason: string }>(driver, 'cardRetained');
    await driver.retain();
    expect(await retained).toEqual({ reason: 'requested' });
    expect(sim.state().retained).toBe(1);
  });

  it('when the reader jams, then fault with card jammed and commands fail with hardwareError; cleared, online', async () => {
    await driver.enableEntry();
    const inserted = once(driver, 'cardInserted');
    sim.insert('visa');
    await inserted;
    sim.jam();
    await waitForStatus(driver, is('fault', { card: 'jammed' }), 500);
    const err = await driver.eject().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CardReaderError);
    expect(err).toMatchObject({ code: 'hardwareError', replyCode: '10' });
    sim.clearJam();
    await waitForStatus(driver, is('online', { card: 'inside' }), 500);
  });

  it('when the reader NAKs twice, then the driver retransmits and the command succeeds; four NAKs fail it', async () => {
    // Only the command under test is NAKed: the 50 ms status poll may run in between under load.
    sim.nakNext(2, 'entryEnable');
    await driver.enableEntry();
    expect(driver.counters.retransmits).toBe(2);
    sim.nakNext(4, 'entryDisable');
    const err = await driver.disableEntry().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect((err as Error).message).toMatch(/NAK/);
    expect(driver.counters.retransmits).toBe(5);
  });

  it('when garbage arrives on the line, then it is skipped and the status stays right', async () => {
    const statuses: DeviceStatus[] = [];
    driver.on('status', (s) => statuses.push(s));
    for (let i = 0; i < 10; i++) {
      sim.injectGarbage(Uint8Array.of(0xff, 0x00, 0xf2, 0x41, 0x06, 0x15, 0x50));
      await sleep(30);
    }
    await sleep(300);
    expect(driver.counters.garbageBytes).toBeGreaterThanOrEqual(30);
    expect(statuses).toEqual([]);
    await driver.enableEntry();
    sim.insert('visa');
    await waitForStatus(driver, is('online', { card: 'inside' }), 1000);
  });

  it('when the reader loses power, then offline (no answer); back, it is initialised again with entry restored', async () => {
    await driver.enableEntry();
    sim.unplug();
    await waitForStatus(driver, is('offline', { reason: 'no-answer' }), 2000);
    sim.replug();
    await waitForStatus(driver, is('online', { entry: 'enabled' }), 2000);
    expect(sim.state()).toMatchObject({ initialised: true, entryEnabled: true });
  });

  it('when socat is killed, then offline within 2 s; when the pair is back, then online without a restart', async () => {
    await fx!.closePair();
    await waitForStatus(driver, is('offline', { reason: 'port-unavailable' }), 2000);
    await expect(driver.eject()).rejects.toMatchObject({ code: 'deviceNotReady' });
    await fx!.reopenPair();
    await waitForStatus(driver, is('online'), 3000);
    expect(driver.counters.reconnects).toBe(1);
    expect(sim.counters.commands['30 30']).toBe(2);
  });
});
