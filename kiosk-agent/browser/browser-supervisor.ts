import { EventEmitter } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Browser, Page } from 'puppeteer-core';
import { LOCKDOWN_ARGS, lockDown } from './kiosk-lockdown.ts';
import { answersWithin, DEFAULT_LIVENESS, type LivenessOptions, PageLiveness } from './page-liveness.ts';
import { clearBrowserData } from './resident-data.ts';

export interface BrowserOptions {
  /** The agent's own URL: the kiosk UI. */
  url: string;
  executablePath: string;
  headless: boolean;
  width: number;
  height: number;
  /** A profile folder the supervisor owns; wiped at every launch so nothing of a resident survives. */
  profileDir: string;
  logger: Logger;
  /** How the page's liveness is checked; a few seconds apart by default. */
  liveness?: Partial<LivenessOptions>;
}

export type BrowserState = 'stopped' | 'starting' | 'running' | 'crashed';

/** Flags that work on a kiosk PC and in a container without a GPU or sandbox support. */
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--noerrdialogs',
  '--disable-infobars',
  '--disable-session-crashed-bubble',
  ...LOCKDOWN_ARGS,
];

/**
 * The kiosk screen: one Chromium in kiosk mode on the agent's URL, started and watched by the
 * agent. When Chromium dies it is started again (with a growing pause if it keeps dying); when
 * the page stops answering it is reloaded, then Chromium restarted. The page is locked to the
 * kiosk origin (kiosk-lockdown.ts) and wiped between residents.
 * Screenshots and reloads are the maintainers' remote hands.
 */
export class BrowserSupervisor extends EventEmitter<{ state: [BrowserState] }> {
  private browser: Browser | undefined;
  private page: Page | undefined;
  private stateNow: BrowserState = 'stopped';
  private stopping = false;
  private crashes = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private reloadWanted = false;
  private liveness: PageLiveness | undefined;
  private launches = 0;
  private readonly origin: string;

  constructor(private readonly opts: BrowserOptions) {
    super();
    this.origin = new URL(opts.url).origin;
  }

  /** How many times Chromium was launched again after its first start (crashes, hung pages, commands). */
  restartCount(): number {
    return Math.max(0, this.launches - 1);
  }

  state(): BrowserState {
    return this.stateNow;
  }

  /** Chromium's process id while it runs (for the maintainer's status and for tests). */
  pid(): number | undefined {
    return this.browser?.process()?.pid;
  }

