import type { Logger } from 'pino';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';

/**
 * Chromium switches that keep a resident inside the kiosk page: no pinch zoom, no
 * swipe-back, no pop-ups or new windows, no translate bar, print preview or permission prompts.
 */
export const LOCKDOWN_ARGS = [
  '--disable-pinch',
  '--overscroll-history-navigation=0',
  '--block-new-web-contents',
  '--disable-translate',
  '--disable-features=Translate,TranslateUI,OverscrollHistoryNavigation,MediaRouter',
  '--disable-print-preview',
  '--deny-permission-prompts',
  '--disable-notifications',
  '--disable-dev-shm-usage',
];

/**
 * Runs in every document before the page's own scripts (capture phase, so the page cannot
 * undo it): no context menu, no text selection or drag, no ctrl-wheel or two-finger zoom, and
 * no browser shortcuts (function keys, Ctrl/Alt/Meta combos; copy and paste stay allowed
 * inside a text field). Alt+F4 and Ctrl+Alt+Del reach the window manager before any page,
 * so those are the kiosk session's job, not this script's.
 */
export const LOCKDOWN_SCRIPT = `(() => {
  const opts = { capture: true, passive: false };
  const stop = (e) => e.preventDefault();
  const editable = (t) => t instanceof Element && (t.closest('input, textarea, [contenteditable=""], [contenteditable="true"]') !== null);
  addEventListener('contextmenu', stop, opts);
  addEventListener('dragstart', stop, opts);
  addEventListener('selectstart', (e) => { if (!editable(e.target)) e.preventDefault(); }, opts);
  addEventListener('wheel', (e) => { if (e.ctrlKey) e.preventDefault(); }, opts);
  addEventListener('touchmove', (e) => { if (e.touches.length > 1) e.preventDefault(); }, opts);
  addEventListener('gesturestart', stop, opts);
  const editKeys = new Set(['a', 'c', 'v', 'x', 'z']);
  addEventListener('keydown', (e) => {
    const fn = /^F\\d{1,2}$/.test(e.key) || e.key === 'BrowserBack' || e.key === 'BrowserRefresh';
    const combo = e.ctrlKey || e.altKey || e.metaKey;
    const editing = e.ctrlKey && !e.altKey && editable(e.target) && editKeys.has(e.key.toLowerCase());
    if (fn || (combo && !editing && !['Control', 'Alt', 'Meta', 'Shift'].includes(e.key))) {
      e.preventDefault();
    }
  }, opts);
  // A link or form to another origin goes nowhere (the agent also refuses such navigations).
  addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (a && (a.origin !== location.origin || a.target === '_blank')) e.preventDefault();
  }, opts);
  window.open = () => null;
  const style = () => {
    const s = document.createElement('style');
    s.textContent = 'html{-webkit-user-select:none;user-select:none;-webkit-touch-callout:none;touch-action:pan-x pan-y}input,textarea{-webkit-user-select:text;user-select:text}';
    (document.head || document.documentElement).appendChild(s);
  };
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', style, { once: true }); else style();
})();`;

/**
 * Keeps `page` on `origin`: the lockdown script on every new document, navigations of any
 * frame to another origin answered with 204 (Chromium then stays where it was, instead of
 * showing an error page), and every other tab or window closed as soon as it appears.
 */
export async function lockDown(browser: Browser, page: Page, origin: string, logger: Logger): Promise<void> {
  await page.evaluateOnNewDocument(LOCKDOWN_SCRIPT);
  await page.setRequestInterception(true);
  page.on('request', (req) => void guardRequest(req, origin, logger));
  browser.on('targetcreated', (target) => {
    if (target.type() !== 'page') return;
    void target.page().then(async (other) => {
      if (!other || other === page) return;
      logger.warn({ url: redactUrl(other.url()) }, 'closed a window the kiosk page did not own');
      await other.close().catch(() => {});
    });
  });
}

async function guardRequest(req: HTTPRequest, origin: string, logger: Logger): Promise<void> {
  if (req.isInterceptResolutionHandled()) return;
  try {
    const url = req.url();
    const ours = url.startsWith('data:') || url.startsWith('blob:') || safeOrigin(url) === origin;
    if (!req.isNavigationRequest() || ours) return await req.continue();
    logger.warn({ url: redactUrl(url) }, 'blocked a navigation away from the kiosk');
    await req.respond({ status: 204, body: '' });
  } catch {
    // the page went away while the request was pending
  }
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Only the origin and path: a query string could carry a resident's data. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'an invalid url';
  }
}
