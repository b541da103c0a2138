import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { pngSize } from '../../hub-server/modules/fleet/domain.ts';
import { BrowserSupervisor } from '../../kiosk-agent/browser/browser-supervisor.ts';
import { CHROMIUM_PATH } from '../support/browser.ts';
import { tempDir } from '../support/temp-dir.ts';
import { until } from '../support/until.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A stand-in kiosk page that counts how often it is loaded. */
async function page(): Promise<{ url: string; loads: () => number }> {
  let loads = 0;
  const server: Server = createServer((_req, res) => {
    loads++;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><title>kiosk</title><body style="background:#13766c">亭子</body>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, loads: () => loads };
}

function supervisor(url: string) {
  const temp = tempDir();
  const profileDir = path.join(temp.dir, 'profile');
  // Something a previous resident's session could have left behind.
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(path.join(profileDir, 'left-behind'), 'x');
  const s = new BrowserSupervisor({
    url,
    executablePath: CHROMIUM_PATH,
    headless: true,
    width: 800,
    height: 600,
    profileDir,
    logger: pino({ level: 'silent' }),
  });
  cleanups.push(async () => {
    await s.stop();
    temp.remove();
  });
  return { s, profileDir };
}

describe('browser supervisor (real Chromium)', () => {
  it('when started, then it shows the kiosk page on a wiped profile and takes a screenshot of its size', async () => {
    const p = await page();
    const { s, profileDir } = supervisor(p.url);
    await s.start();
    expect(s.state()).toBe('running');
    expect(p.loads()).toBeGreaterThanOrEqual(1);
    expect(existsSync(path.join(profileDir, 'left-behind'))).toBe(false);
    const png = await s.screenshot();
    expect(pngSize(png)).toEqual({ width: 800, height: 600 });
  }, 60_000);

  it('when Chromium is killed, then it is started again and the page comes back', async () => {
    const p = await page();
    const { s } = supervisor(p.url);
    await s.start();
    const first = s.pid();
    expect(first).toBeGreaterThan(0);
    const loadsBefore = p.loads();
    process.kill(first as number, 'SIGKILL');
    await until(() => s.state() === 'crashed', 5_000, 'the crash to be noticed');
    await expect(s.screenshot()).rejects.toThrow(/crashed|starting/);
    await until(() => s.state() === 'running', 20_000, 'the restart');
    expect(s.pid()).not.toBe(first);
    expect(p.loads()).toBeGreaterThan(loadsBefore);
    expect(pngSize(await s.screenshot())).toEqual({ width: 800, height: 600 });
  }, 60_000);

  it('when it cannot launch, then it says so and keeps retrying instead of throwing', async () => {
    const p = await page();
    const temp = tempDir();
    cleanups.push(() => temp.remove());
    const s = new BrowserSupervisor({
      url: p.url,
      executablePath: '/nonexistent/chromium',
      headless: true,
      width: 800,
      height: 600,
      profileDir: path.join(temp.dir, 'profile'),
      logger: pino({ level: 'silent' }),
    });
    cleanups.push(() => s.stop());
    await s.start();
    expect(s.state()).toBe('crashed');
    await expect(s.screenshot()).rejects.toThrow(/the kiosk browser is crashed/);
  });
});