  /** Launches Chromium; a failure is logged and retried, never thrown (the agent runs on without a screen). */
  async start(): Promise<void> {
    this.stopping = false;
    await this.launch();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    this.cancelPendingReload();
    this.liveness?.stop();
    const b = this.browser;
    this.browser = undefined;
    this.page = undefined;
    if (b) await b.close().catch(() => {});
    this.set('stopped');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async reload(): Promise<void> {
    const page = this.requirePage();
    await page.reload({ waitUntil: 'domcontentloaded' });
  }

  /**
   * Between residents: cookies, local/session storage, IndexedDB and caches of the kiosk origin
   * are wiped now, and the page goes back to the home page `reloadAfterMs` later, so that the
   * UI's farewell ("your details have been cleared") is seen before the reload wipes its memory
   * too. A new resident starting first cancels the reload (`cancelPendingReload`): the UI wiped
   * itself, and a reload would throw the newcomer out. Rejects when the browser is not running.
   */
  async clearResidentData(reloadAfterMs = 0): Promise<void> {
    const page = this.requirePage();
    this.cancelPendingReload();
    // Wanted until a new resident starts, which may happen while the wipe below is still running.
    this.reloadWanted = true;
    await clearBrowserData(page, this.origin);
    this.opts.logger.info('resident data cleared from the kiosk browser');
    if (!this.reloadWanted) return;
    if (reloadAfterMs <= 0) return this.goHome();
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      this.goHome().catch((err) =>
        this.opts.logger.warn({ err: (err as Error).message }, 'could not reload the kiosk page'),
      );
    }, reloadAfterMs);
    this.reloadTimer.unref();
  }

  /** A resident started before the page reloaded after the last one: leave the page alone. */
  cancelPendingReload(): void {
    this.reloadWanted = false;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
  }

  private async goHome(): Promise<void> {
    const page = this.requirePage();
    await page.goto(this.opts.url, { waitUntil: 'domcontentloaded', timeout: 10_000 });
  }

  /** The DevTools endpoint of the running Chromium (tests and local debugging only; it listens on loopback). */
  wsEndpoint(): string | undefined {
    return this.browser?.wsEndpoint();
  }

  /** A PNG of what the resident sees right now. */
  async screenshot(): Promise<Buffer> {
    const page = this.requirePage();
    return Buffer.from(await page.screenshot({ type: 'png' }));
  }

  private requirePage(): Page {
    if (!this.page || this.stateNow !== 'running') throw new Error(`the kiosk browser is ${this.stateNow}`);
    return this.page;
  }

  private async launch(): Promise<void> {
    const { opts } = this;
    this.set('starting');
    try {
      await rm(opts.profileDir, { recursive: true, force: true });
      await mkdir(opts.profileDir, { recursive: true });
      // Loaded on first launch: a kiosk agent without a supervised screen never pays its ~26 MB.
      const { default: puppeteer } = await import('puppeteer-core');
      const browser = await puppeteer.launch({
        executablePath: opts.executablePath,
        headless: opts.headless,
        args: [
          ...BASE_ARGS,
          `--user-data-dir=${opts.profileDir}`,
          `--window-size=${opts.width},${opts.height}`,
          ...(opts.headless ? [] : ['--kiosk', `--app=${opts.url}`]),
        ],
        defaultViewport: { width: opts.width, height: opts.height },
        // The agent stops the browser itself on SIGINT/SIGTERM (after its devices are safe);
        // puppeteer's own handlers would exit the process first.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      if (this.stopping) {
        await browser.close();
        return;
      }
      this.launches++;
      this.browser = browser;
      browser.once('disconnected', () => this.onDisconnected(browser));
      const page = (await browser.pages())[0] ?? (await browser.newPage());
      this.page = page;
      await lockDown(browser, page, this.origin, opts.logger);
      await page.goto(opts.url, { waitUntil: 'domcontentloaded' });
      this.crashes = 0;
      this.set('running');
      this.watch(page);
      opts.logger.info({ headless: opts.headless }, 'kiosk browser running');
    } catch (err) {
      opts.logger.error({ err: (err as Error).message }, 'kiosk browser did not start');
      await this.browser?.close().catch(() => {});
      this.browser = undefined;
      this.scheduleRestart();
    }
  }

  private watch(page: Page): void {
    this.liveness?.stop();
    this.liveness = new PageLiveness(page, { ...DEFAULT_LIVENESS, ...this.opts.liveness }, (reason) => {
      void this.recover(page, reason);
    });
    this.liveness.start();
  }

  /** A hung or crashed page is reloaded; if it still does not answer, Chromium is started again. */
  private async recover(page: Page, reason: string): Promise<void> {
    if (this.stopping || page !== this.page) return;
    const { logger } = this.opts;
    const timeoutMs = { ...DEFAULT_LIVENESS, ...this.opts.liveness }.timeoutMs;
    logger.warn({ reason }, 'kiosk page not answering; reloading it');
    const reloaded = await page
      .reload({ waitUntil: 'domcontentloaded', timeout: 5_000 })
      .then(() => answersWithin(page, timeoutMs))
      .catch(() => false);
    if (this.stopping || page !== this.page) return;
    if (reloaded) {
      logger.info('kiosk page answers again after a reload');
      this.watch(page);
      return;
    }
    logger.error('kiosk page still not answering after a reload; restarting the browser');
    await this.restart();
  }

  private onDisconnected(browser: Browser): void {
    if (this.stopping || browser !== this.browser) return;
    this.opts.logger.warn('kiosk browser exited; starting it again');
    this.browser = undefined;
    this.page = undefined;
    this.liveness?.stop();
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.stopping) return;
    this.set('crashed');
    this.crashes++;
    const delay = Math.min(500 * 2 ** (this.crashes - 1), 30_000);
    this.restartTimer = setTimeout(() => void this.launch(), delay);
  }

  private set(state: BrowserState): void {
    if (state === this.stateNow) return;
    this.stateNow = state;
    this.emit('state', state);
  }
}
