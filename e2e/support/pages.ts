// The list of pages a browser test visits, discovered from the built site itself (home page links, embed links).

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
    ...chapters.map((path, i): SitePage => ({ name: `chapter-${String(i + 1).padStart(2, '0')}-${path.replaceAll('/', '')}`, path, kind: 'chapter' })),
    { name: 'search', path: '/search/', kind: 'search' },
    { name: 'instructors', path: '/instructors/', kind: 'instructors' },
    ...embeds.map((path): SitePage => ({ name: `embed-${path.split('/')[2]}`, path, kind: 'embed' })),
  ];
}

/** Scroll through the whole page so lazily loaded widgets mount, then return to the top. */
export async function scrollThrough(page: import('playwright-core').Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight * 0.8);
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
    }
    window.scrollTo(0, 0);
  });
}
