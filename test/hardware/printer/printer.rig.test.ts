import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../../hardware/common/serial-transport.ts';
import type { PrintedDocument } from '../../../hardware/printer/printed-document.ts';
import { PrinterDriver } from '../../../hardware/printer/printer.driver.ts';
import { printerRig } from '../../../hardware/printer/printer.rig.ts';
import type { Rig } from '../../../hardware/rig/rig.ts';
import { getJson, post, startTestRig, type TestRig } from '../../support/rig-client.ts';
import { waitForStatus } from '../../support/wait-for-status.ts';
import { expectedPrint, WATER_BILL_RECEIPT } from './expected-print.ts';

const logger = pino({ level: 'silent' });

describe('the printer on the rig, over HTTP', () => {
  let testRig: TestRig;
  let rig: Rig;
  let runDir: string;
  let driver: PrinterDriver;

  beforeAll(async () => {
    testRig = await startTestRig([printerRig]);
    ({ rig, runDir } = testRig);
    driver = new PrinterDriver({
      transport: new SerialTransport({ path: join(runDir, 'printer'), baudRate: 9600, logger }),
      logger,
      pollIntervalMs: 100,
    });
    await driver.start();
    await waitForStatus(driver, (s) => s.state === 'online', 2000);
  });
  afterAll(async () => {
    await driver.stop();
    await testRig.close();
  });

  it('when nothing was printed, then the output is an empty list', async () => {
    expect(await getJson(rig, 'printer/output')).toEqual({ status: 200, json: [] });
  });

  it('when the driver prints a receipt, then GET output returns it as structured JSON and receipts draws it', async () => {
    await driver.print(WATER_BILL_RECEIPT, { jobId: 'rig-1' });
    await driver.print({ lines: [{ text: '<b>not html</b> & 第二张' }] }, { jobId: 'rig-2' });
    const { status, json } = await getJson(rig, 'printer/output');
    expect(status).toBe(200);
    const docs = json as unknown as PrintedDocument[];
    expect(docs).toHaveLength(2);
    // Newest first.
    expect(docs[0]!.items[0]).toMatchObject({ type: 'text', text: '<b>not html</b> & 第二张' });
    expect({ items: docs[1]!.items, cut: docs[1]!.cut }).toEqual(expectedPrint(WATER_BILL_RECEIPT));
    expect(docs[1]).toMatchObject({ columns: 32, id: 1 });

    const receipts = await getJson<{ count: number; html: string }>(rig, 'printer/receipts');
    expect(receipts.json.count).toBe(2);
    const html = String(receipts.json.html);
    expect(html.indexOf('data-receipt="2"')).toBeLessThan(html.indexOf('data-receipt="1"'));
    expect(html).toContain('<svg');
    expect(html).toContain('亭子 缴费凭证');
    expect(html).toContain('&#60;b&#62;not html&#60;/b&#62; &#38; 第二张');
    expect(html).not.toContain('<b>not html');
  });

  it('when POST jam is sent, then the next receipt stops part-way and the job fails with the error', async () => {
    expect((await post(rig, 'printer/jam', { afterLines: 1 })).status).toBe(200);
    const job = driver.print(WATER_BILL_RECEIPT, { jobId: 'rig-jam' });
    await expect(job).rejects.toMatchObject({ code: 'hardwareError', reason: 'error' });
    const [newest] = (await getJson(rig, 'printer/output')).json as unknown as PrintedDocument[];
    expect(newest).toMatchObject({ interrupted: 'jam' });
    expect(newest!.items).toHaveLength(1);
    const devices = await getJson(rig, 'devices');
    expect(devices.json).toMatchObject({ devices: [{ sim: { error: 'autocutter' } }] });
    await post(rig, 'printer/error', { error: null });
  });

  it('when the jam or paperLeft body is wrong or the view unknown, then the rig answers 400 / 404', async () => {
    expect(await post(rig, 'printer/jam', { afterLines: -1 })).toMatchObject({ status: 400 });
    expect(await post(rig, 'printer/paperLeft', { mm: 'lots' })).toMatchObject({ status: 400 });
    expect(await getJson(rig, 'printer/nothing')).toMatchObject({
      status: 404,
      json: { error: { code: 'unknown-view' } },
    });
    expect(await getJson(rig, 'scanner/output')).toMatchObject({ status: 404 });
  });

  it('when POST paperLeft runs the roll near its end, then the driver reports paper low', async () => {
    expect((await post(rig, 'printer/paperLeft', { mm: 500 })).status).toBe(200);
    await waitForStatus(driver, (s) => s.detail.paper === 'low', 1000);
  });
});
