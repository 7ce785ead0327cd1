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

/** Home, every chapter linked from it, search, instructors, and every /embed/<name>/ page linked from the instructors page. */
export async function sitePages(baseURL: string): Promise<SitePage[]> {
  const home = await (await fetch(`${baseURL}/`)).text();
  const chapters = hrefs(home, /class="chapter-card" href="([^"]+)"/g);
  const instructors = await (await fetch(`${baseURL}/instructors/`)).text();
  const embeds = [...new Set(hrefs(instructors, /href="(\/embed\/[^"/]+\/)"/g))];
  return [
    { name: 'home', path: '/', kind: 'home' },
    ...chapters.map((path, i): SitePage => ({
      name: `chapter-${String(i + 1).padStart(2, '0')}-${path.replaceAll('/', '')}`,
      path,
      kind: 'chapter',
    })),
    { name: 'search', path: '/search/', kind: 'search' },
    { name: 'instructors', path: '/instructors/', kind: 'instructors' },
    ...embeds.map((path): SitePage => ({ name: `embed-${path.split('/')[2]}`, path, kind: 'embed' })),
  ];
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
