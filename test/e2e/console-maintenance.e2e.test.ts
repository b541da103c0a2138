/**
 * Issue 4's walk-through, on the whole stack as `npm start` runs it (hub, rig, agent with its
 * supervised headless Chromium): a maintainer signs in to the console, sees the demo kiosk online,
 * takes a screenshot of its screen and sees it, switches maintenance on, and the kiosk's screen
 * says "out of service" within 5 s.
 */
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KIOSK } from '../../hub-server/seed/demo-fleet.ts';
import { ensureConsoleBuilt, ensureUiBuilt } from '../../scripts/build-ui.ts';
import { type Stack, startStack, waitHealthy } from '../../scripts/stack.ts';
import { launchChromium } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';

const SHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;
const NEW_PASSWORD = 'east street kiosk 2026';

let stack: Stack;
let browser: Browser;
let data: { dir: string; remove(): void };

beforeAll(async () => {
  await ensureUiBuilt();
  await ensureConsoleBuilt();
  data = tempDir();
  stack = await startStack({ hubPort: 0, rigPort: 0, agentPort: 0, dataDir: data.dir, browser: 'headless' });
  await waitHealthy(stack.agentUrl, 15_000);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  data?.remove();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${stack.hubUrl}/console/`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('input[name=username]');
  await page.type('input[name=username]', 'admin');
  await page.type('input[name=password]', stack.firstRunAdminPassword ?? '');
  await page.click('button[type=submit]');
  // The one-time password must be changed before anything else.
  await page.waitForSelector('input[name=current]');
  await page.type('input[name=current]', stack.firstRunAdminPassword ?? '');
  await page.type('input[name=next]', NEW_PASSWORD);
  const confirm = await page.$('input[name=confirm]');
  if (confirm) await confirm.type(NEW_PASSWORD);
  await page.click('button[type=submit]');
}

describe('console → kiosk, end to end', () => {
  it('when a maintainer takes a screenshot and switches maintenance on, then they see the screen and the kiosk is out of service within 5 s', async () => {
    expect(stack.firstRunAdminPassword).toBeTruthy();
    const consolePage = await browser.newPage();
    await consolePage.setViewport({ width: 1280, height: 800 });
    await signIn(consolePage);

    // The real demo agent enrolled itself with the hub's demo code and is sending heartbeats.
    const row = `[data-kiosk-id="${DEMO_KIOSK.id}"][data-state="online"]`;
    await consolePage.waitForSelector(row, { timeout: 20_000 });
    expect(await consolePage.$eval(row, (el) => el.getAttribute('data-demo'))).toBe('false');
    await consolePage.screenshot({ path: path.join(SHOTS, 'walkthrough-console-fleet.png') });

    // The resident's side: the kiosk screen as a second tab on the agent's URL.
    const kioskPage = await browser.newPage();
    await kioskPage.setViewport({ width: 1920, height: 1080 });
    await kioskPage.goto(`${stack.agentUrl}/`, { waitUntil: 'domcontentloaded' });
    await kioskPage.waitForSelector('[data-kiosk-name]');
    expect(await kioskPage.$('[data-screen="out-of-service"]')).toBeNull();
    // A background tab gets no animation frames, and puppeteer's click waits for one.
    await consolePage.bringToFront();

    await consolePage.click(`${row} a`);
    await consolePage.waitForSelector(`[data-kiosk-page="${DEMO_KIOSK.id}"]`);
    const before = await consolePage.$$eval('img[data-screenshot-id]', (imgs) =>
      imgs.map((i) => i.getAttribute('data-screenshot-id')),
    );
    await consolePage.click('button[data-action="take-screenshot"]');
    const shot = await consolePage.waitForFunction(
      (old: (string | null)[]) => {
        const img = document.querySelector<HTMLImageElement>('img[data-screenshot-id]');
        const id = img?.getAttribute('data-screenshot-id');
        return img && id && !old.includes(id) && img.complete && img.naturalWidth > 0
          ? { id, width: img.naturalWidth, height: img.naturalHeight }
          : null;
      },
      { timeout: 20_000, polling: 100 },
      before,
    );
    // The agent's own Chromium renders the kiosk UI at 1920×1080; that is the picture stored.
    expect(await shot.jsonValue()).toMatchObject({ width: 1920, height: 1080 });

    // The agent's recent log lines, fetched by a command and shown folded under its result.
    await consolePage.click('button[data-action="send-logs"]');
    const logs = await consolePage.waitForFunction(
      () => {
        const summary = document.querySelector('[data-command-state="done"] details summary');
        return summary?.textContent ?? null;
      },
      { timeout: 15_000, polling: 100 },
    );
    expect(await logs.jsonValue()).toMatch(/\d+/);

    const toggle = 'button[data-action="maintenance"][role=switch]';
    expect(await consolePage.$eval(toggle, (el) => el.getAttribute('aria-checked'))).toBe('false');
    const clickedAt = Date.now();
    await consolePage.click(toggle);
    await kioskPage.waitForSelector('[data-screen="out-of-service"]', { timeout: 5_000 });
    const tookMs = Date.now() - clickedAt;
    expect(tookMs).toBeLessThan(5_000);
    const words = await kioskPage.$eval('[data-screen="out-of-service"]', (el) => el.textContent ?? '');
    expect(words).toContain(DEMO_KIOSK.id);
    expect(words).toContain('12345');
    await consolePage.waitForFunction(
      (sel: string) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true',
      { timeout: 5_000 },
      toggle,
    );
    await kioskPage.screenshot({ path: path.join(SHOTS, 'kiosk-out-of-service.png') });
    await consolePage.screenshot({ path: path.join(SHOTS, 'walkthrough-console-kiosk.png'), fullPage: true });

    // And back in service: the home screen returns.
    await consolePage.click(toggle);
    // Polled, not per animation frame: the kiosk tab is in the background and gets no frames.
    await kioskPage.waitForFunction(() => !document.querySelector('[data-screen="out-of-service"]'), {
      timeout: 5_000,
      polling: 100,
    });
  }, 90_000);
});
