import type { Page } from 'puppeteer-core';

/**
 * Removes everything a resident's session could have left in the browser: cookies (HttpOnly
 * ones too), local and session storage, IndexedDB, Cache Storage, service workers and the HTTP
 * cache. Session storage lives per tab, outside Storage.clearDataForOrigin, so it is cleared
 * through DOMStorage for this tab.
 */
export async function clearBrowserData(page: Page, origin: string): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('Network.clearBrowserCookies');
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('DOMStorage.enable');
    for (const isLocalStorage of [true, false]) {
      await cdp.send('DOMStorage.clear', { storageId: { securityOrigin: origin, isLocalStorage } });
    }
    await cdp.send('DOMStorage.disable');
  } finally {
    await cdp.detach().catch(() => {});
  }
}
