/**
 * A resident's session ends: the agent's own kiosk browser (real Chromium) keeps no cookie,
 * local or session storage of theirs, and is back on the home page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import puppeteer from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../kiosk-agent/config/agent-config.ts';
import { type RunningAgent, startAgent } from '../../kiosk-agent/main.ts';
import { CHROMIUM_PATH } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';
import { until } from '../support/until.ts';

let agent: RunningAgent | undefined;
let temp: { dir: string; remove(): void } | undefined;
afterEach(async () => {
  await agent?.close();
  temp?.remove();
  agent = temp = undefined;
});

/** An agent with its own headless kiosk Chromium on a one-page UI, and that page over CDP. */
async function kioskWithBrowser(kioskId: string) {
  temp = tempDir();
  const uiDir = path.join(temp.dir, 'ui');
  mkdirSync(uiDir);
  writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>kiosk</title><p>home</p>');
  agent = await startAgent({
    config: parseAgentConfig({
      kiosk: {
        id: kioskId,
        name: '测试亭',
        address: '测试路 1 号',
        district: '鼓楼区',
        coordinates: { latitude: 26, longitude: 119 },
      },
      hub: { url: 'http://127.0.0.1:9' },
      browser: { enabled: true, headless: true, executablePath: CHROMIUM_PATH, width: 800, height: 600 },
      devices: {},
    }),
    logger: pino({ level: 'silent' }),
    port: 0,
    uiDir,
    stateDir: path.join(temp.dir, 'state'),
    farewellReloadMs: 1_500,
  });
  const running = agent;
  await until(() => running.browser?.state() === 'running', 30_000, 'the kiosk browser');
  const remote = await puppeteer.connect({ browserWSEndpoint: running.browser?.wsEndpoint() as string });
  const page = (await remote.pages()).find((p) => p.url().startsWith(running.url));
  if (!page) {
    await remote.disconnect();
    throw new Error('no kiosk page');
  }
  return { running, remote, page };
}

describe('session end wipes the kiosk browser', () => {
  it('when a session ends, then the resident’s cookie and storage are gone and the page is home again', async () => {
    const { running, remote, page } = await kioskWithBrowser('k-wipe');
    try {
      const { sessionId } = (await (
        await fetch(`${running.url}/agent/session/start`, { method: 'POST' })
      ).json()) as { sessionId: string };
      // What a resident's flow might leave behind.
      await page.evaluate(() => {
        // biome-ignore lint/suspicious/noDocumentCookie: the test plays a page that sets a cookie
        document.cookie = 'resident=张三; path=/';
        localStorage.setItem('account', '3501020001');
        sessionStorage.setItem('step', 'pay');
        history.pushState({}, '', '/bills/pay');
      });
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(2);
      const ended = await fetch(`${running.url}/agent/session/end`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-session-id': sessionId },
        body: JSON.stringify({ reason: 'done' }),
      });
      expect(ended.status).toBe(200);
      // Storage goes at once; the page itself stays for the farewell, then reloads home.
      await until(
        async () =>
          (await page.evaluate(() => localStorage.length + sessionStorage.length)) === 0 || undefined,
        5_000,
        'the storage wipe',
      );
      expect(page.url()).toBe(`${running.url}/bills/pay`);
      await until(
        async () => {
          const home = (await remote.pages()).find((p) => p.url() === `${running.url}/`);
          if (!home) return false;
          const left = await home
            .evaluate(() => ({ cookie: document.cookie, n: localStorage.length + sessionStorage.length }))
            .catch(() => ({ cookie: 'x', n: 1 }));
          return left.cookie === '' && left.n === 0;
        },
        10_000,
        'the wipe',
      );
    } finally {
      await remote.disconnect();
    }
  }, 60_000);

  it('when the next resident starts before the page reloaded, then the reload is called off and their screen stays', async () => {
    const { running, remote, page } = await kioskWithBrowser('k-wipe-2');
    try {
      const post = (route: string, init: RequestInit = {}) =>
        fetch(`${running.url}/agent/session/${route}`, { method: 'POST', ...init });
      const { sessionId } = (await (await post('start')).json()) as { sessionId: string };
      await post('end', {
        headers: { 'content-type': 'application/json', 'x-session-id': sessionId },
        body: JSON.stringify({ reason: 'done' }),
      });
      // The next resident touches the screen during the farewell; the page marks itself to see a reload.
      await post('start');
      await page.evaluate(() => {
        (window as unknown as { stillHere: boolean }).stillHere = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    } finally {
      await remote.disconnect();
    }
  }, 60_000);
});
