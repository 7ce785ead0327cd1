// axe-core finds no serious or critical accessibility violation on any page, in the light and the dark theme.
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseURL, launch, openPage } from './support/browser';
import { scrollThrough, sitePages, type SitePage } from './support/pages';

// Discovered at collection time so that each page is its own test (and its own timeout).
const pages: SitePage[] = await sitePages(baseURL());
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const sitePage of pages) {
      it(`${sitePage.path} has no serious or critical violation in the ${colorScheme} theme`, async () => {
        const { context, page } = await openPage(browser, { colorScheme });
        await page.goto(baseURL() + sitePage.path, { waitUntil: 'networkidle' });
        await scrollThrough(page);
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
        await context.close();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        expect(serious).toEqual([]);
      });
    }
  }
});
