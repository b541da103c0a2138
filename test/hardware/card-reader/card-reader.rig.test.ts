import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardReaderDriver } from '../../../hardware/card-reader/card-reader.driver.ts';
import { cardReaderRig } from '../../../hardware/card-reader/card-reader.rig.ts';
import type { DeviceStatus } from '../../../hardware/common/device-status.ts';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import type { Rig } from '../../../hardware/rig/rig.ts';
import { getJson, post, startTestRig, type TestRig } from '../../support/rig-client.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const logger = pino({ level: 'silent' });

const card = (s: DeviceStatus) => s.detail.card;

describe('the card reader in the rig', () => {
  let testRig: TestRig;
  let rig: Rig;
  let runDir: string;
  let driver: CardReaderDriver;

  beforeAll(async () => {
    testRig = await startTestRig([cardReaderRig]);
    ({ rig, runDir } = testRig);
    driver = new CardReaderDriver({
      transport: new SerialTransport({ path: join(runDir, 'card-reader'), baudRate: 9600, logger }),
      logger,
      pollIntervalMs: 50,
      reconnectIntervalMs: 200,
    });
    await driver.start();
    await waitForStatus(driver, (s) => s.state === 'online', 2000);
  });
  afterAll(async () => {
    await driver.stop();
    await testRig.close();
  });

  it('when the devices are listed, then the card reader shows its position, entry, retained count and cards', async () => {
    type Listing = { devices: { sim: { cards: { id: string }[] } }[] };
    const { devices } = (await getJson<Listing>(rig, 'devices')).json;
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({
      device: 'card-reader',
      kind: 'motorised-card-reader',
      tty: join(runDir, 'card-reader'),
      baudRate: 9600,
      sim: { position: 'none', cardId: null, entry: 'disabled', retained: 0, jammed: false, plugged: true },
    });
    expect(devices[0]!.sim.cards.map((c: { id: string }) => c.id)).toEqual([
      'visa',
      'unionpay',
      'social-security',
      'declined',
      'damaged',
    ]);
  });

  it('when a card is inserted over HTTP with entry enabled, then the driver sees it inside; eject and remove: taken', async () => {
    await driver.enableEntry();
    const inserted = await post(rig, 'card-reader/insert', { card: 'social-security' });
    expect(inserted.status).toBe(200);
    expect(inserted.json.device.sim).toMatchObject({ cardId: 'social-security', entry: 'enabled' });
    await waitForStatus(driver, (s) => card(s) === 'inside', 2000);
    expect(await driver.readSocialSecurityCard()).toMatchObject({ number: '350102198503172627' });
    await driver.eject();
    let taken = false;
    driver.once('cardTaken', () => {
      taken = true;
    });
    const removed = await post(rig, 'card-reader/remove', {});
    expect(removed.json.device.sim).toMatchObject({ position: 'none', cardId: null });
    await waitForStatus(driver, (s) => card(s) === 'none', 1000);
    expect(taken).toBe(true);
  });

  it('when jam is set and cleared over HTTP, then the driver reports a fault and then online', async () => {
    expect((await post(rig, 'card-reader/jam', { jammed: true })).json.device.sim.jammed).toBe(true);
    await waitForStatus(driver, (s) => s.state === 'fault' && card(s) === 'jammed', 1000);
    await post(rig, 'card-reader/jam', { jammed: false });
    await waitForStatus(driver, (s) => s.state === 'online', 1000);
  });

  it('when garbage is posted, then the driver counts it and stays online', async () => {
    const before = driver.counters.garbageBytes;
    expect((await post(rig, 'card-reader/garbage', { hex: 'ff00414243' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(driver.counters.garbageBytes).toBeGreaterThan(before);
    expect(driver.status().state).toBe('online');
  });

  it('when the body names an unknown card or is malformed, then 400 invalid-body', async () => {
    const unknown = await post(rig, 'card-reader/insert', { card: 'amex' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error?.code).toBe('invalid-body');
    expect((await post(rig, 'card-reader/jam', { jammed: 'yes' })).status).toBe(400);
    expect((await post(rig, 'card-reader/garbage', { hex: 'abc' })).status).toBe(400);
  });

  it('when unplugged over HTTP, then the driver goes offline; replugged, online again', async () => {
    const res = await post(rig, 'card-reader/unplug', {});
    expect(res.json.device.sim.plugged).toBe(false);
    await waitForStatus(driver, (s) => s.state === 'offline', 2000);
    await post(rig, 'card-reader/replug', {});
    await waitForStatus(driver, (s) => s.state === 'online', 3000);
  });
});
