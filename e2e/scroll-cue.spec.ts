// On a phone, everything that scrolls sideways (prose tables, display equations, code blocks, widget parts) shows it:
// the scroll cue of global.css, a shadow at each edge with more to scroll to, in the light and the dark theme.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseURL, launch, openPage } from './support/browser';
import { scrollThrough, sitePages, type SitePage } from './support/pages';

const pages: SitePage[] = (await sitePages(baseURL())).filter((p) => p.kind === 'chapter' || p.kind === 'instructors');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('scroll cue at 360 px', () => {
  for (const sitePage of pages) {
    it(`${sitePage.path}: every region that scrolls sideways has the cue`, async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { context, page } = await openPage(browser, { width: 360, height: 800, colorScheme });
        await page.goto(baseURL() + sitePage.path, { waitUntil: 'networkidle' });
        await scrollThrough(page);
        const regions = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => {
              const { overflowX } = getComputedStyle(e);
              return (overflowX === 'auto' || overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 1;
            })
            .map((e) => {
              const style = getComputedStyle(e);
              const shadows = style.backgroundImage.match(/radial-gradient/g)?.length ?? 0;
              const covers = style.backgroundImage.match(/linear-gradient/g)?.length ?? 0;
              return {
                what: `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 2).join('.')}`,
                // Two covers and two shadows (sideways), or four of each (scroll-cue-both: down as well).
                cue:
                  (shadows === 2 || shadows === 4) &&
                  covers === shadows &&
                  style.backgroundAttachment ===
                    [...Array<string>(covers).fill('local'), ...Array<string>(shadows).fill('scroll')].join(', '),
              };
            }),
        );
        await context.close();
        expect(regions.filter((r) => !r.cue).map((r) => `${r.what} (${colorScheme})`)).toEqual([]);
        // The check sees something: chapter 10's two wide tables scroll sideways at 360 px.
        if (sitePage.path.includes('how-rnns-solve-problems')) expect(regions.length).toBeGreaterThanOrEqual(2);
      }
    });
  }
});
