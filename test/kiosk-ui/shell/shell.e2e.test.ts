/**
 * The kiosk shell (issue 6) in real Chromium against the fake agent, with the
 * two fixture services of fixture-flows.tsx: a resident's visit from the attract
 * loop to the wipe, the idle countdown, finishing, maintenance, the tiles'
 * words when the hub or a device is down, and the keyboard. Every screen's
 * axe check, fit and screenshot are in screens.e2e.test.ts.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/browser.ts';
import { type FakeAgent, hubStatus, printerStatus, startFakeAgent } from '../../support/fake-agent.ts';
import { until } from '../../support/until.ts';
import {
  buildFixtureShell,
  everythingShown,
  LANDSCAPE,
  presentation,
  screenOf,
  storageLength,
  tap,
  text,
  typeOnKeypad,
  waitScreen,
} from './shell-page.ts';

const NAME = 'ZHANGWEI';
const NUMBER = '13800138000';
const ACCOUNT_TILE = '[data-service="fixture-account"]';

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
  await page.setViewport({ ...LANDSCAPE, deviceScaleFactor: 1 });
});

afterEach(async () => {
  await page?.close();
  await agent?.close();
});

/** Opens the kiosk on its attract screen, once the agent's hello has arrived. */
async function openKiosk(query = ''): Promise<void> {
  await page.goto(`${agent.url}${query}`, { waitUntil: 'load' });
  await waitScreen(page, 'attract');
  await page.waitForSelector('[data-kiosk-name]');
}

/** Attract → a touch → home with the account service ready. */
async function startVisit(query = ''): Promise<void> {
  await openKiosk(query);
  await tap(page, '[data-action="start"]');
  await page.waitForSelector(`${ACCOUNT_TILE}[data-available="yes"]`);
}

async function openAccountFlow(): Promise<void> {
  await tap(page, ACCOUNT_TILE);
  await page.waitForSelector('[data-step="name"]');
}

describe('a resident walks away', () => {
  it('when a visit in English and large text is left mid-flow, then the countdown ends it and nothing of it stays', async () => {
    await openKiosk('?idle=4&countdown=3&farewell=2');
    expect(await presentation(page)).toEqual({ lang: 'zh-CN', text: 'normal', contrast: 'normal' });

    await tap(page, '[data-action="start"]');
    await waitScreen(page, 'home');
    await until(() => agent.sessions.started.length === 1, 5_000, 'the agent session to start');
    const normalFont = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));

    await tap(page, '[data-action="language"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await text(page, ACCOUNT_TILE)).toContain('Look up an account');
    expect(await text(page, '[data-action="help"]')).toContain('Help');
    expect(await page.title()).toBe('Tingzi · Community Service Kiosk');

    await tap(page, '[data-action="large-text"]');
    await page.waitForSelector('html[data-text="large"] [data-action="large-text"][aria-pressed="true"]');
    const largeFont = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    expect(largeFont).toBeGreaterThan(normalFont * 1.2);

    await openAccountFlow();
    await typeOnKeypad(page, NAME);
    expect(await text(page, '[data-step="name"] fieldset [aria-live]')).toContain(NAME);
    await tap(page, '[data-action="next"]');
    await page.waitForSelector('[data-step="number"]');
    await typeOnKeypad(page, NUMBER);
    expect(await text(page, '[data-step="number"] fieldset [aria-live]')).toContain(NUMBER);
    // Something a careless flow might have left in storage, for the wipe to clear.
    await page.evaluate(
      (name, number) => {
        localStorage.setItem('draft-name', name);
        sessionStorage.setItem('draft-number', number);
      },
      NAME,
      NUMBER,
    );
    const stoppedTouching = Date.now();

    await page.waitForSelector('[role="dialog"] [data-countdown]', { timeout: 10_000 });
    expect(Date.now() - stoppedTouching).toBeGreaterThanOrEqual(3_500);
    expect(await text(page, '[role="dialog"]')).toContain('Are you still there?');
    const firstCount = Number(
      await page.$eval('[data-countdown]', (el) => el.getAttribute('data-countdown')),
    );
    expect(firstCount).toBeGreaterThanOrEqual(2);
    await page.waitForSelector(`[data-countdown="${firstCount - 1}"]`, { timeout: 3_000 });

    await waitScreen(page, 'farewell', 5_000);
    expect(await text(page, 'main')).toContain(
      'The session ended because the screen was not used for a while.',
    );
    await waitScreen(page, 'attract', 5_000);

    const shown = await everythingShown(page);
    expect(shown).not.toContain(NAME);
    expect(shown).not.toContain(NUMBER);
    expect(await storageLength(page)).toEqual({ local: 0, session: 0 });
    expect(await presentation(page)).toEqual({ lang: 'zh-CN', text: 'normal', contrast: 'normal' });
    expect(await page.title()).toBe('亭子 · 社区便民服务亭');
    expect(agent.sessions.ended).toEqual([{ sessionId: 'fake-session-1', reason: 'idle' }]);
  });

  it('when the resident taps Continue on the countdown, then the flow, what was typed and the session stay', async () => {
    await startVisit('?idle=3&countdown=30');
    await openAccountFlow();
    await typeOnKeypad(page, 'LI');

    await page.waitForSelector('[role="dialog"] [data-countdown]', { timeout: 10_000 });
    await tap(page, '[data-action="continue"]');

    await page.waitForSelector('[role="dialog"]', { hidden: true });
    expect(await screenOf(page)).toBe('flow');
    expect(await text(page, '[data-step="name"] fieldset [aria-live]')).toContain('LI');
    expect(agent.sessions.ended).toEqual([]);

    // The idle timer starts over, and Finish on the next countdown ends the visit at once.
    await page.waitForSelector('[role="dialog"] [data-countdown]', { timeout: 10_000 });
    await tap(page, '[data-action="finish-now"]');
    await waitScreen(page, 'farewell');
    expect(agent.sessions.ended).toEqual([{ sessionId: 'fake-session-1', reason: 'cancelled' }]);
  });
});

