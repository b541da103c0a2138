/**
 * The maintainers' console in a real Chromium against a whole hub (startHub, demo mode, port 0):
 * first sign-in with a password change, the demo fleet with its badges, a district filter, a kiosk
 * page with a screenshot round trip and the maintenance switch, enrolling a new kiosk, alerts and
 * the audit log. Saves docs/screenshots/console-*.png at 1280×800 and 390×844.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FLEET, DEMO_KIOSK } from '../../../hub-server/seed/demo-fleet.ts';
import { ensureConsoleBuilt } from '../../../scripts/build-ui.ts';
import { axeViolations } from '../../support/axe.ts';
import { launchChromium } from '../../support/browser.ts';
import { startSignedInHub } from '../fleet/signed-in-hub.ts';

const SHOTS = new URL('../../../docs/screenshots/', import.meta.url).pathname;
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let hub: Awaited<ReturnType<typeof startSignedInHub>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await ensureConsoleBuilt();
  hub = await startSignedInHub({ demo: true });
  // A maintainer who must change the first password at the first sign-in (made by the admin).
  await hub.person('zhang.min', 'maintainer', 'first-pass-123456');
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setViewport(DESK);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const shot = (name: string) => page.screenshot({ path: `${SHOTS}console-${name}.png`, fullPage: true });
const url = (path: string) => `${hub.hub.url}/console${path}`;
const texts = (selector: string) => page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));

/** Controls without an accessible name, and (on a phone) touch targets under 44 px, on the current page. */
async function accessibilityProblems(checkTargets: boolean): Promise<string[]> {
  const ours = await page.evaluate((targets) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]')) {
      if (el.closest('svg')) continue;
      const labelled =
        (el as HTMLInputElement).labels?.length ||
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        el.textContent?.trim();
      if (!labelled) out.push(`unnamed ${el.outerHTML.slice(0, 80)}`);
      const box = el.getBoundingClientRect();
      const isCheckbox = el.getAttribute('type') === 'checkbox';
      if (targets && !isCheckbox && box.height > 0 && box.height < 44)
        out.push(`small ${el.outerHTML.slice(0, 80)}`);
    }
    return out;
  }, checkTargets);
  return [...ours, ...(await axeViolations(page))];
}

async function fill(selector: string, value: string) {
  await page.click(selector, { count: 3 });
  await page.type(selector, value);
}

