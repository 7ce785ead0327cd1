// axe-core finds no serious or critical accessibility violation on any page, in the light and the dark theme
// (the dark check follows a live switch of the system theme, which also tests that widgets re-colour themselves).
// The dark pass runs only the rules a theme can change (colours); structure, names and roles are checked in the light pass.
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

/** axe rules whose outcome depends on colours, so on the theme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Serious and critical violations on the page as it is now, one line each; all WCAG 2.1 A/AA and best-practice rules, or only `rules`. */
async function seriousViolations(page: Page, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (
    rules ? builder.withRules(rules) : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
  ).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

describe('accessibility (axe-core)', () => {
  for (const sitePage of pages) {
    it(`${sitePage.path} has no serious or critical violation in the light or the dark theme`, async () => {
      const { context, page } = await openPage(browser, { colorScheme: 'light' });
      await page.goto(baseURL() + sitePage.path, { waitUntil: 'networkidle' });
      await scrollThrough(page);
      await page.waitForLoadState('networkidle');
      const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
      expect(await theme()).toBe('light');
      const light = await seriousViolations(page);
      // The reader's system switches to dark: the page follows it live, as it does on load.
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(theme).toBe('dark');
      const dark = await seriousViolations(page, COLOUR_RULES);
      await context.close();
      expect({ light, dark }).toEqual({ light: [], dark: [] });
    });
  }
});
