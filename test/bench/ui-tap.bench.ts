/**
 * Issue 6: "Tap to next screen rendered, in headless Chromium with 4× CPU
 * throttling: p95 at most 50 ms."
 *
 * The production build via the fake agent on 127.0.0.1, Chromium at 1920×1080,
 * puppeteer's touchscreen (touchstart/touchend: pointer events and the click
 * fire as under a finger). A cycle: start (attract → home, through the agent's
 * session start), help open and close, language, large text and high contrast
 * there and back (every other cycle, so each kind gets as many taps), finish
 * and again. Maintenance on and off between cycles brings the attract loop
 * back without a reload, so the page stays as warm as a kiosk's. A tap waits,
 * untimed, for what a resident's finger would: the last tap's frame and the
 * work it put after its paint, the home screen that follows "starting", an
 * attract loop that is painted with the last session ended. The cycles
 * run unthrottled (the baseline; fewer, to keep the suite near two minutes on a
 * busy two-core machine), then at `Emulation.setCPUThrottlingRate({ rate: 4 })`.
 * A last row taps a page that is one button flipping an attribute on the
 * browser's click: what Chromium's touch pipeline and this way of measuring
 * take before any kiosk code. (The kiosk acts earlier, as the finger lifts:
 * kiosk-ui/src/lib/fast-tap.ts; the empty page waits for Chromium's click.)
 *
 * A tap is timed from the finger's lift (the pointerup's `event.timeStamp`, on
 * the page's performance.now() clock: a button acts on release, and the time
 * between touch and lift is how long the finger, here puppeteer's touchStart
 * and touchEnd round trip, stays down) to "rendered": a rAF loop
 * started at pointerdown checks each frame for the new state; the first frame
 * that shows it runs its style, layout and paint right after its rAF callbacks,
 * so a message posted from that callback arrives once the main thread has
 * produced that frame. Raster and compositing, off the throttled main thread,
 * are not counted. The stderr breakdown also times from the touch (pointerdown),
 * which adds the harness's touch duration.
 *
 * The target is held by two rows: the issue's own measure, the taps that bring
 * the next screen (or Help over it), and all taps together, which adds the
 * settings that redraw the same screen (language, large text, contrast). The
 * rows per kind are their breakdown and carry no target of their own.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Browser, Page } from 'puppeteer-core';
import { ensureUiBuilt } from '../../scripts/build-ui.ts';
import { launchChromium } from '../support/browser.ts';
import { type FakeAgent, startFakeAgent } from '../support/fake-agent.ts';
import { until } from '../support/until.ts';
import { type BenchRow, median, percentile } from './table.ts';

const TARGET_MS = 50;
const THROTTLE = 4;
const CYCLES = 40;
const BASELINE_CYCLES = 12;
const FLOOR_TAPS = 30;

/** When the DOM shows a tap's new state: a selector present, one gone, an element's words changed. */
interface Shows {
  present?: string;
  absent?: string;
  wordsOf?: string;
}

interface Tap {
  kind: string;
  on: string;
  shows: Shows;
  /** Tapped there and back every other cycle only, so that each kind is tapped about as often. */
  toggle?: boolean;
  /** Where the screen goes on its own after the tap (not timed): the next tap waits for it, as a resident does. */
  settlesOn?: string;
}

/** A tap on `[data-action=<action>]`. */
const tap = (kind: string, action: string, shows: Shows, toggle?: 'toggle'): Tap => ({
  kind,
  on: `[data-action="${action}"]`,
  shows,
  toggle: toggle === 'toggle',
});

