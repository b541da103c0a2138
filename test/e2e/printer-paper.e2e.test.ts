/**
 * Issue 2's proof: the whole stack as `npm start` runs it (hub, rig with socat
 * pseudo-terminals, agent with the real serialport driver), the kiosk home in
 * a real Chromium, and the rig taking the printer's paper away.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt } from '../../scripts/build-ui.ts';
import { type Stack, startStack, waitHealthy } from '../../scripts/stack.ts';
import { launchChromium } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const data = tempDir('tingzi-e2e-');

beforeAll(async () => {
  await ensureUiBuilt();
  stack = await startStack({ hubPort: 0, rigPort: 0, agentPort: 0, dataDir: data.dir });
  await waitHealthy(stack.agentUrl);
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  data.remove();
});

async function setPaper(level: 'ok' | 'low' | 'out'): Promise<void> {
  const res = await fetch(`${stack.rigUrl}/rig/api/printer/paper`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ level }),
  });
  expect(res.status).toBeLessThan(300);
}

describe('kiosk home on simulated hardware', () => {
  it('when the kiosk starts, then its home shows the kiosk name, the hub connected and the printer online', async () => {
    await page.goto(`${stack.agentUrl}/`);
    await page.waitForSelector('[data-kiosk-name]');
    expect(await page.$eval('[data-kiosk-name]', (el) => el.textContent)).toContain('东街口');
    // The attract screen first; a resident's touch brings the home screen with the devices.
    await page.click('[data-action="start"]');
    await page.waitForSelector('[data-screen="home"]', { timeout: 5000 });
    await page.waitForSelector('[data-hub="connected"]', { timeout: 5000 });
    await page.waitForSelector('[data-device="printer"][data-state="online"][data-paper="ok"]', {
      timeout: 5000,
    });
  });

  it('when the rig takes the paper away, then the kiosk screen shows the printer out of paper within 1 s', async () => {
    await page.waitForSelector('[data-device="printer"][data-paper="ok"]');
    const t0 = Date.now();
    await setPaper('out');
    await page.waitForSelector('[data-device="printer"][data-paper="out"]', { timeout: 1000 });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(1000);
    const text = await page.$eval('[data-device="printer"]', (el) => el.textContent ?? '');
    expect(text).toMatch(/缺纸/);
  });

  it('when the paper is put back, then the printer is online again', async () => {
    await setPaper('ok');
    await page.waitForSelector('[data-device="printer"][data-state="online"][data-paper="ok"]', {
      timeout: 2000,
    });
  });
});
