// Reading offline: after one visit to the home page, with the server gone and the browser offline, another chapter
// opens, the char model trains on its data, and search finds a chapter; a new deploy shows a notice whose button
// switches to it. Run on the /course/ build (npm run build:subpath) under the strict Content-Security-Policy.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './support/browser';
import { trainCharModel } from './support/charModel';
import { documentedCsp } from './support/csp';
import { serveStatic } from './support/staticServer';

const DIST = process.env.E2E_SUBPATH_DIST ?? 'dist-subpath';
const BASE = '/course/';
if (!existsSync(`${DIST}/sw.js`) || !readFileSync(`${DIST}/index.html`, 'utf8').includes(`${BASE}_astro/`)) {
  throw new Error(`No build for ${BASE} with a service worker in ${DIST}/: run \`npm run build:subpath\` first.`);
}
const headers = { 'Content-Security-Policy': documentedCsp() };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Wait until the footer says the course is saved (the service worker has precached everything and is in control). */
async function waitUntilSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-offline-status]')?.textContent === 'Available offline',
    undefined,
    { timeout: 90_000 },
  );
}

describe('offline', () => {
  it('after one visit, another chapter, the char model and search work with the server gone', async () => {
    const server = await serveStatic(DIST, { base: BASE, headers });
    const { context, page, problems } = await openPage(browser, { serviceWorkers: true });
    await page.goto(`${server.origin}${BASE}`);
    await waitUntilSaved(page);
    // Gone for real: with the server closed, anything that was not saved fails.
    await server.close();
    await context.setOffline(true);

    await page.goto(`${server.origin}${BASE}how-rnns-solve-problems/?char-model.cell=rnn&char-model.hidden=32`);
    expect(await page.locator('h1').first().innerText()).toMatch(/How RNNs solve problems/i);
    // Still marked as saved (it reads "You are offline" where the browser knows it is offline).
    await page.locator('[data-offline-status][data-state="available"]').waitFor();
    await page.locator('char-model').scrollIntoViewIfNeeded();
    await page.locator('char-model .cm-status').waitFor();
    const { metrics } = await trainCharModel(page, 3);
    expect(metrics).toMatch(/training loss \d/);

    await page.goto(`${server.origin}${BASE}search/?q=Jacobians`);
    const result = page.locator('.pagefind-ui__result-link', { hasText: 'Backpropagation' }).first();
    await result.waitFor({ timeout: 15_000 });
    expect(problems.failedRequests, 'requests the saved copy could not answer').toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });

  it('a new deploy shows a notice, and its button switches to the new version', async () => {
    let deployed = false;
    const server = await serveStatic(DIST, {
      base: BASE,
      headers,
      transform: (path, body) =>
        deployed && path === `${BASE}sw.js` ? Buffer.concat([body, Buffer.from('\n// the next deploy\n')]) : body,
    });
    const { context, page, problems } = await openPage(browser, { serviceWorkers: true });
    await page.goto(`${server.origin}${BASE}the-math/`);
    await waitUntilSaved(page);
    const notice = page.locator('[data-update-notice]');
    expect(await notice.isVisible()).toBe(false);
    deployed = true;
    await page.reload();
    await notice.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await notice.innerText()).toMatch(/A new version of the course is available/);
    await notice.getByRole('button', { name: 'Reload to update' }).click();
    await page.waitForFunction(
      async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return document.readyState === 'complete' && registration?.waiting === null && registration.active !== null;
      },
      undefined,
      { timeout: 30_000 },
    );
    await waitUntilSaved(page);
    expect(await notice.isVisible()).toBe(false);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
    await server.close();
  });
});
