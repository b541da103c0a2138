/**
 * A receipt printed through the real driver over the rig's pseudo-terminal,
 * then looked at on the rig page as a person would. Regenerates
 * docs/screenshots/rig-receipt.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../hardware/common/serial-transport.ts';
import { PrinterDriver } from '../../hardware/printer/printer.driver.ts';
import { printerRig } from '../../hardware/printer/printer.rig.ts';
import { type Rig, startRig } from '../../hardware/rig/rig.ts';
import { WATER_BILL_RECEIPT } from '../hardware/printer/expected-print.ts';
import { launchChromium } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';
import { waitForStatus } from '../support/wait-for-status.ts';

const SHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;
const logger = pino({ level: 'silent' });
const data = tempDir('tingzi-rig-receipt-');
let rig: Rig;
let driver: PrinterDriver;

beforeAll(async () => {
  rig = await startRig({ port: 0, runDir: data.dir, logger, devices: [printerRig] });
  const transport = new SerialTransport({ path: path.join(data.dir, 'printer'), baudRate: 9600, logger });
  driver = new PrinterDriver({ transport, logger });
  await driver.start();
  await waitForStatus(driver, (s) => s.state === 'online', 3000);
});

afterAll(async () => {
  await driver?.stop();
  await rig?.close();
  data.remove();
});

describe('a printed receipt on the rig page', () => {
  it('when the driver prints a water-bill receipt, then the rig page pictures it with its Chinese text and QR', async () => {
    await driver.print(WATER_BILL_RECEIPT, { jobId: 'shot-1' });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(rig.url);
      await page.waitForFunction(() => (document.body.textContent ?? '').includes('自来水'), {
        timeout: 5000,
      });
      expect(await page.$$eval('svg', (els) => els.length)).toBeGreaterThan(0);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}rig-receipt.png`, fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