const cycle: Tap[] = [
  // The next screen is "starting" until the agent's session answer brings home: either is the tap's
  // answer. The resident's next tap is on home.
  {
    ...tap('start (attract → next screen)', 'start', {
      present: '[data-screen="starting"], [data-screen="home"]',
    }),
    settlesOn: '[data-screen="home"]',
  },
  tap('help opens', 'help', { present: '[data-action="close-help"]' }),
  tap('help closes', 'close-help', { absent: '[data-action="close-help"]' }),
  // What the resident sees is the words; <html lang> follows after that frame (use-presentation.ts).
  tap('language', 'language', { wordsOf: '#main' }, 'toggle'),
  tap('language', 'language', { wordsOf: '#main' }, 'toggle'),
  tap('large text', 'large-text', { present: 'html[data-text="large"]' }, 'toggle'),
  tap('large text', 'large-text', { present: 'html[data-text="normal"]' }, 'toggle'),
  tap('high contrast', 'contrast', { present: 'html[data-contrast="high"]' }, 'toggle'),
  tap('high contrast', 'contrast', { present: 'html[data-contrast="normal"]' }, 'toggle'),
  tap('finish (→ farewell)', 'finish', { present: '[data-screen="farewell"]' }),
  {
    ...tap('again (farewell → next screen)', 'again', {
      present: '[data-screen="starting"], [data-screen="home"]',
    }),
    settlesOn: '[data-screen="home"]',
  },
];

/** One tap's times on the page's clock. */
interface TapTiming {
  /** The pointerdown's timeStamp: when the browser took the touch. */
  down: number;
  /** When the page's first pointerdown listener ran. */
  handled: number;
  up: number | null;
  /** When the click (if any) began dispatching. */
  click: number | null;
  /** When the first frame that shows the new state began (its rAF callback ran). */
  frame: number;
  rendered: number;
}

/** Tap → rendered, p50/p95/max per kind and over all, at 4× CPU throttling beside no throttling. */
export async function benchUiTap(): Promise<BenchRow[]> {
  await ensureUiBuilt();
  const agent = await startFakeAgent();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(countSessionEnds);
    await open(page, agent.url);
    await page.waitForSelector('[data-screen="attract"]');
    await page.waitForSelector('[data-kiosk-name]');
    const reset = () => backToAttract(page, agent);
    const baseline = await measure(page, cycle, 1, [2, BASELINE_CYCLES], reset);
    const throttled = await measure(page, cycle, THROTTLE, [1, CYCLES], reset);
    await page.close();
    // Other work on the machine shows in every number here; say how busy it was.
    const [load] = loadavg();
    process.stderr.write(`  host: ${availableParallelism()} CPUs, load average ${load?.toFixed(1)}\n`);
    for (const [kind, timings] of throttled.byKind) process.stderr.write(breakdown(kind, timings));

    const empty = await browser.newPage();
    await open(empty, EMPTY_PAGE);
    const floor = await measure(empty, flips, THROTTLE, [2, FLOOR_TAPS / 2]);
    const floorBaseline = await measure(empty, flips, 1, [2, FLOOR_TAPS / 2]);
    process.stderr.write(breakdown('empty page', floor.all));
    const kinds = [...new Set(cycle.map((step) => step.kind))];
    // Each kind on its own is the breakdown of the two rows that carry the target: 40 taps,
    // so its p95 is its second-slowest tap, and one stray pause of the machine moves it by 10 ms.
    const kioskRow = (kind: string) =>
      row(`kiosk UI tap → ${kind} rendered`, throttled.byKind.get(kind), baseline.byKind.get(kind), {
        target: '(breakdown)',
        ok: undefined,
      });
    // The words: a tap that brings the next screen (or the help over it). The settings
    // redraw the same screen in place, every word (language) or every size (large text).
    const screenKinds = [...new Set(cycle.filter((step) => !step.toggle).map((step) => step.kind))];
    const ofKinds = (timings: Map<string, TapTiming[]>) => screenKinds.flatMap((k) => timings.get(k) ?? []);
    return [
      ...kinds.map(kioskRow),
      row(
        'kiosk UI tap → next screen rendered (start, help, finish, again)',
        ofKinds(throttled.byKind),
        ofKinds(baseline.byKind),
      ),
      row('kiosk UI tap → next state rendered, all kinds', throttled.all, baseline.all),
      row(
        'empty page tap → rendered on the browser’s click (Chromium and this harness)',
        floor.all,
        floorBaseline.all,
        {
          target: undefined,
          ok: undefined,
        },
      ),
    ];
  } finally {
    await browser?.close();
    await agent.close();
  }
}

