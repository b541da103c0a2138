import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import pino from 'pino';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BrowserSupervisor } from '../../kiosk-agent/browser/browser-supervisor.ts';
import { CHROMIUM_PATH } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';
import { until } from '../support/until.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A tiny HTTP server standing in for a site; `handler` answers every request. */
async function site(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
}

function html(res: ServerResponse, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(`<!doctype html><title>kiosk</title><body>${body}</body>`);
}

async function supervise(url: string, liveness = { intervalMs: 200, timeoutMs: 300, misses: 2 }) {
  const temp = tempDir();
  const s = new BrowserSupervisor({
    url,
    executablePath: CHROMIUM_PATH,
    headless: true,
    width: 800,
    height: 600,
    profileDir: path.join(temp.dir, 'profile'),
    logger: pino({ level: 'silent' }),
    liveness,
  });
  cleanups.push(async () => {
    await s.stop();
    temp.remove();
  });
  await s.start();
  expect(s.state()).toBe('running');
  return s;
}

/** A second DevTools client on the supervised Chromium, to act as the resident would. */
async function kioskPage(s: BrowserSupervisor): Promise<Page> {
  const browser: Browser = await puppeteer.connect({ browserWSEndpoint: s.wsEndpoint() as string });
  cleanups.push(() => browser.disconnect());
  const pages = await browser.pages();
  const page = pages.find((p) => p.url().startsWith('http'));
  if (!page) throw new Error('no kiosk page');
  return page;
}

describe('browser supervisor lockdown (real Chromium)', () => {
  it('when the page hangs in an endless loop, then it is detected and the page answers again', async () => {
    let loads = 0;
    const url = await site((_req, res) => {
      loads++;
      // Only the first load hangs (200 ms after it is shown); the reload is healthy.
      html(res, loads === 1 ? '<script>setTimeout(() => { while (true) {} }, 200)</script>hang' : 'ok');
    });
    const s = await supervise(url);
    await until(() => loads >= 2, 30_000, 'the hung page to be reloaded or the browser restarted');
    const answers = async (): Promise<boolean> => {
      if (s.state() !== 'running') return false;
      const browser = await puppeteer
        .connect({ browserWSEndpoint: s.wsEndpoint() as string })
        .catch(() => undefined);
      if (!browser) return false;
      try {
        const page = (await browser.pages()).find((p) => p.url() === url);
        return (await page?.evaluate(() => document.body.textContent)) === 'ok';
      } catch {
        return false;
      } finally {
        await browser.disconnect();
      }
    };
    await until(answers, 30_000, 'the page to answer again');
  }, 60_000);

  it('when resident data is cleared, then no cookie, localStorage or sessionStorage is left and the home page shows', async () => {
    const cookies: string[] = [];
    const url = await site((req, res) => {
      cookies.push(req.headers.cookie ?? '');
      html(res, 'home', {
        'set-cookie': req.url === '/login' ? 'sid=resident; HttpOnly; Path=/' : 'x=; Max-Age=0',
      });
    });
    const s = await supervise(url, { intervalMs: 60_000, timeoutMs: 1000, misses: 3 });
    const page = await kioskPage(s);
    await page.evaluate(async () => {
      await fetch('/login');
      // biome-ignore lint/suspicious/noDocumentCookie: a page script's own cookie is what the wipe must remove
      document.cookie = 'js=1; path=/';
      localStorage.setItem('resident', '张三');
      sessionStorage.setItem('cart', 'bill-42');
    });
    expect(await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length])).toEqual([
      'js=1',
      1,
      1,
    ]);
    await s.clearResidentData();
    expect(cookies.at(-1)).toBe('');
    const after = await kioskPage(s);
    expect(after.url()).toBe(url);
    expect(await after.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length])).toEqual(
      ['', 0, 0],
    );
    const cdp = await after.createCDPSession();
    const all = (await cdp.send('Network.getAllCookies')) as { cookies: unknown[] };
    expect(all.cookies).toEqual([]);
  }, 60_000);

  it('when a link or window.location points at another origin, then the page stays on the kiosk origin', async () => {
    let otherHits = 0;
    const other = await site((_req, res) => {
      otherHits++;
      html(res, 'elsewhere');
    });
    const url = await site((_req, res) =>
      html(res, `<a id="away" href="${other}">away</a><p id="p">kiosk</p>`),
    );
    const s = await supervise(url, { intervalMs: 60_000, timeoutMs: 1000, misses: 3 });
    const page = await kioskPage(s);
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    await page.click('#away');
    await page.evaluate((o) => {
      window.location.href = o;
    }, other);
    await page.evaluate(() => window.open('https://example.com/', '_blank'));
    await new Promise((r) => setTimeout(r, 1000));
    expect(otherHits).toBe(0);
    expect(new URL(page.url()).origin).toBe(new URL(url).origin);
    // Same document, not a reload: the resident's screen was never replaced.
    expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
    const browser = page.browser();
    const open = (await browser.pages()).filter((p) => p.url().startsWith('http'));
    expect(open).toHaveLength(1);
  }, 60_000);

  it('when the resident right-clicks or presses Ctrl+P or F5, then the browser default is prevented', async () => {
    const url = await site((_req, res) =>
      html(
        res,
        `<p>kiosk</p><script>window.keys = []; addEventListener('keydown', (e) => keys.push([e.key, e.ctrlKey, e.defaultPrevented]));</script>`,
      ),
    );
    const s = await supervise(url, { intervalMs: 60_000, timeoutMs: 1000, misses: 3 });
    const page = await kioskPage(s);
    const menuShown = await page.evaluate(() =>
      document.body.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
    );
    expect(menuShown).toBe(false);
    await page.keyboard.down('Control');
    await page.keyboard.press('p');
    await page.keyboard.up('Control');
    await page.keyboard.press('F5');
    await page.keyboard.press('a');
    const keys = await page.evaluate(
      () => (window as unknown as { keys: [string, boolean, boolean][] }).keys,
    );
    expect(keys).toContainEqual(['p', true, true]);
    expect(keys).toContainEqual(['F5', false, true]);
    expect(keys).toContainEqual(['a', false, false]);
    expect(page.url()).toBe(url);
  }, 60_000);
});
