import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import type { Rig } from '../../../hardware/rig/rig.ts';
import type { SerialRigDevice } from '../../../hardware/rig/rig-device-runner.ts';
import { type ScanEvent, ScannerDriver } from '../../../hardware/scanner/scanner.driver.ts';
import { scannerRig } from '../../../hardware/scanner/scanner.rig.ts';
import { post, startTestRig, type TestRig } from '../../support/rig-client.ts';
import { until } from '../../support/until.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';

const logger = pino({ level: 'silent' });

describe('the rig with the scanner', () => {
  let testRig: TestRig;
  let rig: Rig;
  let runDir: string;
  let driver: ScannerDriver;

  beforeAll(async () => {
    testRig = await startTestRig([scannerRig]);
    ({ rig, runDir } = testRig);
    const device = rig.devices()[0] as SerialRigDevice;
    driver = new ScannerDriver({
      transport: new SerialTransport({ path: device.tty, baudRate: device.baudRate, logger }),
      logger,
    });
    await driver.start();
    await waitForStatus(driver, (s) => s.state === 'online', 2000);
  });
  afterAll(async () => {
    await driver.stop();
    await testRig.close();
  });

  it('when listed, then it is the barcode-scanner at 9600 baud', () => {
    expect(rig.devices()[0]).toMatchObject({
      device: 'scanner',
      kind: 'barcode-scanner',
      tty: join(runDir, 'scanner'),
      baudRate: 9600,
      sim: { plugged: true },
    });
  });

  it('when a scan is posted while the driver is enabled, then the driver emits it', async () => {
    await driver.enable();
    await until(() => rig.devices()[0]!.sim.trigger === 'on', 1000);
    const scan = new Promise<ScanEvent>((resolve) => driver.once('scan', resolve));
    const res = await post(rig, 'scanner/scan', { text: '281234567890123456' });
    expect(res.status).toBe(200);
    expect(res.json.device.sim).toMatchObject({ scans: 1 });
    expect((await scan).text).toBe('281234567890123456');
  });

  it('when a GB18030 scan is posted, then the driver decodes it', async () => {
    await until(() => rig.devices()[0]!.sim.trigger === 'on', 1000);
    const scan = new Promise<ScanEvent>((resolve) => driver.once('scan', resolve));
    await post(rig, 'scanner/scan', { text: '鼓楼区水费', encoding: 'gb18030' });
    expect((await scan).text).toBe('鼓楼区水费');
  });

  it('when a scan is posted while the driver is disabled, then it is dropped', async () => {
    await driver.disable();
    // The re-arm after the last scan and this SYN U CR are both on their way: let them land.
    await new Promise((r) => setTimeout(r, 100));
    await until(() => rig.devices()[0]!.sim.trigger === 'off', 1000);
    const before = driver.counters.scans;
    const res = await post(rig, 'scanner/scan', { text: '35010220261100012345' });
    expect(res.json.device.sim.scans).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(driver.counters.scans).toBe(before);
  });

  it.each([
    ['empty text', 'scanner/scan', { text: '' }],
    ['an unknown encoding', 'scanner/scan', { text: 'x', encoding: 'big5' }],
    ['bad hex', 'scanner/garbage', { hex: 'zz' }],
  ])('when the body has %s, then it answers 400 invalid-body', async (_name, path, body) => {
    const res = await post(rig, path, body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'invalid-body' } });
  });
});
