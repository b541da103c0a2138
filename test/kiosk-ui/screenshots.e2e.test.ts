/**
 * The kiosk home screen in real Chromium against a fake agent, with the
 * services the kiosk really has: the data-* contract end-to-end tests rely on,
 * reconnecting after the agent drops, and docs/screenshots/kiosk-home-connecting.png.
 * The UI is built fresh into a temporary directory, so a stale kiosk-ui/dist
 * never answers for today's code. Every screen with test services, and the
 * other kiosk-*.png screenshots, are in shell/screens.e2e.test.ts.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'puppeteer-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import {
  demoStatus,
  type FakeAgent,
  hubStatus,
  printerStatus,
  startFakeAgent,
} from '../support/fake-agent.ts';
import { tempDir } from '../support/temp-dir.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const VITE_CONFIG = fileURLToPath(new URL('../../kiosk-ui/vite.config.ts', import.meta.url));
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };

const ui = tempDir('tingzi-kiosk-ui-');
const UI_DIR = path.join(ui.dir, 'dist');

let browser: Browser;
let agent: FakeAgent;
let page: Page;

beforeAll(async () => {
  await build({ configFile: VITE_CONFIG, build: { outDir: UI_DIR, emptyOutDir: true }, logLevel: 'warn' });
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  ui.remove();
});

/** Opens the kiosk, which starts on its attract screen, and touches it for the home screen. */
async function startVisit(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('[data-screen="attract"]');
  await page.click('[data-action="start"]');
  await page.waitForSelector('[data-screen="home"]');
}

async function open(viewport: { width: number; height: number }): Promise<void> {
  await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
  await startVisit(page, agent.url);
  await page.waitForSelector('[data-hub="connected"]');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, name) as `${string}.png` });
}

describe('kiosk home screen in Chromium', () => {
  beforeEach(async () => {
    agent = await startFakeAgent({ uiDir: UI_DIR });
    page = await browser.newPage();
    // The kiosks stand in Fuzhou: the clock shows China time whatever the test machine's zone.
    await page.emulateTimezone('Asia/Shanghai');
  });

  afterEach(async () => {
    await page?.close();
    await agent?.close();
  });

  it('when the agent says hello, then the kiosk, the hub and the printer are shown with the data-* contract', async () => {
    await open(LANDSCAPE);

    await page.waitForSelector('[data-device="printer"][data-state="online"][data-paper="ok"]');
    const kioskName = await page.$eval('[data-kiosk-name]', (el) => el.textContent);
    const printerWord = await page.$eval('[data-device="printer"]', (el) => el.textContent);
    const hubText = await page.$eval('[data-hub]', (el) => el.textContent);
    const lang = await page.$eval('html', (el) => el.lang);
    const bodyFontPx = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    expect(kioskName).toBe('鼓楼区东街口社区服务亭');
    expect(printerWord).toContain('纸张正常');
    expect(hubText).toContain('已连接服务中心');
    expect(lang).toBe('zh-CN');
    expect(bodyFontPx).toBeGreaterThanOrEqual(28);
  });

  it('when shown on a portrait screen, then the same contract holds and nothing overflows', async () => {
    await open(PORTRAIT);

    await page.waitForSelector('[data-device="printer"][data-paper="ok"]');
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth > innerWidth,
      y: document.documentElement.scrollHeight > innerHeight,
    }));
    expect(overflow).toEqual({ x: false, y: false });
  });

  it('when the printer runs out of paper and the hub drops, then the screen says 缺纸 and 服务中心暂时无法连接', async () => {
    await open(LANDSCAPE);

    agent.push({ type: 'device.status', status: printerStatus('fault', { paper: 'out' }) });
    agent.push({ type: 'hub.status', hub: hubStatus(false, 'cannot reach the hub (ECONNREFUSED)') });

    await page.waitForSelector('[data-device="printer"][data-state="fault"][data-paper="out"]');
    await page.waitForSelector('[data-hub="disconnected"]');
    expect(await page.$eval('[data-device="printer"]', (el) => el.textContent)).toContain('缺纸');
    const hubText = await page.$eval('[data-hub]', (el) => el.textContent);
    expect(hubText).toContain('服务中心暂时无法连接');
    expect(hubText).toContain('网络连接中断');
    expect(await page.$eval('[role="status"]', (el) => el.textContent)).toContain('服务中心暂时无法连接');
  });

  it('when the printer paper runs low and later its cover opens, then each word follows', async () => {
    await open(LANDSCAPE);

    agent.push({ type: 'device.status', status: printerStatus('online', { paper: 'low' }) });
    await page.waitForSelector('[data-device="printer"][data-paper="low"]');
    expect(await page.$eval('[data-device="printer"]', (el) => el.textContent)).toContain('纸张将尽');

    agent.push({ type: 'device.status', status: printerStatus('fault', { paper: 'low', cover: 'open' }) });
    await page.waitForSelector('[data-device="printer"][data-state="fault"]');
    expect(await page.$eval('[data-device="printer"]', (el) => el.textContent)).toContain('盖子打开');
  });

  it('when the agent drops the socket, then the screen shows 正在连接… instead of stale status, and recovers by itself', async () => {
    await open(LANDSCAPE);

    agent.refuseConnections(true);
    agent.dropClients();
    await page.waitForSelector('[data-connecting]');
    expect(await page.$('[data-device]')).toBeNull();
    expect(await page.$('[data-hub]')).toBeNull();
    expect(await page.$eval('[data-connecting]', (el) => el.textContent)).toContain('正在连接');
    expect(await page.$eval('[role="status"]', (el) => el.textContent)).toContain('正在连接');
    await screenshot('kiosk-home-connecting.png');

    agent.push({ type: 'device.status', status: printerStatus('online', { paper: 'low' }) });
    agent.refuseConnections(false);
    await page.waitForSelector('[data-hub="connected"]', { timeout: 15_000 });
    await page.waitForSelector('[data-device="printer"][data-paper="low"]');
  });
});

