/**
 * The kiosk UI's session against the real agent (issue 6): the production UI
 * in Chromium, served by the agent with its simulated devices. A visit opens
 * an agent session, the agent rotates it at the end, a stale session id is
 * refused, and the agent hears which screen shows (for the heartbeat).
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt } from '../../scripts/build-ui.ts';
import { type Harness, isEvent, type Screen, startHarness } from '../kiosk-agent/agent-harness.ts';
import { axeViolations } from '../support/axe.ts';
import { launchChromium } from '../support/browser.ts';
import { until } from '../support/until.ts';

let harness: Harness;
let browser: Browser;
let page: Page;
let watcher: Screen;

beforeAll(async () => {
  await ensureUiBuilt();
  harness = await startHarness();
  watcher = await harness.screen();
  browser = await launchChromium();
  page = await browser.newPage();
  await page.emulateTimezone('Asia/Shanghai');
  await page.goto(harness.agent.url, { waitUntil: 'load' });
  await page.waitForSelector('[data-screen="attract"]');
}, 120_000);

afterAll(async () => {
  watcher?.close();
  await browser?.close();
  await harness?.close();
});

const started = (after: number) =>
  until(() => watcher.events.slice(after).find(isEvent('session.started')), 5_000, 'session.started');
const ended = (after: number) =>
  until(() => watcher.events.slice(after).find(isEvent('session.ended')), 5_000, 'session.ended');

describe('kiosk UI session on the real agent', () => {
  it('when a resident starts and finishes, then the agent opens a session, ends it as cancelled, and refuses its id afterwards', async () => {
    const mark = watcher.events.length;
    await page.click('[data-action="start"]');
    await page.waitForSelector('[data-screen="home"]');
    const first = await started(mark);
    expect(harness.agent.session.isCurrent(first.sessionId)).toBe(true);
    await until(() => harness.agent.screen() === 'home' || undefined, 5_000, 'the screen report');
    // The home screen with live devices from the rig is accessible too.
    expect(await axeViolations(page)).toEqual([]);

    await page.click('[data-action="finish"]');
    await page.waitForSelector('[data-screen="farewell"]');
    const end = await ended(mark);
    expect(end).toMatchObject({ sessionId: first.sessionId, reason: 'cancelled' });
    const stale = await harness.command('card-reader/enable', {
      sessionId: first.sessionId,
      requestId: 'stale-1',
    });
    expect(stale.body).toMatchObject({ completionCode: 'canceled', error: 'session-ended' });

    // Start again from the farewell: a new session, not the old one.
    const again = watcher.events.length;
    await page.click('[data-action="again"]');
    await page.waitForSelector('[data-screen="home"]');
    const second = await started(again);
    expect(second.sessionId).not.toBe(first.sessionId);
  });

  it('when the resident opens the guide, then the agent is told each of its pages, and finishing the guide keeps the session', async () => {
    const mark = watcher.events.length;
    await page.waitForSelector('[data-screen="home"]');
    await page.click('[data-service="kiosk-guide"]');
    await page.waitForSelector('[data-guide-page="touch"]');
    await until(() => harness.agent.screen() === 'kiosk-guide.touch' || undefined, 5_000, 'the guide screen');
    for (const next of ['controls', 'privacy', 'help']) {
      await page.click('[data-action="next"]');
      await page.waitForSelector(`[data-guide-page="${next}"]`);
    }
    await until(() => harness.agent.screen() === 'kiosk-guide.help' || undefined, 5_000, 'the last page');
    await page.click('[data-action="next"]');
    await page.waitForSelector('[data-screen="home"]');
    expect(watcher.events.slice(mark).some((e) => e.type === 'session.ended')).toBe(false);

    await page.click('[data-action="finish"]');
    await ended(mark);
  });
});
