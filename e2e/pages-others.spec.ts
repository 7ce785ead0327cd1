// Search, instructors and every embed page: the page checks and axe of support/siteChecks.ts. (Home and chapters are
// in pages-chapters-1 and -2.spec.ts, so two workers share the pages.)
import { expect, it } from 'vitest';
import { baseURL } from './support/browser';
import { sitePages } from './support/pages';
import { describeSitePages } from './support/siteChecks';

// Discovered at collection time so that each page is its own test (and its own timeout).
const pages = (await sitePages(baseURL())).filter((p) => p.kind !== 'home' && p.kind !== 'chapter');

it('finds the search page, the instructors page and the embed pages', () => {
  expect(pages.filter((p) => p.kind === 'embed').length).toBeGreaterThan(10);
  expect(pages.map((p) => p.kind)).toEqual(expect.arrayContaining(['search', 'instructors']));
});

describeSitePages('search, instructors and embed pages', pages);
