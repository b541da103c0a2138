/**
 * The console's 对账 page in a real Chromium against a whole hub (issue 7, reconciliation): an
 * admin finds it in the navigation, sees the empty state, runs today's reconciliation and reads
 * its findings (needing a person first, amounts in ¥), sees a run whose statement could not be read
 * and a run that does not exist; axe finds nothing on desk and phone. Saves
 * docs/screenshots/console-reconciliation.png (1280 wide) and console-reconciliation-phone.png.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDayOf } from '../../../hub-server/modules/billing/reconciliation/business-day.ts';
import { ensureConsoleBuilt } from '../../../scripts/build-ui.ts';
import { axeViolations } from '../../support/axe.ts';
import { launchChromium } from '../../support/browser.ts';
import { enrolledKiosk } from '../../support/enrolled-hub.ts';
import { type Kiosk, pay, paymentOf, quoteFor } from '../billing/billing-hub.ts';
import { startSignedInHub } from '../fleet/signed-in-hub.ts';

const SHOTS = new URL('../../../docs/screenshots/', import.meta.url).pathname;
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const ADMIN_PASSWORD = 'admin-password-for-tests-1';

let hub: Awaited<ReturnType<typeof startSignedInHub>>;
let browser: Browser;
let page: Page;
let kiosk: Kiosk;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await ensureConsoleBuilt();
  hub = await startSignedInHub();
  // Sets the admin's password (and makes a maintainer, who must not see the page).
  await hub.person('zhao.lei', 'maintainer', 'maintainer-pass-2026');
  kiosk = await enrolledKiosk(hub.hub);
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setViewport(DESK);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

const url = (path: string) => `${hub.hub.url}/console${path}`;
const texts = (selector: string) => page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));

/** Pays the first bill of an account by payment code at the kiosk; returns the payment. */
async function paid(billerId: string, account: string, code = '134000000000000001') {
  const quote = await quoteFor(kiosk, billerId, account, 1);
  const p = await (await pay(kiosk, { quoteId: quote.id, method: 'payment-code', paymentCode: code })).json();
  await hub.hub.billing.settlement.idle();
  return { ...(await paymentOf(kiosk, p.id)), quote } as {
    id: string;
    state: string;
    createdAt: string;
    quote: { totalFen: number; amountFen: number };
  };
}

