/**
 * A maintainer's demo, as a person does it: the kiosk screen in one tab, the
 * rig's control page in another, a click on "Out" under Paper. Regenerates
 * docs/screenshots/kiosk-home-live.png and rig.png.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt } from '../../scripts/build-ui.ts';
import { type Stack, startStack, waitHealthy } from '../../scripts/stack.ts';
import { launchChromium } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';

const SHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;
let stack: Stack;
let browser: Browser;
const data = tempDir('tingzi-rig-page-');

beforeAll(async () => {
  await ensureUiBuilt();
  stack = await startStack({ hubPort: 0, rigPort: 0, agentPort: 0, dataDir: data.dir });
  await waitHealthy(stack.agentUrl);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  data.remove();
});

describe('rig control page', () => {
  it('when a person clicks Paper → Out on the rig page, then the kiosk screen says 缺纸', async () => {
    const kiosk = await browser.newPage();
    await kiosk.goto(`${stack.agentUrl}/`);
    // The kiosk waits on its attract screen; a resident's touch brings the home screen with the devices.
    await kiosk.waitForSelector('[data-action="start"]', { timeout: 5000 });
    await kiosk.click('[data-action="start"]');
    await kiosk.waitForSelector('[data-device="printer"][data-paper="ok"]', { timeout: 5000 });
    // The real kiosk on the rig: all five devices online, as `npm start` shows it.
    for (const device of ['printer', 'card-reader', 'id-reader', 'scanner', 'handset']) {
      await kiosk.waitForSelector(`[data-device="${device}"][data-state="online"]`, { timeout: 5000 });
    }
    mkdirSync(SHOTS, { recursive: true });
    await kiosk.screenshot({ path: `${SHOTS}kiosk-home-live.png` });

    const rig = await browser.newPage();
    await rig.setViewport({ width: 1280, height: 800 });
    await rig.goto(`${stack.rigUrl}/rig/`);
    const out = await rig.waitForSelector('::-p-xpath(//button[normalize-space()="Out"])', { timeout: 5000 });
    await out!.click();
    await rig.waitForSelector('::-p-xpath(//button[normalize-space()="Out" and @aria-pressed="true"])', {
      timeout: 2000,
    });
    mkdirSync(SHOTS, { recursive: true });
    await rig.screenshot({ path: `${SHOTS}rig.png`, fullPage: true });

    await kiosk.bringToFront();
    await kiosk.waitForSelector('[data-device="printer"][data-paper="out"]', { timeout: 1500 });
    expect(await kiosk.$eval('[data-device="printer"]', (el) => el.textContent)).toContain('缺纸');
  });
});
