/**
 * The shell's browser tests share this: the fixture build (the kiosk shell with
 * the services of fixture-flows.tsx), and what a test does and reads on the page.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { build } from 'vite';
import { tempDir } from '../../support/temp-dir.ts';

const SHELL_FIXTURE = fileURLToPath(new URL('.', import.meta.url));
const VITE_CONFIG = fileURLToPath(new URL('../../../kiosk-ui/vite.config.ts', import.meta.url));

export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };

/** Builds the fixture shell with the kiosk UI's own Vite config into a temporary directory. */
export async function buildFixtureShell(): Promise<{ dir: string; remove(): void }> {
  const temp = tempDir('tingzi-shell-');
  const outDir = path.join(temp.dir, 'dist');
  await build({
    configFile: VITE_CONFIG,
    root: SHELL_FIXTURE,
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  return { dir: outDir, remove: temp.remove };
}

/** The screen the shell shows now (`data-screen`). */
export const screenOf = (page: Page) =>
  page.$eval('[data-screen]', (el) => (el as HTMLElement).dataset.screen ?? '');

export async function waitScreen(page: Page, screen: string, timeout = 10_000): Promise<void> {
  await page.waitForSelector(`[data-screen="${screen}"]`, { timeout });
}

/** A resident's tap: pointer down and up on the element's centre. */
export async function tap(page: Page, selector: string): Promise<void> {
  const element = await page.waitForSelector(selector, { visible: true });
  if (!element) throw new Error(`nothing to tap at ${selector}`);
  await element.click();
  await element.dispose();
}

/** Types on whichever on-screen keypad shows: one tap per key. */
export async function typeOnKeypad(page: Page, text: string): Promise<void> {
  for (const char of text) {
    const key =
      char === ' ' ? '[data-action="space"]' : `[data-action="digit-${char}"], [data-action="char-${char}"]`;
    await tap(page, key);
  }
}

export const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '');

/** What `<html>` says about the session's presentation. */
export const presentation = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    return { lang: root.lang, text: root.dataset.text, contrast: root.dataset.contrast };
  });

/**
 * Holds back `POST /agent/session/start` until `release()`, so the starting screen stays up
 * (the session machine moves on by itself after its agent-call timeout, 5 s).
 */
export async function holdSessionStart(page: Page): Promise<{ release(): Promise<void> }> {
  const held: HTTPRequest[] = [];
  let holding = true;
  const onRequest = (request: HTTPRequest) => {
    if (holding && request.url().endsWith('/agent/session/start')) held.push(request);
    else void request.continue();
  };
  await page.setRequestInterception(true);
  page.on('request', onRequest);
  return {
    async release() {
      holding = false;
      for (const request of held.splice(0)) await request.continue();
      page.off('request', onRequest);
      await page.setRequestInterception(false);
    },
  };
}

/**
 * Everything that does not fit the screen as it is now, one line each: the page scrolling, an
 * element of the screen or of an open dialog cut off at its edge, two parts of a grid or a flex
 * box drawn over each other, and a visible button under 64 px either way. Empty when all is well.
 */
export function fitProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element) => {
      const h = el as HTMLElement;
      const label = h.dataset.action ?? h.dataset.service ?? h.dataset.step ?? h.tagName.toLowerCase();
      return `${label} "${(h.textContent ?? '').replace(/\s+/g, ' ').slice(0, 30)}"`;
    };
    const scroller = document.scrollingElement ?? document.documentElement;
    if (scroller.scrollHeight > innerHeight)
      problems.push(`page scrolls: ${scroller.scrollHeight} > ${innerHeight}`);
    if (scroller.scrollWidth > innerWidth) problems.push(`page scrolls sideways: ${scroller.scrollWidth}`);

    /** The box that clips `el`: its nearest ancestor up to `container` that hides overflow. */
    const clipOf = (el: Element, container: Element): Element => {
      for (let up = el.parentElement; up && up !== container; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') return up;
      }
      return container;
    };
    const within = (container: Element, selector: string) => {
      const cut: Element[] = [];
      for (const el of container.querySelectorAll(selector)) {
        // What sits inside an element already reported is not reported again.
        if (cut.some((c) => c.contains(el))) continue;
        const box = el.getBoundingClientRect();
        // Zero-size boxes and one-pixel visually hidden labels are not seen.
        if (box.width <= 1 || box.height <= 1) continue;
        const outer = clipOf(el, container).getBoundingClientRect();
        const out =
          box.top < outer.top - 0.5 ||
          box.bottom > outer.bottom + 0.5 ||
          box.left < outer.left - 0.5 ||
          box.right > outer.right + 0.5;
        if (out) {
          cut.push(el);
          const edge = `${Math.round(box.top)}..${Math.round(box.bottom)} in ${Math.round(outer.top)}..${Math.round(outer.bottom)}`;
          problems.push(`cut off: ${name(el)} ${edge}`);
        }
      }
    };
    const main = document.querySelector('main');
    if (main) {
      // main never scrolls for the resident, but a script (or focus) can scroll what overflows it.
      if (main.scrollHeight > main.clientHeight + 1) {
        problems.push(`main overflows: ${main.scrollHeight} > ${main.clientHeight}`);
      }
      within(main, '*');
      // A grid's or a flex box's children each have their own place: one drawn over another is
      // content that outgrew its area (a title over the step indicator, words under the buttons).
      for (const box of main.querySelectorAll('*')) {
        const display = getComputedStyle(box).display;
        if (!/grid|flex/.test(display)) continue;
        const kids = [...box.children].filter((k) => {
          const style = getComputedStyle(k);
          const r = k.getBoundingClientRect();
          return style.position !== 'absolute' && style.position !== 'fixed' && r.width > 1 && r.height > 1;
        });
        for (let i = 0; i < kids.length; i++)
          for (let j = i + 1; j < kids.length; j++) {
            const a = kids[i]!.getBoundingClientRect();
            const b = kids[j]!.getBoundingClientRect();
            const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            const at = (r: DOMRect) =>
              `${Math.round(r.left)},${Math.round(r.top)}..${Math.round(r.right)},${Math.round(r.bottom)}`;
            if (x > 1 && y > 1)
              problems.push(`overlap: ${name(kids[i]!)} ${at(a)} and ${name(kids[j]!)} ${at(b)}`);
          }
      }
    }
    const dialog = document.querySelector('[role="dialog"]');
    if (dialog) {
      const box = dialog.getBoundingClientRect();
      if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) {
        problems.push(`dialog off screen: ${Math.round(box.top)}..${Math.round(box.bottom)}`);
      }
      within(dialog, '*');
    }
    for (const button of document.querySelectorAll('button')) {
      const box = button.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 64 || box.height < 64) {
        problems.push(`small button: ${name(button)} ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return problems;
  });
}

/** The whole page as text a person or a machine could read back: markup, input values and the title. */
export const everythingShown = (page: Page) =>
  page.evaluate(() =>
    [
      document.documentElement.outerHTML,
      document.title,
      ...[...document.querySelectorAll('input, textarea, select')].map(
        (el) => (el as HTMLInputElement).value,
      ),
    ].join('\n'),
  );

export const storageLength = (page: Page) =>
  page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
