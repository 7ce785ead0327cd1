// Every widget's embed page inside <iframe sandbox="allow-scripts"> on a page of another origin (the page on
// localhost, the course on 127.0.0.1): a frame without an origin, where module scripts, fetches and fonts from the
// course are refused by CORS. Each widget draws (with KaTeX's fonts where it typesets math), nothing fails to load,
// and the char model fetches its data and trains in a worker.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { launch, openPage } from './support/browser';
import { trainCharModel } from './support/charModel';
import { sitePages } from './support/pages';
import { serveStatic } from './support/staticServer';
import { WIDGETS, waitForDrawn } from './support/widgets';

const site = await serveStatic(process.env.E2E_DIST ?? 'dist');
const embeds = (await sitePages(site.origin)).filter((p) => p.kind === 'embed');

/** The host: one page on another origin whose body is `?src=`'s embed page in a sandboxed iframe. */
const host = createServer((request, response) => {
  const src = new URL(request.url ?? '/', 'http://x').searchParams.get('src') ?? '';
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

/** Open the host page with `path` of the course in its sandboxed frame; resolves with the frame. */
async function framed(page: Page, path: string): Promise<Frame> {
  await page.goto(`${hostOrigin}/?src=${encodeURIComponent(site.origin + path)}`);
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
      const frame = await framed(page, `/embed/${widget.name}/`);
      expect(await frame.evaluate(() => window.origin), 'the frame has no origin').toBe('null');
      await waitForDrawn(frame, widget);
      if (widget.name === 'char-model') {
        const { metrics } = await trainCharModel(frame, 3);
        expect(metrics).toMatch(/training loss \d/);
      }
      expect(await frame.locator('.widget-placeholder').count(), 'placeholder left').toBe(0);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
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

  it('the one-file char model, served by the course, trains in a sandboxed frame', async () => {
    const { context, page, problems } = await openPage(browser);
    const frame = await framed(page, '/embed/char-model.html');
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
