// The list of pages a browser test visits, discovered from the built site itself (home page links, embed links).
import type { Page } from 'playwright-core';
import { withTimeout } from './browser';

/** A page of the site: a short name for screenshots and its path. */
export interface SitePage {
  name: string;
  path: string;
  kind: 'home' | 'chapter' | 'search' | 'instructors' | 'embed';
}

const hrefs = (html: string, pattern: RegExp): string[] => [...html.matchAll(pattern)].map((m) => m[1]);

/**
 * Home, every chapter linked from it, search, instructors, and every /embed/<name>/ page linked from the instructors
 * page. Paths include `base`, the path the build is served under (`/` or, for a sub-path build, e.g. `/course/`).
 * @param origin e.g. `http://127.0.0.1:4399`
 */
export async function sitePages(origin: string, base = '/'): Promise<SitePage[]> {
  const home = await (await fetch(`${origin}${base}`)).text();
  const chapters = hrefs(home, /class="chapter-card" href="([^"]+)"/g);
  const instructors = await (await fetch(`${origin}${base}instructors/`)).text();
  const embedLink = new RegExp(`href="(${base}embed/[^"/]+/)"`, 'g');
  const embeds = [...new Set(hrefs(instructors, embedLink))];
  const slug = (path: string): string => path.slice(base.length).replaceAll('/', '');
  return [
    { name: 'home', path: base, kind: 'home' },
    ...chapters.map((path, i): SitePage => ({
      name: `chapter-${String(i + 1).padStart(2, '0')}-${slug(path)}`,
      path,
      kind: 'chapter',
    })),
    { name: 'search', path: `${base}search/`, kind: 'search' },
    { name: 'instructors', path: `${base}instructors/`, kind: 'instructors' },
    ...embeds.map((path): SitePage => ({ name: `embed-${slug(path).slice('embed'.length)}`, path, kind: 'embed' })),
  ];
}

/** What `readPage` found on a page that a reader would see as broken. */
export interface PageReport {
  katexErrors: number;
  /** Typeset formulas. */
  katex: number;
  /** TeX source left in the text (math that was never typeset). */
  rawTex: string[];
  /** Pixels the page is wider than the window. */
  overflow: number;
  /** Links, scripts, styles and images whose root-relative URL is outside the site's base path. */
  outsideBase: string[];
  /** Custom elements (widgets) on the page whose code never arrived. */
  undefinedElements: string[];
}

/**
 * Wait (up to `ms`) until every custom element on the page is defined: a widget's code is imported when it nears the
 * viewport and may still be arriving after the scroll. Never throws; `readPage` reports any left undefined.
 */
export async function waitForWidgets(page: Page, ms = 30_000): Promise<void> {
  await page
    .waitForFunction(
      () => ![...document.querySelectorAll('body *')].some((n) => n.localName.includes('-') && !n.matches(':defined')),
      undefined,
      { timeout: ms },
    )
    .catch(() => undefined);
}

/** Read the loaded page's math, width and URLs (the page must already be scrolled through). */
export function readPage(page: Page, base = '/'): Promise<PageReport> {
  return withTimeout(
    page.evaluate((base) => {
      const clone = document.body.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('pre, code, script, style, .katex, input, textarea').forEach((n) => n.remove());
      const urls = [...document.querySelectorAll('a[href], link[href], script[src], img[src], iframe[src]')].map(
        (node) => node.getAttribute('href') ?? node.getAttribute('src') ?? '',
      );
      return {
        katexErrors: document.querySelectorAll('.katex-error').length,
        katex: document.querySelectorAll('.katex').length,
        rawTex:
          (clone.textContent ?? '').match(
            /\$\$|\\(frac|tanh|sum|partial|mathrm|odot|prod|left|right)\b|\$[^$\s][^$]*\\[a-z]+[^$]*\$/g,
          ) ?? [],
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        outsideBase: urls.filter((url) => url.startsWith('/') && !url.startsWith('//') && !url.startsWith(base)),
        undefinedElements: [...document.querySelectorAll('body *')]
          .filter((node) => node.localName.includes('-') && !node.matches(':defined'))
          .map((node) => node.localName),
      };
    }, base),
    30_000,
    `reading ${page.url()}`,
    page,
  );
}

/**
 * Scroll through the whole page so lazily loaded widgets mount, then return to the top. Bounded (at most 150 steps
 * and 20 s) so a page whose height keeps changing fails with a message instead of hanging the test.
 */
export async function scrollThrough(page: Page): Promise<void> {
  const reached = await withTimeout(
    page.evaluate(async () => {
      const step = Math.max(200, window.innerHeight * 0.8);
      const deadline = performance.now() + 20_000;
      let y = 0;
      for (
        let i = 0;
        i < 150 && y < document.documentElement.scrollHeight && performance.now() < deadline;
        i++, y += step
      ) {
        window.scrollTo(0, y);
        // A timer, not requestAnimationFrame: a headless page may skip frames for a while, and this only has to give
        // the intersection observers (run at the next rendering update) time to fire.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      window.scrollTo(0, 0);
      return { y, height: document.documentElement.scrollHeight };
    }),
    40_000,
    `scrolling through ${page.url()}`,
    page,
  );
  if (reached.y < reached.height) {
    throw new Error(
      `scrollThrough: stopped at ${reached.y} px of ${reached.height} px (page too tall, or its height kept growing)`,
    );
  }
}
