/**
 * The design system's components in real Chromium, through the gallery (test/kiosk-ui/gallery/):
 * what a resident can do with each by touch and by keys. Sizes, modes, axe and screenshots are
 * in layout.e2e.test.ts.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/browser.ts';
import { type Gallery, serveGallery } from '../gallery/serve-gallery.ts';

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
  await page.setViewport({ width: 1920, height: 1080, deviceScaleFactor: 1 });
  await page.goto(gallery.url, { waitUntil: 'load' });
  await page.waitForSelector('[data-qr="ready"]');
});

afterEach(async () => {
  await page?.close();
});

const text = (selector: string) => page.$eval(selector, (el) => el.textContent ?? '');
const tap = (scope: string, action: string) =>
  page.click(`[data-testid="${scope}"] [data-action="${action}"]`);
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-action') ?? null);

describe('numeric keypad', () => {
  it('when digits are tapped past maxLength, then the value stops at six and the keys never move', async () => {
    const before = await page.$eval('[data-action="digit-5"]', (el) => el.getBoundingClientRect().toJSON());
    for (const digit of '12345678') await tap('numeric', `digit-${digit}`);
    const after = await page.$eval('[data-action="digit-5"]', (el) => el.getBoundingClientRect().toJSON());

    expect(await text('[data-testid="numeric-value"]')).toBe('123456');
    expect(await text('[data-testid="numeric"] fieldset [aria-live]')).toBe('123456');
    expect(after).toEqual(before);
  });

  it('when Delete and Clear are tapped, then one digit and then all are removed', async () => {
    for (const digit of '907') await tap('numeric', `digit-${digit}`);
    await tap('numeric', 'delete');
    expect(await text('[data-testid="numeric-value"]')).toBe('90');
    await tap('numeric', 'clear');
    expect(await text('[data-testid="numeric-value"]')).toBe('');
  });

  it('when focused and typed on a physical keyboard, then digits, Backspace and Enter work and letters do nothing', async () => {
    await page.focus('[data-testid="numeric"] fieldset');
    await page.keyboard.type('12a34');
    await page.keyboard.press('Backspace');
    expect(await text('[data-testid="numeric-value"]')).toBe('123');

    // Enter on a focused key must submit, not also press that key.
    await page.focus('[data-testid="numeric"] [data-action="digit-9"]');
    await page.keyboard.press('Enter');
    expect(await text('[data-testid="numeric-submitted"]')).toBe('123');
    expect(await text('[data-testid="numeric-value"]')).toBe('123');
  });

  it('when masked, then the display shows dots and says how many digits, never the digits', async () => {
    await tap('numeric', 'mask-toggle');
    for (const digit of '4711') await tap('numeric', `digit-${digit}`);
    const shown = await text('[data-testid="numeric"] fieldset [aria-live]');
    expect(shown).toContain('●●●●');
    expect(shown).toContain('已输入 4 位');
    expect(shown).not.toMatch(/\d{2}/);
  });
});

describe('text keypad', () => {
  it('when letters are in alphabetical rows and tapped, then they and spaces are typed up to maxLength', async () => {
    const firstRow = await page.$$eval('[data-testid="text"] [data-action^="char-"]', (keys) =>
      keys.slice(10, 20).map((k) => k.textContent),
    );
    expect(firstRow.join('')).toBe('ABCDEFGHIJ');
    for (const action of ['char-M', 'char-1', 'space', 'char-Z']) await tap('text', action);
    expect(await text('[data-testid="text-value"]')).toBe('M1 Z');
  });

  it('when typed on a physical keyboard, then letters come out upper case, with Backspace and maxLength', async () => {
    await page.focus('[data-testid="text"] fieldset');
    await page.keyboard.type('min 8 road');
    expect(await text('[data-testid="text-value"]')).toBe('MIN 8 RO');
    await page.keyboard.press('Backspace');
    expect(await text('[data-testid="text-value"]')).toBe('MIN 8 R');
    await tap('text', 'clear');
    expect(await text('[data-testid="text-value"]')).toBe('');
  });
});

describe('paged list', () => {
  const shown = () =>
    page.$$eval('[data-testid="paged"] [data-item]', (els) => els.map((e) => e.textContent));
  const count = () => text('[data-testid="paged"] [data-page]');

  it('when paging through 23 items five at a time, then the words and rows follow and the ends are disabled', async () => {
    expect(await shown()).toEqual(['账单 1', '账单 2', '账单 3', '账单 4', '账单 5']);
    expect(await count()).toBe('第 1/5 页');
    expect(
      await page.$eval(
        '[data-testid="paged"] [data-action="page-previous"]',
        (b) => (b as HTMLButtonElement).disabled,
      ),
    ).toBe(true);

    for (let i = 0; i < 4; i++) await tap('paged', 'page-next');
    expect(await shown()).toEqual(['账单 21', '账单 22', '账单 23']);
    expect(await count()).toBe('第 5/5 页');
    expect(
      await page.$eval(
        '[data-testid="paged"] [data-action="page-next"]',
        (b) => (b as HTMLButtonElement).disabled,
      ),
    ).toBe(true);

    await tap('paged', 'page-previous');
    expect(await count()).toBe('第 4/5 页');
    expect((await shown())[0]).toBe('账单 16');
  });

  it('when the items change while on a later page, then it starts again at page one', async () => {
    await tap('paged', 'page-next');
    await tap('paged', 'page-next');
    await tap('paged', 'replace-items');
    expect(await count()).toBe('第 1/2 页');
    expect((await shown())[0]).toBe('账单 101');
  });
});

describe('picker', () => {
  const checked = () =>
    page.$$eval('[role="radio"][aria-checked="true"]', (els) => els.map((e) => e.textContent));

  it('when an option is tapped, then it alone is checked and reported', async () => {
    await page.click('[role="radio"][data-value="power"]');
    expect(await checked()).toEqual(['电费¥128.50']);
    expect(await text('[data-testid="picker-value"]')).toBe('power');
    expect(await page.$eval('[role="radiogroup"]', (g) => g.getAttribute('aria-labelledby'))).toBeTruthy();
  });

  it('when arrow keys are pressed, then the choice skips disabled options, turns the page and focus follows', async () => {
    await page.click('[role="radio"][data-value="water"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await text('[data-testid="picker-value"]')).toBe('phone');
    await page.keyboard.press('ArrowRight');
    expect(await text('[data-testid="picker-value"]')).toBe('tv');
    expect(await text('[data-testid="picker"] [data-page]')).toBe('第 2/2 页');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-value'))).toBe('tv');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-value'))).toBe('phone');
    expect(await text('[data-testid="picker"] [data-page]')).toBe('第 1/2 页');
  });
});

describe('dialog', () => {
  it('when opened, then focus moves in and Tab stays inside; Escape closes it and focus goes back', async () => {
    await tap('dialog-harness', 'open-dialog');
    await page.waitForSelector('[role="dialog"][aria-modal="true"]');
    const title = await page.$eval(
      '[role="dialog"]',
      (d) => document.getElementById(d.getAttribute('aria-labelledby')!)?.textContent,
    );
    expect(title).toBe('确认缴费？');
    expect(await focused()).toBe('dialog-confirm');

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('dialog-cancel');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('dialog-confirm');
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await focused()).toBe('dialog-cancel');

    await page.keyboard.press('Escape');
    expect(await page.$('[role="dialog"]')).toBeNull();
    expect(await text('[data-testid="dialog-result"]')).toBe('dismissed');
    expect(await focused()).toBe('open-dialog');
  });

  it('when an action is chosen, then the dialog closes with it and focus goes back', async () => {
    await tap('dialog-harness', 'open-dialog');
    await page.click('[data-action="dialog-cancel"]');
    expect(await page.$('[role="dialog"]')).toBeNull();
    expect(await text('[data-testid="dialog-result"]')).toBe('cancelled');
    expect(await focused()).toBe('open-dialog');
  });
});

describe('error panel', () => {
  it('when given some handlers, then it shows only their buttons, as an alert', async () => {
    const actions = (id: string) =>
      page.$$eval(`[data-testid="${id}"] [role="alert"] button`, (bs) => bs.map((b) => b.dataset.action));
    expect(await actions('error-all')).toEqual(['retry', 'back', 'help']);
    expect(await actions('error-retry')).toEqual(['retry']);
    expect(await text('[data-testid="error-all"] [data-action="help"]')).toContain('呼叫帮助');
    await tap('error-all', 'help');
    expect(await text('[data-testid="error-pressed"]')).toBe('help');
  });
});
