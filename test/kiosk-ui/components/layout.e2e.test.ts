/**
 * The design system's gallery in real Chromium: what the showing components say, touch-target
 * sizes and fit on both screens and in large text, axe in every mode, and the screenshots in
 * docs/screenshots/ds-gallery-*.png. Behaviour of the input components is in components.e2e.test.ts.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations } from '../../support/axe.ts';
import { launchChromium } from '../../support/browser.ts';
import { type Gallery, serveGallery } from '../gallery/serve-gallery.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const LANDSCAPE = { width: 1920, height: 1080 };
const PORTRAIT = { width: 1080, height: 1920 };

let gallery: Gallery;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  gallery = await serveGallery();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await gallery?.close();
});

beforeEach(async () => {
  page = await browser.newPage();
});

afterEach(async () => {
  await page?.close();
});

interface Mode {
  viewport: { width: number; height: number };
  text?: 'large';
  contrast?: 'high';
  lang?: 'en';
}

async function open({ viewport, text, contrast, lang }: Mode): Promise<void> {
  await page.setViewport({ ...viewport, deviceScaleFactor: 1 });
  await page.goto(`${gallery.url}${lang ? `?lang=${lang}` : ''}`, { waitUntil: 'load' });
  await page.evaluate(
    (text, contrast) => {
      if (text) document.documentElement.dataset.text = text;
      if (contrast) document.documentElement.dataset.contrast = contrast;
    },
    text,
    contrast,
  );
  await page.waitForSelector('[data-qr="ready"]');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Every button smaller than 64 px either way, with its size, so a failure names it. */
