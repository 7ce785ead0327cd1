// One-file widgets (dist/embed/<name>.html): each opens from disk (file://) with every network request refused, draws,
// and makes no request at all; the char model trains on the Moby-Dick it carries, so does the tuning lab's grid of
// 4 tiny trials, and the sentiment lab on the sentences it carries. The embed pages link to them with their size.
import { resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseURL, launch, openPage } from './support/browser';
import { trainCharModel } from './support/charModel';
import { FAST_RUN, trainSentimentLab } from './support/sentimentLab';
import { WIDGETS, waitForDrawn } from './support/widgets';

const DIST = resolve(process.env.E2E_DIST ?? 'dist');
/** The tuning lab's smallest search: 4 character models of 20 steps. */
const TINY_GRID =
  '?tuning-lab.hidden=8,12&tuning-lab.layers=1&tuning-lab.lr=0.01&tuning-lab.cell=gru,lstm&tuning-lab.steps=20&tuning-lab.every=10';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('one-file widgets', () => {
  for (const widget of WIDGETS) {
    it(`${widget.name}.html works from disk with no network`, async () => {
      const file = `${DIST}/embed/${widget.name}.html`;
      expect(existsSync(file), `${file} exists`).toBe(true);
      const { context, page, problems } = await openPage(browser);
      const requests: string[] = [];
      await context.route(/^(https?|wss?):/, (route) => {
        requests.push(route.request().url());
        return route.abort('internetdisconnected');
      });
      const queries: Record<string, string> = { 'tuning-lab': TINY_GRID, 'sentiment-lab': FAST_RUN };
      const query = queries[widget.name] ?? '';
      await page.goto(`file://${file}${query}`);
      await waitForDrawn(page, widget);
      if (widget.name === 'char-model') {
        const { metrics } = await trainCharModel(page, 3);
        expect(metrics).toMatch(/training loss \d/);
      }
      if (widget.name === 'tuning-lab') {
        await page.locator('tuning-lab').getByRole('button', { name: 'Start search' }).click();
        await page.waitForFunction(
          () => /^Finished/.test(document.querySelector('tuning-lab .tl-status')?.textContent ?? ''),
          undefined,
          { timeout: 90_000 },
        );
        expect(await page.locator('tuning-lab .tl-status').innerText()).toMatch(/4 of 4 trials done · 80 of 80 steps/);
      }
      if (widget.name === 'sentiment-lab') {
        const { status } = await trainSentimentLab(page);
        expect(status).toMatch(/^Finished · epoch 4 of 4/);
      }
      expect(await page.locator('.widget-placeholder').count(), 'placeholder left').toBe(0);
      expect(requests, 'requests over the network').toEqual([]);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
      await context.close();
    });
  }

  it('the embed page offers the one file for download with its size', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseURL()}/embed/char-model/`);
    const link = page.getByRole('link', { name: 'Download this widget as one file' });
    expect(await link.getAttribute('href')).toBe('/embed/char-model.html');
    const size = statSync(`${DIST}/embed/char-model.html`).size;
    expect(await page.locator('[data-onefile-size]').innerText()).toBe(`${(size / 1024 / 1024).toFixed(1)} MB`);
    const download = await (await page.request.get(`${baseURL()}/embed/char-model.html`)).body();
    expect(download.length).toBe(size);
    await context.close();
  });
});
