import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import { type IdCard, IdReaderDriver } from '../../../hardware/id-reader/id-reader.driver.ts';
import { idReaderRig } from '../../../hardware/id-reader/id-reader.rig.ts';
import type { Rig } from '../../../hardware/rig/rig.ts';
import type { SerialRigDevice } from '../../../hardware/rig/rig-device-runner.ts';
import { post, startTestRig, type TestRig } from '../../support/rig-client.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const logger = pino({ level: 'silent' });

describe('the rig with the ID reader', () => {
  let testRig: TestRig;
  let rig: Rig;
  let runDir: string;
  let driver: IdReaderDriver;

  beforeAll(async () => {
    testRig = await startTestRig([idReaderRig]);
    ({ rig, runDir } = testRig);
    const device = rig.devices()[0] as SerialRigDevice;
    driver = new IdReaderDriver({
      transport: new SerialTransport({ path: device.tty, baudRate: device.baudRate, logger }),
      logger,
      pollIntervalMs: 50,
    });
    await driver.start();
    await waitForStatus(driver, (s) => s.state === 'online', 2000);
  });
  afterAll(async () => {
    await driver.stop();
    await testRig.close();
  });

  it('when listed, then it is the resident-id-reader at 115200 baud with no card', () => {
    expect(rig.devices()).toEqual([
      {
        device: 'id-reader',
        kind: 'resident-id-reader',
        tty: join(runDir, 'id-reader'),
        baudRate: 115200,
        sim: { card: null, sam: 'ok', plugged: true },
      },
    ]);
  });

  it('when a card is presented and withdrawn over HTTP, then the driver reads it and sees it go', async () => {
    driver.enable();
    const read = new Promise<IdCard>((resolve) => driver.once('idCardRead', resolve));
    const res = await post(rig, 'id-reader/present', { card: 'adult-gulou' });
    expect(res.status).toBe(200);
    expect(res.json.device.sim).toMatchObject({ card: 'adult-gulou' });
    expect(await read).toMatchObject({ idNumber: '350102198506121235', checkDigitValid: true });
    const removed = new Promise<void>((resolve) => driver.once('idCardRemoved', resolve));
    expect((await post(rig, 'id-reader/withdraw', {})).json.device.sim).toMatchObject({ card: null });
    await removed;
    driver.disable();
  });

  it('when the SAM is faulted over HTTP, then the driver reports a fault; cleared, online', async () => {
    await post(rig, 'id-reader/sam', { fault: true });
    await waitForStatus(driver, (s) => s.state === 'fault', 1500);
    await post(rig, 'id-reader/sam', { fault: false });
    await waitForStatus(driver, (s) => s.state === 'online', 1500);
  });

  it('when garbage is sent over HTTP, then the driver counts it and stays online', async () => {
    const before = driver.counters.parser.skippedBytes;
    expect((await post(rig, 'id-reader/garbage', { hex: 'aaaaaa9669ffff00' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(driver.counters.parser.skippedBytes + driver.counters.parser.badLength).toBeGreaterThan(before);
    expect(driver.status().state).toBe('online');
  });

  it.each([
    ['an unknown card', 'id-reader/present', { card: 'passport' }],
    ['no card', 'id-reader/present', {}],
    ['odd hex', 'id-reader/garbage', { hex: 'abc' }],
    ['a string for the SAM fault', 'id-reader/sam', { fault: 'yes' }],
  ])('when the body has %s, then it answers 400 invalid-body', async (_name, path, body) => {
    const res = await post(rig, path, body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: 'invalid-body', message: expect.any(String) } });
  });
});
