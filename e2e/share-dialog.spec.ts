// The "Share / embed" dialog of every widget, served under the strict Content-Security-Policy: its link and iframe
// code carry the site's real address and the widget's current state, the copy buttons put that text on the clipboard
// and say so, the figure saves as SVG (or PNG for step-cell's HTML figure), the whole dialog works from the keyboard,
// axe finds nothing serious in it at 360 px in light and dark, and the self-sizing embed code, pasted into a page on
// another origin, makes the frame as tall as the widget.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './support/browser';
import { trainCharModel } from './support/charModel';
import { documentedCsp } from './support/csp';
import { serveStatic } from './support/staticServer';
import { WIDGETS, waitForDrawn } from './support/widgets';

const DIST = process.env.E2E_DIST ?? 'dist';
const SCREENSHOTS = 'e2e/screenshots';
const site = await serveStatic(DIST, { headers: { 'Content-Security-Policy': documentedCsp() } });

/** A page on another origin whose whole body is `?html=` (what an instructor pastes). */
const host = createServer((request, response) => {
  const html = new URL(request.url ?? '/', 'http://x').searchParams.get('html') ?? '';
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(`<!doctype html><title>Course page</title><h1>Lesson</h1>${html}`);
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

/** Open the dialog of the widget `tag` with the keyboard: focus its Share button, press Enter. */
async function openDialog(page: Page, tag: string): Promise<void> {
  await page.locator(`${tag} .widget-share`).focus();
  await page.keyboard.press('Enter');
  await page.locator('dialog.share-dialog[open]').waitFor();
}

/** The value of the dialog's field labelled `label`. */
const field = (page: Page, label: string): Promise<string> => page.getByLabel(label, { exact: true }).inputValue();

describe('the Share / embed dialog', () => {
  for (const widget of WIDGETS) {
    it(`${widget.name}: link and iframe code with the real address, the figure saved as an image`, async () => {
      const { context, page, problems } = await openPage(browser);
      await page.goto(`${site.origin}/embed/${widget.name}/`);
      await waitForDrawn(page, widget);
      if (widget.name === 'char-model' || widget.name === 'training-lab') {
        // Their charts are drawn from a run: before one, the dialog says there is nothing to save yet.
        await openDialog(page, widget.tag);
        expect(await page.locator('dialog').innerText()).toContain('Nothing is drawn in this widget yet');
        await page.keyboard.press('Escape');
      }
      if (widget.name === 'char-model') {
        await trainCharModel(page, 3);
        await page.waitForFunction(() => document.querySelector('char-model .tl-chart svg') !== null);
      }
      await openDialog(page, widget.tag);
      expect(await field(page, 'Link')).toBe(`${site.origin}/embed/${widget.name}/`);
      expect(await field(page, 'Embed code')).toMatch(
        new RegExp(`^<iframe src="${site.origin}/embed/${widget.name}/" title="[^"]+" width="100%" height="\\d+"`),
      );
      const oneFile = page.locator('dialog').getByRole('link', { name: 'Download this widget as one file' });
      expect(await oneFile.getAttribute('href')).toBe(`${site.origin}/embed/${widget.name}.html`);
      expect(await page.locator('dialog').innerText()).toMatch(/one file \(\d+ KB|one file \(\d\.\d MB/);

      if (
        ['training-lab', 'tuning-lab', 'sentiment-lab', 'teacher-forcing-lab', 'attention-lab'].includes(widget.name)
      ) {
        // The labs' charts are drawn from runs; saving them after one is not checked here: a lab run takes too long
        // for this spec.
        expect(problems.consoleErrors).toEqual([]);
        expect(problems.cspViolations).toEqual([]);
        await context.close();
        return;
      }
      // The widgets whose figure is HTML (marked data-figure) save a PNG; the others their largest SVG drawing (the
      // step cell's is its tanh curve).
      const kind = widget.name === 'normalize-calc' ? 'PNG' : 'SVG';
      const save = page.getByRole('button', { name: `Save the figure as ${kind}` });
      const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
      expect(download.suggestedFilename()).toBe(`${widget.name}.${kind.toLowerCase()}`);
      const bytes = await readFile(await download.path());
      if (kind === 'SVG') {
        const text = bytes.toString('utf8');
        expect(text).toMatch(/^<\?xml[^>]*>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        // A drawing with marks in it, well-formed XML, its colours written in (no page stylesheet needed).
        const check = await page.evaluate((svg) => {
          const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
          return {
            error: doc.querySelector('parsererror')?.textContent ?? null,
            marks: doc.querySelectorAll('path, line, rect, circle, text').length,
            varLeft: /var\(--/.test(svg.replace(/<style[\s\S]*?<\/style>/g, '')),
          };
        }, text);
        expect(check).toMatchObject({ error: null, varLeft: false });
        expect(check.marks).toBeGreaterThan(5);
      } else {
        expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
        expect(bytes.readUInt32BE(16)).toBeGreaterThan(200); // width in pixels (twice the figure's CSS width)
      }
      await expect.poll(() => page.locator('dialog .share-status[data-ok="true"]').innerText()).toMatch(/✓ Saved/);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.cspViolations).toEqual([]);
      await context.close();
    });
  }

  it('on a chapter page: the current state, copy with a visible confirmation, all by keyboard, axe clean', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 360]) {
        const { context, page, problems } = await openPage(browser, { width, colorScheme });
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
        await page.goto(`${site.origin}/how-it-works/`);
        await page.locator('step-cell').scrollIntoViewIfNeeded();
        await page.locator('step-cell .sc-result').waitFor();
        await page.getByRole('button', { name: /Next input/ }).click();
        await page.getByRole('button', { name: /Next input/ }).click();
        await page.locator('step-cell').screenshot({ path: `${SCREENSHOTS}/share-button-${width}-${colorScheme}.png` });
        await openDialog(page, 'step-cell');
        const link = `${site.origin}/embed/step-cell/?step-cell.t=3`;
        expect(await field(page, 'Link')).toBe(link);
        expect(await field(page, 'Embed code')).toContain(`src="${link}"`);
        // Focus starts inside the dialog; Tab reaches the Copy link button, and Enter copies.
        expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
        const copy = page.getByRole('button', { name: 'Copy link' });
        for (let i = 0; i < 6 && !(await copy.evaluate((b) => b === document.activeElement)); i += 1)
          await page.keyboard.press('Tab');
        expect(await copy.evaluate((b) => b === document.activeElement)).toBe(true);
        const ring = await copy.evaluate((b) => getComputedStyle(b).outlineStyle);
        expect(ring).not.toBe('none');
        await page.keyboard.press('Enter');
        const status = page.locator('dialog .share-row').first().locator('.share-status');
        await expect.poll(() => status.innerText()).toBe('✓ Copied');
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
        await page.screenshot({ path: `${SCREENSHOTS}/share-dialog-${width}-${colorScheme}.png` });

        const axe = await new AxeBuilder({ page })
          .include('dialog.share-dialog')
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .analyze();
        expect(
          axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
        ).toEqual([]);
        // Nothing in the dialog runs off its side on a phone.
        expect(
          await page.evaluate(() => {
            const dialog = document.querySelector('dialog')!;
            return dialog.scrollWidth <= dialog.clientWidth + 1;
          }),
        ).toBe(true);

        // Escape closes it, the keyboard is back on the Share button, and the widget's own keys still step it.
        await page.keyboard.press('Escape');
        expect(await page.locator('dialog.share-dialog').count()).toBe(0);
        expect(await page.evaluate(() => document.activeElement?.classList.contains('widget-share'))).toBe(true);
        expect(await page.locator('step-cell .sc-position').innerText()).toBe('Step 3 of 5');
        expect(problems.consoleErrors).toEqual([]);
        expect(problems.cspViolations).toEqual([]);
        await context.close();
      }
    }
  });

  it('the self-sizing embed code, pasted into a page on another origin, sizes its frame to the widget', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${site.origin}/embed/gradient-lab/?gradient-lab.rho=1.2`);
    await waitForDrawn(
      page,
      WIDGETS.find((w) => w.name === 'gradient-lab')!,
    );
    await openDialog(page, 'gradient-lab');
    const snippet = await field(page, 'Self-sizing embed code');
    expect(snippet).toContain(`src="${site.origin}/embed/gradient-lab/?gradient-lab.rho=1.2"`);
    // Start the frame far too short, so only the script can make it fit.
    const pasted = snippet.replace(/height="\d+"/, 'height="150"');
    await page.goto(`${hostOrigin}/?html=${encodeURIComponent(pasted)}`);
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    await waitForDrawn(
      frame,
      WIDGETS.find((w) => w.name === 'gradient-lab')!,
    );
    await page.waitForFunction(() => document.querySelector('iframe')!.clientHeight > 600);
    const fit = await frame.evaluate(() => ({
      scroll: document.documentElement.scrollHeight,
      client: document.documentElement.clientHeight,
    }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });
});