describe('kiosk home screen with every device kind', () => {
  it('when all five devices report, then everything fits on screen in both orientations', async () => {
    const status = demoStatus();
    const since = status.hub.since;
    status.devices.push(
      { device: 'card-reader', state: 'online', detail: {}, since },
      { device: 'id-reader', state: 'offline', detail: {}, since },
      { device: 'scanner', state: 'busy', detail: {}, since },
      { device: 'handset', state: 'fault', detail: {}, since },
    );
    const rich = await startFakeAgent({ status, uiDir: UI_DIR });
    const page = await browser.newPage();
    try {
      for (const viewport of [LANDSCAPE, PORTRAIT]) {
        await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
        await startVisit(page, rich.url);
        await page.waitForSelector('[data-device="handset"][data-state="fault"]');
        const clipped = await page.evaluate(() => {
          const main = document.querySelector('main')!.getBoundingClientRect();
          return [...document.querySelectorAll('main *')]
            .filter((el) => {
              const box = el.getBoundingClientRect();
              return box.height > 0 && (box.bottom > main.bottom + 0.5 || box.right > main.right + 0.5);
            })
            .map((el) => el.getAttribute('data-device') ?? el.textContent);
        });
        expect(clipped, `${viewport.width}x${viewport.height}`).toEqual([]);
      }
    } finally {
      await page.close();
      await rich.close();
    }
  });
});

describe('kiosk UI build', () => {
  it('when built, then its JavaScript stays well under 60 KiB gzipped and carries no development code', async () => {
    const assets = path.join(UI_DIR, 'assets');
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    let gzipped = 0;
    for (const name of scripts) {
      const code = await readFile(path.join(assets, name));
      gzipped += gzipSync(code).length;
      // JSX dev mode would ship every component's absolute source path.
      expect(code.toString('utf8')).not.toContain('fileName:');
    }
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(60 * 1024);
  });
});
