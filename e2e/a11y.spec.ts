// axe-core finds no accessibility violation on any page, in the light and the dark theme (the dark check follows a live
// switch of the system theme, which also tests that widgets re-colour themselves). The light pass runs axe's full
// default rule set plus label-content-name-mismatch (WCAG 2.5.3, still tagged experimental, so off by default); the dark
// pass runs only the rules a theme can change (colours).
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AXE_OPTIONS } from './support/axe';
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

/** Violations of any impact on the page as it is now, one line each; axe's default rules and AXE_OPTIONS, or only `rules`. */
async function violations(page: Page, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const results = await (rules ? builder.withRules(rules) : builder.options(AXE_OPTIONS)).analyze();
  const ran = [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map(
    (r) => r.id,
  );
  for (const rule of rules ?? Object.keys(AXE_OPTIONS.rules))
    if (!ran.includes(rule)) throw new Error(`axe did not run ${rule}`);
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}) ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

describe('accessibility (axe-core)', () => {
  for (const sitePage of pages) {
    it(`${sitePage.path} has no violation in the light or the dark theme`, async () => {
      const { context, page } = await openPage(browser, { colorScheme: 'light' });
      await page.goto(baseURL() + sitePage.path, { waitUntil: 'networkidle' });
      await scrollThrough(page);
      await page.waitForLoadState('networkidle');
      const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
      expect(await theme()).toBe('light');
      const light = await violations(page);
      // The reader's system switches to dark: the page follows it live, as it does on load.
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(theme).toBe('dark');
      const dark = await violations(page, COLOUR_RULES);
      await context.close();
      expect({ light, dark }).toEqual({ light: [], dark: [] });
    });
  }
});
