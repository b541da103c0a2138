/**
 * Every screen of the kiosk shell (issue 6), with the fixture services of
 * fixture-flows.tsx, on both screens (1920×1080 and 1080×1920): axe finds
 * nothing, nothing is cut off or scrolls, every button is at least 64 px, in
 * normal and in large text; and the screenshots in docs/screenshots/kiosk-*.png.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations } from '../../support/axe.ts';
import { launchChromium } from '../../support/browser.ts';
import { type FakeAgent, hubStatus, printerStatus, startFakeAgent } from '../../support/fake-agent.ts';
import {
  buildFixtureShell,
  fitProblems,
  holdSessionStart,
  LANDSCAPE,
  PORTRAIT,
  tap,
  typeOnKeypad,
  waitScreen,
} from './shell-page.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const ACCOUNT_TILE = '[data-service="fixture-account"]';
const ID_TILE = '[data-service="fixture-id"]';

let ui: { dir: string; remove(): void };
let browser: Browser;
let agent: FakeAgent;
let page: Page;

beforeAll(async () => {
  ui = await buildFixtureShell();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  ui?.remove();
});

beforeEach(async () => {
  agent = await startFakeAgent({ uiDir: ui.dir });
  page = await browser.newPage();
  await page.emulateTimezone('Asia/Shanghai');
  // Screenshots catch no half-faded attract card.
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
});

afterEach(async () => {
  await page?.close();
  await agent?.close();
});

interface Tour {
  viewport: typeof LANDSCAPE;
  orientation: 'landscape' | 'portrait';
  large: boolean;
  /** What was found, one line per screen and problem. */
  problems: string[];
  violations: string[];
}

/** Checks the screen as it is now; in normal text also runs axe and takes its screenshot. */
async function look(tour: Tour, screen: string, options: { axe?: boolean } = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  const where = `${screen}${tour.large ? ' (large text)' : ''}`;
  tour.problems.push(...(await fitProblems(page)).map((p) => `${where}: ${p}`));
  if (!tour.large || options.axe) {
    tour.violations.push(...(await axeViolations(page)).map((v) => `${where}: ${v}`));
  }
  if (!tour.large) {
    await page.screenshot({
      path: path.join(SCREENSHOTS, `kiosk-${screen}-${tour.orientation}.png`) as `${string}.png`,
    });
  }
}

const since = () => new Date().toISOString();

/** Pages the home screen's tiles (one a page in large text) until `tile` shows. */
async function toTile(tile: string): Promise<void> {
  for (const direction of ['page-next', 'page-previous']) {
    for (let i = 0; i < 3 && !(await page.$(tile)); i++) {
      const button = await page.$(`[data-action="${direction}"]:not(:disabled)`);
      if (!button) break;
      await tap(page, `[data-action="${direction}"]`);
    }
  }
  await page.waitForSelector(tile);
}

