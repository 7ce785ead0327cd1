// axe-core finds no serious or critical accessibility violation on any page, in the light and the dark theme.
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseURL, launch, openPage } from './support/browser';
import { scrollThrough, sitePages, type SitePage } from './support/pages';

let browser: Browser;
let pages: SitePage[];

beforeAll(async () => {
  browser = await launch();
  pages = await sitePages(baseURL());
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violation in the ${colorScheme} theme`, async () => {
      const found: string[] = [];
      for (const sitePage of pages) {
        const { context, page } = await openPage(browser, { colorScheme });
        await page.goto(baseURL() + sitePage.path, { waitUntil: 'networkidle' });
        await scrollThrough(page);
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
        for (const v of results.violations) {
          if (v.impact === 'serious' || v.impact === 'critical') {
            found.push(`${sitePage.path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
          }
        }
        await context.close();
      }
      expect(found).toEqual([]);
    });
  }
});
