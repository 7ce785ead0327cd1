// The site built for a sub-path (`npm run build:subpath`: BASE_PATH=/course/ into dist-subpath/), served only under
// /course/ by a plain static server with the strict Content-Security-Policy of public/_headers: every page loads with
// no CSP violation and nothing requested or linked outside /course/, search works and links under it, and the char
// model loads its data and worker from there and trains. Under the same policy without 'wasm-unsafe-eval', the char
// model still trains and the search page says why it cannot search.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './support/browser';
import { trainCharModel } from './support/charModel';
import { readPage, scrollThrough, sitePages, waitForWidgets, type SitePage } from './support/pages';
import { serveStatic } from './support/staticServer';
import { cspWithoutWasm, documentedCsp } from './support/csp';

const DIST = process.env.E2E_SUBPATH_DIST ?? 'dist-subpath';
const BASE = '/course/';

if (!existsSync(`${DIST}/index.html`) || !readFileSync(`${DIST}/index.html`, 'utf8').includes(`${BASE}_astro/`)) {
  throw new Error(`No build for ${BASE} in ${DIST}/: run \`npm run build:subpath\` first (npm test does it for you).`);
}
const server = await serveStatic(DIST, { base: BASE, headers: { 'Content-Security-Policy': documentedCsp() } });
const noWasm = await serveStatic(DIST, { base: BASE, headers: { 'Content-Security-Policy': cspWithoutWasm() } });
const pages: SitePage[] = await sitePages(server.origin, BASE);
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server.close();
  await noWasm.close();
});

describe(`the site under ${BASE} and a strict Content-Security-Policy`, () => {
  it('finds every chapter and widget page under the sub-path', () => {
    expect(pages.filter((p) => p.kind === 'chapter')).toHaveLength(12);
    expect(pages.filter((p) => p.kind === 'embed').length).toBeGreaterThanOrEqual(7);
  });

  for (const sitePage of pages) {
    it(`${sitePage.path} loads cleanly, its widgets mount, and nothing points outside ${BASE}`, async () => {
      // The page as served: no inline script or <style> block, which the policy would have to allow.
      const html = await (await fetch(server.origin + sitePage.path)).text();
      expect(
        html.match(/<style\b|<script\b(?![^>]*\bsrc=)[^>]*>/g),
        `inline script or style in ${sitePage.path}`,
      ).toBeNull();
      const { context, page, problems } = await openPage(browser);
      await page.goto(server.origin + sitePage.path, { waitUntil: 'networkidle' });
      await scrollThrough(page);
      await waitForWidgets(page);
      await page.waitForLoadState('networkidle');
      const report = await readPage(page, BASE);
      const where = sitePage.path;
      expect(problems.consoleErrors, `console errors on ${where}`).toEqual([]);
      expect(problems.failedRequests, `failed requests on ${where}`).toEqual([]);
      expect(problems.cspViolations, `CSP violations on ${where}`).toEqual([]);
      expect(report.outsideBase, `links outside ${BASE} on ${where}`).toEqual([]);
      expect(report.undefinedElements, `widgets that never loaded on ${where}`).toEqual([]);
      expect(report.katexErrors, `KaTeX errors on ${where}`).toBe(0);
      expect(report.rawTex, `raw TeX on ${where}`).toEqual([]);
      await context.close();
    });
  }

  it('search finds a chapter and links to it under the sub-path', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${server.origin}${BASE}`);
    await page.fill('#site-search-q', 'Jacobians');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(new RegExp(`${BASE}search/\\?q=Jacobians`));
    const result = page.locator('.pagefind-ui__result-link', { hasText: 'Backpropagation' }).first();
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('href')).toMatch(new RegExp(`^${BASE}backpropagation-through-time/`));
    await result.click();
    await page.waitForURL(new RegExp(`${BASE}backpropagation-through-time/`));
    expect(await page.locator('h1').first().innerText()).toMatch(/Backpropagation/);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });

  it('the char model loads its worker and data under the sub-path, and trains', async () => {
    const { context, page, problems } = await openPage(browser);
    const requests: string[] = [];
    page.on('request', (request) => {
      if (/^https?:/.test(request.url())) requests.push(new URL(request.url()).pathname);
    });
    await page.goto(`${server.origin}${BASE}how-rnns-solve-problems/?char-model.cell=rnn&char-model.hidden=32`);
    await page.locator('char-model').scrollIntoViewIfNeeded();
    await page.locator('char-model .cm-status').waitFor();
    const { metrics } = await trainCharModel(page, 5);
    expect(metrics).toMatch(/training loss \d/);
    // 'wasm-unsafe-eval' lets the engine's WebAssembly kernels compile in the worker.
    expect(await page.locator('char-model').getAttribute('data-kernels')).toMatch(/^wasm/);
    expect(requests).toContain(`${BASE}data/moby-dick.txt`);
    expect(requests.some((path) => path.startsWith(`${BASE}_astro/train.worker`))).toBe(true);
    expect(requests.filter((path) => !path.startsWith(BASE))).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });
});

describe("the same policy without 'wasm-unsafe-eval' (no WebAssembly)", () => {
  it('the char model still trains, and the search page says why it cannot search', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${noWasm.origin}${BASE}how-rnns-solve-problems/?char-model.cell=rnn&char-model.hidden=32`);
    await page.locator('char-model').scrollIntoViewIfNeeded();
    await page.locator('char-model .cm-status').waitFor();
    await trainCharModel(page, 5);
    expect(await page.locator('char-model').getAttribute('data-kernels'), 'the engine falls back to JS').toBe('js');
    await page.goto(`${noWasm.origin}${BASE}search/?q=Jacobians`);
    const notice = page.locator('.search-unavailable');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.innerText()).toMatch(/Search needs WebAssembly.*'wasm-unsafe-eval'/);
    // The only thing refused is compiling WebAssembly (the search page's check).
    expect(problems.cspViolations.filter((v) => !/^script-src: wasm-eval/.test(v))).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });
});