/** Opens `url` in front (a background tab gets no animation frames) at the kiosk's screen size. */
async function open(page: Page, url: string): Promise<void> {
  await page.setViewport({ width: 1920, height: 1080, deviceScaleFactor: 1 });
  // tsx compiles this file with esbuild's keepNames, whose `__name` helper the page lacks.
  await page.evaluateOnNewDocument('globalThis.__name = (target) => target');
  await page.goto(url, { waitUntil: 'load' });
  await page.bringToFront();
}

/** In the page: counts the agent's answers to `POST /agent/session/end` (resource timing sees each). */
function countSessionEnds(): void {
  new PerformanceObserver((list) => {
    const page = window as unknown as TapWindow;
    for (const entry of list.getEntries()) {
      if (entry.name.endsWith('/agent/session/end')) page.sessionEnds = (page.sessionEnds ?? 0) + 1;
    }
  }).observe({ type: 'resource' });
}

const sessionEnds = (page: Page) => page.evaluate(() => (window as unknown as TapWindow).sessionEnds ?? 0);

/** `warmups` cycles of `steps`, then `cycles` measured ones, at one throttling rate; `reset` after each. */
async function measure(
  page: Page,
  steps: Tap[],
  rate: number,
  [warmups, cycles]: [number, number],
  reset?: () => Promise<void>,
) {
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const byKind = new Map<string, TapTiming[]>();
  const all: TapTiming[] = [];
  for (let c = 0; c < warmups + cycles; c++) {
    for (const step of steps) {
      if (step.toggle && c % 2 === 1) continue;
      // The farewell takes "again" only once the page has the agent's answer to the session end.
      const endsBefore = step.on === '[data-action="finish"]' ? await sessionEnds(page) : null;
      const timing = await timeTap(page, step);
      if (c >= warmups) {
        all.push(timing);
        byKind.set(step.kind, [...(byKind.get(step.kind) ?? []), timing]);
      }
      if (endsBefore !== null) {
        await until(async () => (await sessionEnds(page)) > endsBefore, 10_000, 'the session end');
      }
      if (step.settlesOn) {
        await page.waitForSelector(step.settlesOn);
        await settle(page);
      }
    }
    await reset?.();
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();
  return { byKind, all };
}

/** A page that does nothing but flip an attribute when its one button is tapped. */
const EMPTY_PAGE = `data:text/html,${encodeURIComponent(
  '<!doctype html><meta name="viewport" content="width=device-width"><button data-action="flip" ' +
    'style="margin:400px 800px;width:320px;height:120px" ' +
    "onclick=\"document.documentElement.dataset.on = document.documentElement.dataset.on !== 'yes' ? 'yes' : 'no'\">flip</button>",
)}`;
const flips = [
  tap('flip', 'flip', { present: 'html[data-on="yes"]' }),
  tap('flip', 'flip', { present: 'html[data-on="no"]' }),
];

/**
 * Maintenance on and off: the session ends and the attract loop shows, as after a real visit. The
 * next resident touches an attract loop that has been painted and has told the agent the session
 * ended (as between taps, `arm`'s answer waits for a frame and a task): otherwise the start tap
 * lands in the same milliseconds as the attract loop's first frame, which no finger can.
 */
async function backToAttract(page: Page, agent: FakeAgent): Promise<void> {
  const endsBefore = await sessionEnds(page);
  const since = new Date().toISOString();
  agent.push({ type: 'maintenance', maintenance: { on: true, since } });
  await page.waitForSelector('[data-screen="out-of-service"]');
  agent.push({ type: 'maintenance', maintenance: { on: false, since } });
  await page.waitForSelector('[data-screen="attract"]');
  await until(async () => (await sessionEnds(page)) > endsBefore, 10_000, 'the session end');
  await settle(page);
}

/** Two frames and a task: what a screen that just came up scheduled for after its paint has run. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise((settled) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(settled, 0))),
      ),
  );
}

/** Arms the page's watch, taps the middle of the target, and reads when the new state was rendered. */
async function timeTap(page: Page, step: Tap): Promise<TapTiming> {
  const target = await page.evaluate(arm, step.on, step.shows);
  if (typeof target === 'string') throw new Error(target);
  await page.touchscreen.tap(target.x, target.y);
  const timing = await page.evaluate(() => (window as unknown as TapWindow).tapTiming);
  if (typeof timing === 'string') throw new Error(`tap on ${step.on}: ${timing}`);
  return timing;
}

interface TapWindow {
  tapTiming: Promise<TapTiming | string>;
  sessionEnds?: number;
}

/**
 * In the page: finds the middle of `on`, then waits for the next pointerdown and for the first
 * frame that shows `shows`. It answers a frame and a task after that, once what the transition
 * scheduled for after its paint (effects, screen reports) has run, so taps do not overlap.
 */
function arm(on: string, shows: Shows): { x: number; y: number } | string {
  const box = document.querySelector(on)?.getBoundingClientRect();
  if (!box) return `nothing to tap: ${on}`;
  const wordsBefore = shows.wordsOf ? document.querySelector(shows.wordsOf)?.textContent : undefined;
  const showing = () =>
    (!shows.present || document.querySelector(shows.present) !== null) &&
    (!shows.absent || document.querySelector(shows.absent) === null) &&
    (!shows.wordsOf || document.querySelector(shows.wordsOf)?.textContent !== wordsBefore);
  (window as unknown as TapWindow).tapTiming = new Promise((resolve) => {
    const timeout = setTimeout(() => resolve('no pointerdown or no new state within 5 s'), 5_000);
    let up: number | null = null;
    let click: number | null = null;
    addEventListener('pointerup', (event) => (up = event.timeStamp), { capture: true, once: true });
    addEventListener('click', () => (click = performance.now()), { capture: true, once: true });
    addEventListener(
      'pointerdown',
      (event) => {
        const down = event.timeStamp;
        const handled = performance.now();
        const nextFrame = () => {
          if (!showing()) {
            requestAnimationFrame(nextFrame);
            return;
          }
          const frame = performance.now();
          // A message posted from a frame's rAF callback runs after that frame's style, layout and paint.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const rendered = performance.now();
            clearTimeout(timeout);
            const timing = { down, handled, up, click, frame, rendered };
            requestAnimationFrame(() => setTimeout(() => resolve(timing), 0));
          };
          channel.port2.postMessage(null);
        };
        requestAnimationFrame(nextFrame);
      },
      { capture: true, once: true },
    );
  });
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Where a kind's time goes at 4×, as medians from the pointerdown's timeStamp, and the whole from the touch. */
function breakdown(kind: string, timings: TapTiming[]): string {
  const m = (part: (t: TapTiming) => number | null) =>
    median(timings.flatMap((t) => part(t) ?? [])).toFixed(1);
  const fromTouch = timings.map((t) => t.rendered - t.down);
  return (
    `  ${kind} at ${THROTTLE}×: listener ran ${m((t) => t.handled - t.down)}, ` +
    `lift ${m((t) => t.up && t.up - t.down)}, click ${m((t) => t.click && t.click - t.down)}, ` +
    `showing frame began ${m((t) => t.frame - t.down)}, painted ${m((t) => t.rendered - t.down)}; ` +
    `from the touch p50 ${median(fromTouch).toFixed(1)}, p95 ${percentile(fromTouch, 95).toFixed(1)}\n`
  );
}

function row(
  benchmark: string,
  throttled: TapTiming[] = [],
  baseline: TapTiming[] = [],
  overrides: Partial<BenchRow> = {},
): BenchRow {
  const ms = (timings: TapTiming[]) => timings.map((t) => t.rendered - (t.up ?? t.down));
  const [p95, p95Base] = [percentile(ms(throttled), 95), percentile(ms(baseline), 95)];
  const summary = (values: number[]) =>
    `${percentile(values, 95).toFixed(1)} ms p95 (p50 ${median(values).toFixed(1)}, ` +
    `max ${Math.max(...values).toFixed(1)}, n=${values.length})`;
  return {
    benchmark,
    value: `${summary(ms(throttled))} at ${THROTTLE}× CPU`,
    baseline: `${summary(ms(baseline))} unthrottled`,
    ratio: `${(p95 / p95Base).toFixed(1)}×`,
    target: `p95 ≤ ${TARGET_MS} ms at ${THROTTLE}×`,
    ok: p95 <= TARGET_MS,
    ...overrides,
  };
}
