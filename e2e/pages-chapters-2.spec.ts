// Chapters 7-12: the page checks and axe of support/siteChecks.ts (home and chapters 1-6 are in
// pages-chapters-1.spec.ts, so that two workers share the pages).
import { baseURL } from './support/browser';
import { sitePages } from './support/pages';
import { describeSitePages } from './support/siteChecks';

// Discovered at collection time so that each page is its own test (and its own timeout).
const chapters = (await sitePages(baseURL())).filter((p) => p.kind === 'chapter');

describeSitePages('chapters 7-12', chapters.slice(6));