describe('maintainers console', () => {
  it('when a new maintainer signs in, then the password must be changed before the fleet shows', async () => {
    await page.goto(url('/'));
    await page.waitForSelector('input[name=username]');
    await shot('login-desk');
    await fill('input[name=username]', 'zhang.min');
    await fill('input[name=password]', 'wrong-password');
    await page.click('button[type=submit]');
    const err = await page.waitForSelector('[role=alert][data-error-code="invalid-credentials"]');
    expect(await err?.evaluate((e) => e.textContent)).toContain('用户名或密码错误');
    await fill('input[name=password]', 'first-pass-123456');
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=next]');
    await fill('input[name=current]', 'first-pass-123456');
    await fill('input[name=next]', 'a-much-better-pass-2026');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-kiosk-id]');
    // A reload keeps the session (GET /me).
    await page.reload();
    await page.waitForSelector('[data-kiosk-id]');
  });

  it('when the fleet shows, then every demo kiosk is listed with its 演示 badge and state', async () => {
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-kiosk-id]').length === n,
      {},
      DEMO_FLEET.length,
    );
    const rows = await page.$$eval('[data-kiosk-id]', (els) =>
      els.map((e) => ({
        id: e.getAttribute('data-kiosk-id'),
        state: e.getAttribute('data-state'),
        demo: e.getAttribute('data-demo'),
        badge: Boolean(e.querySelector('[data-badge=demo]')),
        link: e.querySelector('a')?.getAttribute('href'),
      })),
    );
    for (const r of rows) {
      const isDemo = r.id !== DEMO_KIOSK.id;
      expect(r.demo).toBe(String(isDemo));
      expect(r.badge).toBe(isDemo);
      expect(r.link).toBe(`/console/kiosks/${r.id}`);
      expect(['online', 'offline', 'never']).toContain(r.state);
    }
    // The demo kiosks beat; the real agent's kiosk is not running in this test.
    expect(rows.find((r) => r.id === DEMO_FLEET[1]?.id)?.state).toBe('online');
    expect(rows.find((r) => r.id === DEMO_KIOSK.id)?.state).toBe('never');
    expect(await page.$$('[data-map-kiosk]')).toHaveLength(DEMO_FLEET.length);
    expect(await accessibilityProblems(false)).toEqual([]);
    await shot('fleet-desk');
  });

  it('when a district is chosen, then only that district’s kiosks are listed', async () => {
    const district = '台江区';
    const want = DEMO_FLEET.filter((k) => k.district === district).map((k) => k.id);
    await page.select('select[name=district]', district);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-kiosk-id]').length === n,
      {},
      want.length,
    );
    const ids = await page.$$eval('[data-kiosk-id]', (els) =>
      els.map((e) => e.getAttribute('data-kiosk-id')),
    );
    expect(ids.sort()).toEqual([...want].sort());
    await page.select('select[name=district]', '');
  });

  let newCode = '';
  it('when a new kiosk is enrolled, then its code is shown big with its expiry', async () => {
    await page.click('a[href="/console/enroll"]');
    await page.waitForSelector('input[name=id]');
    await fill('input[name=id]', 'gl-wusi-09');
    await fill('input[name=name]', '五四路社区服务亭');
    await fill('input[name=address]', '福州市鼓楼区五四路 88 号');
    await fill('input[name=district]', '鼓楼区');
    await fill('input[name=latitude]', '26.0905');
    await fill('input[name=longitude]', '119.3050');
    await fill('input[name=tags]', '试点，室外');
    await shot('enroll-form-desk');
    await page.click('button[type=submit]');
    const code = await page.waitForSelector('[data-enrollment-code]');
    newCode = (await code?.evaluate((e) => e.getAttribute('data-enrollment-code'))) ?? '';
    expect(newCode.length).toBeGreaterThanOrEqual(6);
    await shot('enroll-code-desk');
    // The same id again is refused with the hub's message.
    await page.click('button[data-action="enroll-another"]');
    await fill('input[name=id]', 'gl-wusi-09');
    await fill('input[name=name]', 'x');
    await fill('input[name=address]', 'x');
    await fill('input[name=district]', 'x');
    await page.click('button[type=submit]');
    const err = await page.waitForSelector('[data-error-code="kiosk-exists"]');
    expect(err).toBeTruthy();
  });

  it('when a kiosk page asks for a screenshot, then the agent’s new screenshot appears; maintenance toggles', async () => {
    // Act as the new kiosk's agent: enroll with the code from the screen, then beat once.
    const enrolled = await hub.call('POST', '/api/v1/kiosk/enroll', { code: newCode });
    expect(enrolled.status).toBe(201);
    const bearer = { authorization: `Bearer ${enrolled.body.credential}` };
    const agent = (method: string, path: string, body?: BodyInit, type = 'application/json') =>
      fetch(`${hub.hub.url}/api/v1/kiosk${path}`, {
        method,
        headers: { ...bearer, ...(body ? { 'content-type': type } : {}) },
        body,
      });
    const beat = {
      agentVersion: '1.0.0',
      uptimeSec: 60,
      screen: 'home',
      lastTransactionAt: null,
      freeDiskBytes: 20 * 1024 ** 3,
      devices: [{ name: 'printer', kind: 'printer', state: 'ok', detail: { paper: 'ok' } }],
    };
    expect((await agent('POST', '/heartbeat', JSON.stringify(beat))).status).toBe(200);

    await page.goto(url('/kiosks/gl-wusi-09'));
    await page.waitForSelector('[data-kiosk-page="gl-wusi-09"]');
    await page.click('button[data-action="take-screenshot"]');
    await page.waitForFunction(
      () => document.querySelector('[data-screenshot-progress]')?.textContent?.length,
    );
    const pulled = await (await agent('GET', '/commands')).json();
    const cmd = pulled.commands.find((c: { kind: string }) => c.kind === 'take-screenshot');
    expect(cmd).toBeTruthy();
    const png = await page.screenshot({ type: 'png' });
    const stored = await agent('POST', `/screenshots?commandId=${cmd.id}`, new Uint8Array(png), 'image/png');
    const { id: shotId } = await stored.json();
    await agent(
      'POST',
      `/commands/${cmd.id}/result`,
      JSON.stringify({ ok: true, data: { screenshotId: shotId } }),
    );
    await page.waitForSelector(`img[data-screenshot-id="${shotId}"]`, { timeout: 10_000 });

    const sw = 'button[data-action="maintenance"][role=switch]';
    expect(await page.$eval(sw, (e) => e.getAttribute('aria-checked'))).toBe('false');
    await page.click(sw);
    await page.waitForSelector(`${sw}[aria-checked="true"]`);
    expect(await texts('[data-badge=maintenance]')).toHaveLength(1);
    expect(await accessibilityProblems(false)).toEqual([]);
    await shot('kiosk-desk');
  });

  it('when the alerts page opens, then the paper-low alert can be acknowledged with a note', async () => {
    await page.goto(url('/alerts'));
    await page.waitForSelector('[data-alert-kind="paper-low"] input[name=note]');
    await page.type('[data-alert-kind="paper-low"] input[name=note]', '已通知片区运维补纸');
    await page.click('[data-alert-kind="paper-low"] button[type=submit]');
    await page.waitForFunction(() =>
      document.querySelector('[data-alert-kind="paper-low"]')?.textContent?.includes('已通知片区运维补纸'),
    );
    await shot('alerts-desk');
  });

  it('when the audit log opens, then the kiosk creation and the acknowledgement are listed', async () => {
    await page.goto(url('/audit'));
    await page.waitForSelector('[data-audit-action="kiosk.create"]');
    expect(await page.$$('[data-audit-action="alert.acknowledge"]')).toHaveLength(1);
    expect(await page.$$('[data-audit-action="kiosk.maintenance"]')).toHaveLength(1);
    await shot('audit-desk');
  });

  it('when seen on a phone, then the nav is a top bar and the fleet rows are stacked cards', async () => {
    await page.setViewport(PHONE);
    await page.goto(url('/'));
    await page.waitForSelector('[data-kiosk-id]');
    // The side nav became a bar across the top, above the main region.
    const bar = await page.$eval('header', (e) => e.getBoundingClientRect().toJSON());
    const main = await page.$eval('main', (e) => e.getBoundingClientRect().toJSON());
    expect(bar.width).toBeGreaterThan(380);
    expect(main.top).toBeGreaterThanOrEqual(bar.bottom - 1);
    const row = await page.$eval('[data-kiosk-id]', (e) => getComputedStyle(e).display);
    expect(row).toBe('block');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(390);
    expect(await accessibilityProblems(true)).toEqual([]);
    await shot('fleet-phone');
    await page.goto(url(`/kiosks/${DEMO_FLEET[1]?.id}`));
    await page.waitForSelector(`[data-kiosk-page="${DEMO_FLEET[1]?.id}"]`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await accessibilityProblems(true)).toEqual([]);
    await shot('kiosk-phone');
    await page.goto(url('/alerts'));
    await page.waitForSelector('[data-alert-id]');
    expect(await accessibilityProblems(true)).toEqual([]);
    await shot('alerts-phone');
    for (const [path, ready, name] of [
      ['/audit', '[data-audit-id]', 'audit-phone'],
      ['/enroll', 'input[name=id]', 'enroll-phone'],
    ] as const) {
      await page.goto(url(path));
      await page.waitForSelector(ready);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await accessibilityProblems(true)).toEqual([]);
      await shot(name);
    }
  });
});