async function runNow(day: string) {
  await page.$eval(
    'input[name=businessDay]',
    (e, value) => {
      const input = e as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    day,
  );
  const before = page.url();
  await page.click('button[data-action="run-now"]');
  await page.waitForFunction((was) => location.href !== was, {}, before);
}

describe('the 对账 page (issue 7)', () => {
  let today = '';

  it('when the admin opens it from the navigation before any run, then it says there are none, with no axe violations', async () => {
    await page.goto(url('/'));
    await page.waitForSelector('input[name=username]');
    await page.type('input[name=username]', 'admin');
    await page.type('input[name=password]', ADMIN_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('a[href="/console/reconciliation"]');
    await page.click('a[href="/console/reconciliation"]');
    await page.waitForSelector('[data-empty="runs"]');
    expect(await page.$eval('a[href="/console/reconciliation"]', (e) => e.getAttribute('aria-current'))).toBe(
      'page',
    );
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('对账');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('when the admin runs today, then its findings are listed, those needing a person first, with ¥ amounts and actions', async () => {
    const posted = await paid('sgcc-fz', '0512345678');
    await paid('fz-water', '3509999999'); // refused by the biller: refunded, and consistent
    const doubled = await paid('cmcc-fj', '13812345678');
    await hub.hub.billing.sandbox.gateway!.chargeCode({
      orderNo: doubled.id,
      amountFen: doubled.quote.totalFen,
      code: '134000000000000001',
    });
    const stuck = await paid('crgas-fz', '20261234', '134000000000000005');
    expect([posted.state, doubled.state, stuck.state]).toEqual(['posted', 'posted', 'unknown']);
    today = businessDayOf(new Date(posted.createdAt));

    await runNow(today);
    await page.waitForSelector('[data-finding-kind]');
    const rows = await page.$$eval('[data-finding-kind]', (els) =>
      els.map((e) => ({
        kind: e.getAttribute('data-finding-kind'),
        status: e.getAttribute('data-status'),
        action: e.querySelector('[data-action]')?.getAttribute('data-action'),
        text: e.textContent ?? '',
      })),
    );
    expect(rows.map((r) => [r.kind, r.status, r.action])).toEqual([
      ['duplicate-charge', 'needs-person', 'refund-extra'],
      ['stuck-unknown', 'resolvable', 'resolve'],
    ]);
    const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
    expect(rows[0]!.text).toContain('重复扣款');
    expect(rows[0]!.text).toContain('退还多扣的款项');
    expect(rows[0]!.text).toContain(doubled.id);
    expect(rows[0]!.text).toContain(yuan(doubled.quote.totalFen));
    expect(rows[0]!.text).toContain(yuan(2 * doubled.quote.totalFen));
    expect(rows[0]!.text).toContain('已扣款×2');
    expect(rows[1]!.text).toContain('结果未知（扣款）');
    expect(await texts('[data-run-row]')).toHaveLength(1);
    expect((await texts('section[data-run-id] dl'))[0]).toContain('4 笔');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}console-reconciliation.png`, fullPage: true });
  });

  it('when a run’s statement cannot be read, then the page says the run did not finish and why', async () => {
    hub.hub.billing.sandbox.gateway!.faults.next('statement', { kind: 'fail' });
    await runNow(today);
    const failed = await page.waitForSelector('[data-run-state="failed"]');
    expect(await failed?.evaluate((e) => e.textContent)).toContain('本次对账未完成');
    expect(await failed?.evaluate((e) => e.textContent)).toContain('gateway statement could not be read');
    expect(await texts('[data-run-row]')).toHaveLength(2);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('when a run does not exist, then the hub’s error is shown', async () => {
    await page.goto(url('/reconciliation/no-such-run'));
    const err = await page.waitForSelector('[role=alert][data-error-code="run-not-found"]');
    expect(await err?.evaluate((e) => e.textContent)).toContain('没有这次对账');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('when seen on a phone, then the findings are stacked cards that fit, with no axe violations', async () => {
    const list = await hub.call(
      'GET',
      '/api/v1/console/billing/reconciliation/runs',
      undefined,
      await hub.login('admin', ADMIN_PASSWORD),
    );
    const withFindings = list.body.runs.find((r: { findings: number }) => r.findings > 0);
    await page.setViewport(PHONE);
    await page.goto(url(`/reconciliation/${withFindings.id}`));
    await page.waitForSelector('[data-finding-kind]');
    expect(await page.$eval('[data-finding-kind]', (e) => getComputedStyle(e).display)).toBe('block');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}console-reconciliation-phone.png`, fullPage: true });
    await page.setViewport(DESK);
  });

  it('when a maintainer signs in, then the page is not in the navigation', async () => {
    const fresh = await browser.createBrowserContext();
    const other = await fresh.newPage();
    try {
      await other.goto(url('/'));
      await other.waitForSelector('input[name=username]');
      await other.type('input[name=username]', 'zhao.lei');
      await other.type('input[name=password]', 'maintainer-pass-2026');
      await other.click('button[type=submit]');
      // First sign-in: the password must be changed, then the shell shows.
      await other.waitForSelector('input[name=next]');
      await other.type('input[name=current]', 'maintainer-pass-2026');
      await other.type('input[name=next]', 'maintainer-pass-2027');
      await other.click('button[type=submit]');
      await other.waitForSelector('nav a[href="/console/alerts"]');
      expect(await other.$('a[href="/console/reconciliation"]')).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});