/** Goes through every screen there is, in the tour's orientation and text size. */
async function walk(tour: Tour): Promise<void> {
  await page.setViewport({ ...tour.viewport, deviceScaleFactor: 1 });
  await page.goto(`${agent.url}?farewell=600`, { waitUntil: 'load' });
  await waitScreen(page, 'attract');
  await page.waitForSelector('[data-kiosk-name]');
  await look(tour, 'attract');

  // The agent is held from answering, so the starting screen stays up to be looked at.
  const held = await holdSessionStart(page);
  await tap(page, tour.large ? '[data-action="large-text"]' : '[data-action="start"]');
  await waitScreen(page, 'starting');
  await look(tour, 'starting');
  await held.release();
  await page.waitForSelector(`${ACCOUNT_TILE}[data-available="yes"]`);
  await look(tour, 'home', { axe: true });

  if (!tour.large) {
    for (const [toggle, name] of [
      ['large-text', 'home-large-text'],
      ['contrast', 'home-contrast'],
      ['language', 'home-english'],
    ] as const) {
      await tap(page, `[data-action="${toggle}"]`);
      await page.waitForFunction(
        () =>
          document.documentElement.dataset.text === 'large' ||
          document.documentElement.dataset.contrast === 'high' ||
          document.documentElement.lang === 'en',
      );
      await look(tour, name);
      await tap(page, `[data-action="${toggle}"]`);
      await page.waitForFunction(
        () =>
          document.documentElement.dataset.text === 'normal' &&
          document.documentElement.dataset.contrast === 'normal' &&
          document.documentElement.lang === 'zh-CN',
      );
    }
  }

  await tap(page, '[data-action="help"]');
  await page.waitForSelector('[role="dialog"] [data-action="close-help"]');
  await look(tour, 'help');
  await tap(page, '[data-action="close-help"]');
  await page.waitForSelector('[role="dialog"]', { hidden: true });

  await tap(page, ACCOUNT_TILE);
  await page.waitForSelector('[data-step="name"]');
  await typeOnKeypad(page, 'ZHANG WEI');
  await look(tour, 'flow-name');
  await tap(page, '[data-action="next"]');
  await page.waitForSelector('[data-step="number"]');
  await typeOnKeypad(page, '13800138000');
  await look(tour, 'flow-number');
  await tap(page, '[data-action="next"]');
  await page.waitForSelector('[data-step="confirm"]');
  await look(tour, 'flow-confirm');
  await tap(page, '[data-action="cancel"]');
  await waitScreen(page, 'home');

  agent.push({
    type: 'device.status',
    status: { device: 'id-reader', state: 'online', detail: {}, since: since() },
  });
  await toTile(ID_TILE);
  await tap(page, `${ID_TILE}[data-available="yes"]`);
  await page.waitForSelector('[data-step="insert-card"]');
  await look(tour, 'flow-id-card');
  await tap(page, '[data-action="cancel"]');
  agent.push({
    type: 'device.status',
    status: { device: 'id-reader', state: 'offline', detail: {}, since: since() },
  });
  await toTile(ID_TILE);
  await page.waitForSelector(`${ID_TILE}[data-available="no"]`);
  await toTile(ACCOUNT_TILE);

  agent.push({ type: 'hub.status', hub: hubStatus(false, 'cannot reach the hub (ECONNREFUSED)') });
  agent.push({ type: 'device.status', status: printerStatus('fault', { paper: 'out' }) });
  await page.waitForSelector(`${ACCOUNT_TILE}[data-available="no"]`);
  await page.waitForSelector('[data-hub="disconnected"]');
  await look(tour, 'home-offline', { axe: true });
  agent.push({ type: 'hub.status', hub: hubStatus(true) });
  agent.push({ type: 'device.status', status: printerStatus('online', {}) });
  await page.waitForSelector(`${ACCOUNT_TILE}[data-available="yes"]`);

  await tap(page, '[data-action="finish"]');
  await page.waitForSelector('[data-screen="farewell"] [data-action="again"]');
  await look(tour, 'farewell');

  agent.push({ type: 'maintenance', maintenance: { on: true, since: since() } });
  await waitScreen(page, 'out-of-service');
  if (tour.large) {
    await tap(page, '[data-action="large-text"]');
    await page.waitForSelector('html[data-text="large"]');
  }
  await look(tour, 'out-of-service');
  agent.push({ type: 'maintenance', maintenance: { on: false, since: since() } });
  await waitScreen(page, 'attract');

  // A second visit with a one-second idle time, for the "are you still there?" question.
  await page.goto(`${agent.url}?idle=1`, { waitUntil: 'load' });
  await waitScreen(page, 'attract');
  await tap(page, tour.large ? '[data-action="large-text"]' : '[data-action="start"]');
  await tap(page, `${ACCOUNT_TILE}[data-available="yes"]`);
  await page.waitForSelector('[data-step="name"]');
  await page.waitForSelector('[role="dialog"] [data-countdown]', { timeout: 10_000 });
  await look(tour, 'still-there');
}

describe('every screen', () => {
  for (const [orientation, viewport] of [
    ['landscape', LANDSCAPE],
    ['portrait', PORTRAIT],
  ] as const) {
    for (const large of [false, true]) {
      const what = large ? 'in large text' : 'in normal text (screenshots)';
      it(`when each screen shows on the ${orientation} screen ${what}, then axe finds nothing, nothing scrolls, every button is at least 64 px and nothing is cut off`, async () => {
        const tour: Tour = { viewport, orientation, large, problems: [], violations: [] };

        await walk(tour);

        // Large text keeps the top bar at its normal size and pages the tiles one at a time, so every
        // screen fits in it too.
        expect(tour.problems).toEqual([]);
        expect(tour.violations).toEqual([]);
      }, 120_000);
    }
  }
});
