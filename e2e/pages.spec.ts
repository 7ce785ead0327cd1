// Every page loads cleanly at desktop and phone widths: no console error, no failed request, math rendered, no sideways scroll, links resolve.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseURL, launch, openPage } from './support/browser';
import { readPage, scrollThrough, sitePages, waitForWidgets, type SitePage } from './support/pages';

const SCREENSHOTS = 'e2e/screenshots';
// Discovered at collection time so that each page is its own test (and its own timeout).
const pages: SitePage[] = await sitePages(baseURL());
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('site pages', () => {
  it('lists twelve chapters on the home page', () => {
    expect(pages.filter((p) => p.kind === 'chapter')).toHaveLength(12);
  });

  for (const width of [1280, 390]) {
    for (const sitePage of pages) {
      it(`${sitePage.path} loads cleanly and renders its math at ${width} px`, async () => {
        const { context, page, problems } = await openPage(browser, { width });
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
        await context.close();
      });
    }
  }

  it('chapters link to their neighbours in order, and every table-of-contents entry has its target', async () => {
    const chapters = pages.filter((p) => p.kind === 'chapter');
    const { context, page } = await openPage(browser);
    for (const [i, chapter] of chapters.entries()) {
      await page.goto(baseURL() + chapter.path);
      const [prev, next] = await page.evaluate(() =>
        ['prev', 'next'].map((rel) => document.querySelector(`a[rel="${rel}"]`)?.getAttribute('href') ?? null),
      );
      expect(prev, `previous link of ${chapter.path}`).toBe(i > 0 ? chapters[i - 1].path : null);
      expect(next, `next link of ${chapter.path}`).toBe(i < chapters.length - 1 ? chapters[i + 1].path : null);
      const missing = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')]
          .map((a) => decodeURIComponent(a.hash.slice(1)))
          .filter((id) => !document.getElementById(id)),
      );
      expect(missing, `table-of-contents targets missing on ${chapter.path}`).toEqual([]);
      const tocCount = await page.locator('.toc a').count();
      expect(tocCount, `table of contents of ${chapter.path}`).toBeGreaterThan(2);
    }
    await context.close();
  });
});
