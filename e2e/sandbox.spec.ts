// Every widget's embed page inside <iframe sandbox="allow-scripts"> on a page of another origin (the page on
// localhost, the course on 127.0.0.1): a frame without an origin, where module scripts, fetches and fonts from the
// course are refused by CORS. Each widget draws (with KaTeX's fonts where it typesets math), nothing fails to load,
// and the char model and the sentiment lab fetch their data and train in a worker. The course is served under the strict
// Content-Security-Policy of public/_headers, and no violation is reported.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { launch, openPage } from './support/browser';
import { trainCharModel } from './support/charModel';
import { FAST_RUN, trainSentimentLab } from './support/sentimentLab';
import { sitePages } from './support/pages';
import { serveStatic } from './support/staticServer';
import { documentedCsp } from './support/csp';
import { WIDGETS, waitForDrawn } from './support/widgets';

const DIST = process.env.E2E_DIST ?? 'dist';
const site = await serveStatic(DIST, {
  headers: { 'Content-Security-Policy': documentedCsp() },
});
const embeds = (await sitePages(site.origin)).filter((p) => p.kind === 'embed');

/**
 * The host: one page on another origin whose body is `?src=`'s embed page in a sandboxed iframe; and, like a learning
 * platform's file upload, the one-file widgets under its own /upload/.
 */
const host = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://x');
  if (url.pathname.startsWith('/upload/')) {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(readFileSync(`${DIST}/embed/${basename(url.pathname)}`));
    return;
  }
  const src = url.searchParams.get('src') ?? '';
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(
    `<!doctype html><title>A learning platform</title><h1>Lesson</h1>` +
      `<iframe sandbox="allow-scripts" src="${src}" title="widget" width="1100" height="1400"></iframe>`,
  );
});
await new Promise<void>((resolve) => host.listen(0, 'localhost', resolve));
const hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site.close();
  host.close();
});

/** Open the host page with `src` (a path of the course, or a full URL) in its sandboxed frame; resolves with the frame. */
async function framed(page: Page, src: string): Promise<Frame> {
  await page.goto(`${hostOrigin}/?src=${encodeURIComponent(src.startsWith('/') ? site.origin + src : src)}`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  if (!frame) throw new Error('the iframe has no frame');
  return frame;
}

describe('embed pages in a sandboxed iframe on another origin', () => {
  it('every embed page the instructors page lists has a drawn check here', () => {
    expect(embeds.map((p) => p.path.split('/')[2]).sort()).toEqual(WIDGETS.map((w) => w.name).sort());
  });

  for (const widget of WIDGETS) {
    it(`${widget.name} draws with nothing refused`, async () => {
      const { context, page, problems } = await openPage(browser);
      const query = widget.name === 'sentiment-lab' ? FAST_RUN : '';
      const frame = await framed(page, `/embed/${widget.name}/${query}`);
      expect(await frame.evaluate(() => window.origin), 'the frame has no origin').toBe('null');
      await waitForDrawn(frame, widget);
      if (widget.name === 'char-model') {
        const { metrics } = await trainCharModel(frame, 3);
        expect(metrics).toMatch(/training loss \d/);
      }
      if (widget.name === 'sentiment-lab') {
        const { status, accuracy } = await trainSentimentLab(frame);
        expect(status).toMatch(/^Finished · epoch 4 of 4/);
        expect(accuracy).toMatch(/^\d+%$/);
      }
      expect(await frame.locator('.widget-placeholder').count(), 'placeholder left').toBe(0);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
      expect(problems.cspViolations).toEqual([]);
      await context.close();
    });
  }

  it('a widget whose code cannot load says why where it would have been', async () => {
    const { context, page } = await openPage(browser);
    await context.route('**/embed/step-cell/widget.js', (route) => route.abort('connectionrefused'));
    const frame = await framed(page, '/embed/step-cell/');
    const notice = frame.locator('step-cell .widget-placeholder');
    await frame.waitForFunction(() => /could not load/.test(document.querySelector('step-cell')?.textContent ?? ''));
    expect(await notice.innerText()).toMatch(
      /could not load: its script did not arrive .*\/embed\/step-cell\/widget\.js/,
    );
    expect(await notice.innerText()).not.toMatch(/needs JavaScript/);
    await context.close();
  });

  it('the one-file char model, uploaded to the platform, trains in a sandboxed frame there', async () => {
    const { context, page, problems } = await openPage(browser);
    const frame = await framed(page, `${hostOrigin}/upload/char-model.html`);
    await waitForDrawn(
      frame,
      WIDGETS.find((w) => w.name === 'char-model')!,
    );
    await trainCharModel(frame, 3);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });
});
