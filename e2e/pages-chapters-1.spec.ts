// The home page and chapters 1-6: the page checks and axe of support/siteChecks.ts; and every chapter's links to its
// neighbours and table-of-contents targets. (Chapters 7-12 are in pages-chapters-2.spec.ts, the other pages in
// pages-others.spec.ts, so that two workers share the pages.)
import { describe, expect, it } from 'vitest';
import { baseURL, launch, openPage } from './support/browser';
import { sitePages } from './support/pages';
import { describeSitePages } from './support/siteChecks';

// Discovered at collection time so that each page is its own test (and its own timeout).
const pages = await sitePages(baseURL());
const chapters = pages.filter((p) => p.kind === 'chapter');

describeSitePages('home and chapters 1-6', [...pages.filter((p) => p.kind === 'home'), ...chapters.slice(0, 6)]);

describe('chapter navigation', () => {
  it('lists twelve chapters on the home page', () => {
    expect(chapters).toHaveLength(12);
  });

  it('chapters link to their neighbours in order, and every table-of-contents entry has its target', async () => {
    const browser = await launch();
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
    await browser.close();
  });
});