describe('a visit ends', () => {
  it('when the resident taps Finish on home, then the session ends as cancelled, and Start again opens a new one', async () => {
    await startVisit('?farewell=60');

    await tap(page, '[data-action="finish"]');

    await waitScreen(page, 'farewell');
    await until(() => agent.sessions.ended.length === 1, 5_000, 'the agent session to end');
    expect(agent.sessions.ended).toEqual([{ sessionId: 'fake-session-1', reason: 'cancelled' }]);
    expect(await text(page, 'main')).not.toContain('较长时间没有操作');
    await tap(page, '[data-action="again"]');
    await waitScreen(page, 'home');
    expect(agent.sessions.started).toEqual(['fake-session-1', 'fake-session-2']);
  });

  it('when the flow is confirmed, then the farewell shows, the session ends as done and the attract loop returns', async () => {
    await startVisit('?farewell=1');
    await openAccountFlow();
    await typeOnKeypad(page, NAME);
    await tap(page, '[data-action="next"]');
    await page.waitForSelector('[data-step="number"]');
    await typeOnKeypad(page, NUMBER);
    await tap(page, '[data-action="next"]');
    await page.waitForSelector('[data-step="confirm"]');
    expect(await text(page, '[data-value="name"]')).toBe(NAME);
    expect(await text(page, '[data-value="number"]')).toBe(NUMBER);

    await tap(page, '[data-action="confirm"]');

    await waitScreen(page, 'farewell');
    await until(() => agent.sessions.ended.length === 1, 5_000, 'the agent session to end');
    expect(agent.sessions.ended).toEqual([{ sessionId: 'fake-session-1', reason: 'done' }]);
    await waitScreen(page, 'attract', 5_000);
    expect(await everythingShown(page)).not.toContain(NAME);
  });

  it('when the resident cancels a flow or goes Home, then home shows, the session goes on and the flow starts empty again', async () => {
    await startVisit();
    await openAccountFlow();
    await typeOnKeypad(page, 'WANG');

    await tap(page, '[data-action="cancel"]');
    await waitScreen(page, 'home');
    await openAccountFlow();
    expect(await text(page, '[data-step="name"] fieldset [aria-live]')).not.toContain('WANG');
    await typeOnKeypad(page, 'LIU');
    await tap(page, '[data-action="home"]');
    await waitScreen(page, 'home');

    expect(await everythingShown(page)).not.toContain('LIU');
    expect(agent.sessions.ended).toEqual([]);
    expect(agent.sessions.started).toEqual(['fake-session-1']);
  });
});

