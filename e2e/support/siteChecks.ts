// The checks every page of the site gets, defined as one test per page and width so spec files can share the pages out:
// at desktop and phone widths no console error, no failed request, math rendered, no sideways scroll, links inside the
// site, every widget loaded, and a screenshot; at desktop width also axe-core in the light theme and, after a live
// switch of the system theme, axe's colour rules in the dark theme (which also tests that widgets re-colour themselves).
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AXE_OPTIONS } from './axe';
import { baseURL, launch, openPage } from './browser';
import { readPage, scrollThrough, waitForWidgets, type SitePage } from './pages';

const SCREENSHOTS = 'e2e/screenshots';
/** The width axe runs at; the other widths get the page checks only. */
const AXE_WIDTH = 1280;

/** axe rules whose outcome depends on colours, so on the theme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * Violations of any impact on the page as it is now, one line each: axe's default rules with AXE_OPTIONS (the full
 * default set plus label-content-name-mismatch, WCAG 2.5.3), or only `rules`. Throws if axe skipped a rule asked for.
 */
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

/** Load `sitePage` at `width`, run the page checks, take its screenshot, and at AXE_WIDTH run axe in both themes. */
async function checkPage(browser: Browser, sitePage: SitePage, width: number): Promise<void> {
  const { context, page, problems } = await openPage(browser, { width, colorScheme: 'light' });
  await page.goto(baseURL() + sitePage.path, { waitUntil: 'networkidle' });
  await scrollThrough(page);
  await waitForWidgets(page);
  await page.waitForLoadState('networkidle');
  const report = await readPage(page);
  const where = `${sitePage.path} at ${width}px`;
  expect(problems.consoleErrors, `console errors on ${where}`).toEqual([]);
  expect(problems.failedRequests, `failed requests on ${where}`).toEqual([]);
  expect(report.katexErrors, `KaTeX errors on ${where}`).toBe(0);
  expect(report.rawTex, `raw TeX on ${where}`).toEqual([]);
  expect(report.overflow, `horizontal scrolling on ${where}`).toBeLessThanOrEqual(0);
  expect(report.outsideBase, `links outside the site on ${where}`).toEqual([]);
  expect(report.undefinedElements, `widgets that never loaded on ${where}`).toEqual([]);
  if (sitePage.kind === 'chapter' && !sitePage.path.includes('resources')) {
    expect(report.katex, `typeset math on ${where}`).toBeGreaterThan(0);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/${sitePage.name}-${width}.png`, fullPage: true });
  if (width === AXE_WIDTH) {
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('light');
    const light = await violations(page);
    // The reader's system switches to dark: the page follows it live, as it does on load.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    const dark = await violations(page, COLOUR_RULES);
    expect({ light, dark }, `axe violations on ${where}`).toEqual({ light: [], dark: [] });
  }
  await context.close();
}

/**
 * Define the page checks (one test per page and width) for `pages`, with their own browser.
 * @param title the describe block's title
 * @param pages the pages this spec file checks, e.g. the chapters
 */
export function describeSitePages(title: string, pages: SitePage[]): void {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  describe(title, () => {
    for (const width of [AXE_WIDTH, 390]) {
      for (const sitePage of pages) {
        const what = width === AXE_WIDTH ? 'and has no axe violation in either theme ' : '';
        it(`${sitePage.path} loads cleanly, renders its math ${what}at ${width} px`, () =>
          checkPage(browser, sitePage, width));
      }
    }
  });
}