const smallButtons = () =>
  page.$$eval('button', (buttons) =>
    buttons
      .map((b) => ({
        name: b.dataset.action ?? b.dataset.value ?? b.textContent,
        box: b.getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width < 64 || box.height < 64)
      .map(({ name, box }) => `${name}: ${Math.round(box.width)}x${Math.round(box.height)}`),
  );

/** Buttons whose words do not fit inside them (they would spill over the border). */
const spilledLabels = () =>
  page.$$eval('button', (buttons) =>
    buttons.filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => b.dataset.action ?? b.textContent),
  );

const overflowsSideways = () => page.evaluate(() => document.documentElement.scrollWidth > innerWidth);

describe('what the components show', () => {
  it('when a sum is shown, then it is written by Intl for CNY in zh-CN and in en', async () => {
    await open({ viewport: LANDSCAPE });
    expect(await page.$eval('[data-amount="12850"]', (el) => el.textContent)).toBe('¥128.50');
    await open({ viewport: LANDSCAPE, lang: 'en' });
    const english = await page.$eval('[data-amount="12850"]', (el) => el.textContent);
    expect(english).toBe(new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(128.5));
    expect(english).toMatch(/^CN¥128\.50$/);
  });

  it('when on step 2 of 4, then the words say so and only that step is aria-current', async () => {
    await open({ viewport: LANDSCAPE });
    expect(await page.$eval('[data-testid="steps"]', (el) => el.textContent)).toContain('第 2 步，共 4 步');
    const current = await page.$$eval('[data-testid="steps"] li', (lis) => lis.map((li) => li.ariaCurrent));
    expect(current).toEqual([null, 'step', null, null]);
    await open({ viewport: LANDSCAPE, lang: 'en' });
    expect(await page.$eval('[data-testid="steps"]', (el) => el.textContent)).toContain('Step 2 of 4');
  });

  it('when progress is known, then the bar says how far in words; when not, it drifts unless motion is reduced', async () => {
    await open({ viewport: LANDSCAPE });
    const bars = await page.$$eval('[role="progressbar"]', (els) =>
      els.map((el) => ({
        now: el.getAttribute('aria-valuenow'),
        text: el.getAttribute('aria-valuetext'),
        animation: getComputedStyle(el.firstElementChild!).animationName,
      })),
    );
    expect(bars[0]).toMatchObject({ now: '40', text: '已完成 40%' });
    expect(bars[1]).toMatchObject({ now: null, text: '请稍候' });
    expect(bars[1]?.animation).not.toBe('none');

    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    const reduced = await page.$$eval('[role="progressbar"] > *', (els) =>
      els.map((el) => getComputedStyle(el).animationName),
    );
    expect(reduced).toEqual(['none', 'none']);
  });

  it('when a QR code is shown, then it is a square, non-empty inline SVG of 9 rem with an accessible name', async () => {
    await open({ viewport: LANDSCAPE });
    const qr = await page.$eval('[data-qr="ready"]', (el) => {
      const svg = el.querySelector('svg')!.getBoundingClientRect();
      const path = el.querySelector('svg path[d]:last-of-type')?.getAttribute('d') ?? '';
      return {
        role: el.getAttribute('role'),
        name: el.getAttribute('aria-label'),
        w: svg.width,
        h: svg.height,
        path,
      };
    });
    expect(qr).toMatchObject({ role: 'img', name: '缴费二维码' });
    expect(qr.w).toBeGreaterThan(200);
    expect(qr.w).toBeCloseTo(qr.h, 0);
    expect(qr.path.length).toBeGreaterThan(500);
  });

  it('when a toast shows, then it is a status at the top that covers no button', async () => {
    await open({ viewport: LANDSCAPE });
    const covered = await page.evaluate(() => {
      const toast = document.querySelector('[role="status"][data-tone]')!.getBoundingClientRect();
      return [...document.querySelectorAll('button')]
        .filter((b) => {
          const box = b.getBoundingClientRect();
          return (
            box.left < toast.right &&
            box.right > toast.left &&
            box.top < toast.bottom &&
            box.bottom > toast.top
          );
        })
        .map((b) => b.textContent);
    });
    expect(covered).toEqual([]);
  });
});

describe('sizes, fit and accessibility in every mode', () => {
  const modes: Array<[string, Mode]> = [
    ['landscape', { viewport: LANDSCAPE }],
    ['portrait', { viewport: PORTRAIT }],
    ['landscape, large text', { viewport: LANDSCAPE, text: 'large' }],
    ['portrait, large text', { viewport: PORTRAIT, text: 'large' }],
    ['portrait, English, large text', { viewport: PORTRAIT, text: 'large', lang: 'en' }],
  ];

  it.each(modes)(
    'when shown %s, then every button is at least 64x64 px, its words fit and nothing spills sideways',
    async (_, mode) => {
      await open(mode);
      expect(await smallButtons()).toEqual([]);
      expect(await spilledLabels()).toEqual([]);
      expect(await overflowsSideways()).toBe(false);
      await page.click('[data-action="open-dialog"]');
      await page.waitForSelector('[role="dialog"]');
      expect(await smallButtons()).toEqual([]);
      expect(await spilledLabels()).toEqual([]);
    },
  );

  it.each<[string, Mode]>([
    ['normal', { viewport: LANDSCAPE }],
    ['large-text', { viewport: PORTRAIT, text: 'large' }],
    ['high-contrast', { viewport: LANDSCAPE, contrast: 'high' }],
  ])('when in %s mode, then axe finds no violations, with the dialog closed or open', async (_, mode) => {
    await open(mode);
    expect(await axeViolations(page)).toEqual([]);
    await page.click('[data-action="open-dialog"]');
    await page.waitForSelector('[role="dialog"]');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('when shown on both screens, then screenshots of the whole gallery are saved for docs', async () => {
    for (const [name, viewport] of [
      ['ds-gallery-landscape.png', LANDSCAPE],
      ['ds-gallery-portrait.png', PORTRAIT],
    ] as const) {
      await open({ viewport });
      await page.click('[data-testid="picker"] [data-value="power"]');
      for (const digit of '2024') await page.click(`[data-action="digit-${digit}"]`);
      await page.click('body', { offset: { x: 1, y: 1 } });
      await page.screenshot({ path: path.join(SCREENSHOTS, name) as `${string}.png`, fullPage: true });
    }
  });
});

describe('gallery build', () => {
  it('when built, then the QR encoder sits in a chunk of its own, loaded only when a QR code is drawn', async () => {
    const assets = path.join(gallery.outDir, 'assets');
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    const sources = await Promise.all(scripts.map((name) => readFile(path.join(assets, name), 'utf8')));
    const withQr = scripts.filter((_, i) => sources[i]?.includes('too long for a QR code'));
    expect(withQr).toHaveLength(1);
    const qrChunk = sources[scripts.indexOf(withQr[0]!)]!;
    // Well under a third of the UI's 60 KiB budget, and only fetched on a QR screen.
    expect(gzipSync(qrChunk).length).toBeLessThan(20 * 1024);
    const entry = sources.find(
      (source) => source.includes(`import("./${withQr[0]}")`) || source.includes(withQr[0]!),
    );
    expect(entry).toBeDefined();
  });
});