describe('the kiosk is taken out of service', () => {
  it('when maintenance goes on mid-flow, then the out-of-service screen shows the kiosk id and 12345 and the session ends; off, the attract loop returns', async () => {
    await startVisit();
    await openAccountFlow();
    await typeOnKeypad(page, NAME);

    agent.push({ type: 'maintenance', maintenance: { on: true, since: new Date().toISOString() } });

    await waitScreen(page, 'out-of-service', 5_000);
    const words = await text(page, 'main');
    expect(words).toContain('gl-dongjie-01');
    expect(words).toContain('12345');
    expect(await everythingShown(page)).not.toContain(NAME);
    expect(await page.$('[data-action="finish"]')).toBeNull();
    await until(() => agent.sessions.ended.length === 1, 5_000, 'the agent session to end');
    expect(agent.sessions.ended).toEqual([{ sessionId: 'fake-session-1', reason: 'cancelled' }]);

    agent.push({ type: 'maintenance', maintenance: { on: false, since: new Date().toISOString() } });
    await waitScreen(page, 'attract', 5_000);
  });
});

describe('what the tiles say', () => {
  it('when the hub is down, then the account tile cannot be used and says why, and Help still gives 12345', async () => {
    await startVisit();

    agent.push({ type: 'hub.status', hub: hubStatus(false, 'cannot reach the hub (ECONNREFUSED)') });

    await page.waitForSelector(`${ACCOUNT_TILE}[data-available="no"]:disabled`);
    expect(await text(page, ACCOUNT_TILE)).toContain('暂时连不上服务中心，暂停办理');
    await tap(page, '[data-action="help"]');
    expect(await text(page, '[role="dialog"]')).toContain('12345');
    await tap(page, '[data-action="close-help"]');
    await page.waitForSelector('[role="dialog"]', { hidden: true });

    agent.push({ type: 'hub.status', hub: hubStatus(true) });
    await page.waitForSelector(`${ACCOUNT_TILE}[data-available="yes"]`);
  });

  it('when the printer has no paper and there is no card reader, then the tile says the receipt is a QR code and there is no card payment', async () => {
    await startVisit();
    expect(await text(page, ACCOUNT_TILE)).not.toContain('凭条以二维码提供');
    expect(await text(page, ACCOUNT_TILE)).toContain('读卡器暂停使用，不能刷银行卡');

    agent.push({ type: 'device.status', status: printerStatus('fault', { paper: 'out' }) });
    await page.waitForFunction(
      (tile) =>
        document.querySelector<HTMLElement>(tile)?.textContent.includes('打印机缺纸，凭条以二维码提供'),
      {},
      ACCOUNT_TILE,
    );
    expect(await page.$eval(ACCOUNT_TILE, (el) => el.getAttribute('data-available'))).toBe('yes');

    const since = new Date().toISOString();
    agent.push({
      type: 'device.status',
      status: { device: 'card-reader', state: 'online', detail: {}, since },
    });
    await page.waitForFunction(
      (tile) => !document.querySelector<HTMLElement>(tile)?.textContent.includes('不能刷银行卡'),
      {},
      ACCOUNT_TILE,
    );
  });

  it('when there is no ID card reader, then the ID service says a device is missing; once one is online it opens', async () => {
    await startVisit();
    const idTile = '[data-service="fixture-id"]';
    await page.waitForSelector(`${idTile}[data-available="no"]`);
    expect(await text(page, idTile)).toContain('所需设备暂时不能使用');

    const since = new Date().toISOString();
    agent.push({
      type: 'device.status',
      status: { device: 'id-reader', state: 'online', detail: {}, since },
    });
    await tap(page, `${idTile}[data-available="yes"]`);
    await page.waitForSelector('[data-step="insert-card"]');
    await tap(page, '[data-action="cancel"]');
    await waitScreen(page, 'home');
  });
});

