import axe from 'axe-core';
import type { Page } from 'puppeteer-core';

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and returns one line per
 * violation and node, so a failing test says what and where.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  if (!injected) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof import('axe-core') }).axe.run;
    const r = await run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return results.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}): ${n}`));
}