describe('the keyboard alone', () => {
  /** Presses Tab until `selector` has focus; the names of what had focus on the way. */
  async function tabTo(selector: string, most = 20): Promise<string[]> {
    const passed: string[] = [];
    for (let i = 0; i < most; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate((wanted) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { name: 'body', found: wanted === 'body', inMain: false };
        const name = el.dataset.action ?? el.dataset.service ?? el.tagName.toLowerCase();
        return { name, found: el.matches(wanted), inMain: el.closest('main') !== null };
      }, selector);
      passed.push(`${focused.inMain ? 'main' : 'bar'}:${focused.name}`);
      if (focused.found) return passed;
    }
    throw new Error(`Tab never reached ${selector}: ${passed.join(', ')}`);
  }

  it('when only Tab and Enter are used, then a visit starts, the language switches and Help opens and closes, main content before the control bar', async () => {
    await openKiosk();

    // Any key starts a visit, as any touch does: the first Tab towards the start button already has.
    await page.keyboard.press('Tab');
    await waitScreen(page, 'home');
    await page.waitForSelector(`${ACCOUNT_TILE}[data-available="yes"]`);

    // Once round from the end of the page: every focus stop in the order Tab takes them.
    await tabTo('body');
    const cycle = (await tabTo('body')).slice(0, -1);
    expect(cycle).toEqual([
      'main:fixture-account',
      'bar:finish',
      'bar:language',
      'bar:large-text',
      'bar:contrast',
      'bar:help',
    ]);
    await tabTo('[data-action="language"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    await tabTo('[data-action="help"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="dialog"]');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.action)).toBe(
      'close-help',
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="dialog"]', { hidden: true });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.action)).toBe('help');
    expect(await screenOf(page)).toBe('home');
  });
});

describe('a finger', () => {
  /** The middle of `selector`, for the touchscreen. */
  async function middle(selector: string): Promise<{ x: number; y: number }> {
    const box = await (await page.waitForSelector(selector, { visible: true }))?.boundingBox();
    if (!box) throw new Error(`nothing at ${selector}`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** In the page: what a listener that runs after ours (bubbling, on window) sees, per event type. */
  async function watchEvents(): Promise<void> {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      addEventListener('pointerup', () =>
        seen.push(`pointerup help=${document.querySelector('[data-action="help"]')?.textContent}`),
      );
      addEventListener('touchend', (event) => seen.push(`touchend prevented=${event.defaultPrevented}`));
      addEventListener('click', (event) => seen.push(`click trusted=${event.isTrusted}`));
    });
  }
  const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);

  it('when a button is tapped, then it acts as the finger lifts, once, and the browser’s own click never lands', async () => {
    await startVisit();
    await watchEvents();
    const { x, y } = await middle('[data-action="language"]');
    await page.touchscreen.tap(x, y);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    // Give a late browser click the time to come and undo the switch if it were let through.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await presentation(page)).toMatchObject({ lang: 'en' });
    // The switch is rendered before the pointerup has finished dispatching; the only click is ours.
    expect(await seen()).toEqual(['click trusted=false', 'pointerup help=Help', 'touchend prevented=true']);
  });

  it('when a finger slides off a button before lifting, then nothing happens', async () => {
    await startVisit();
    const from = await middle('[data-action="language"]');
    await page.touchscreen.touchStart(from.x, from.y);
    await page.touchscreen.touchMove(from.x, from.y - 300);
    await page.touchscreen.touchEnd();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await presentation(page)).toMatchObject({ lang: 'zh-CN' });
  });

  it('when the touch that starts a visit lands where a tile then appears, then the tile does not open', async () => {
    // Where the tile is on home; the next visit's first touch lands there.
    await startVisit();
    const tile = await middle(`${ACCOUNT_TILE}[data-available="yes"]`);
    await openKiosk();
    await watchEvents();
    await page.touchscreen.tap(tile.x, tile.y);
    await waitScreen(page, 'home');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await screenOf(page)).toBe('home');
    expect((await seen()).filter((event) => event.startsWith('click'))).toEqual([]);
  });
});
