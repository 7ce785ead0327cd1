// The instructors page, served under the strict Content-Security-Policy: a widget's preview loads when opened, a
// demonstration link opens its widget set up as the link says, every one-file size is filled in, and the questions
// download is Markdown holding every chapter's questions with answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './support/browser';
import { documentedCsp } from './support/csp';
import { serveStatic } from './support/staticServer';
import { WIDGETS, waitForDrawn } from './support/widgets';

const DIST = process.env.E2E_DIST ?? 'dist';
const site = await serveStatic(DIST, { headers: { 'Content-Security-Policy': documentedCsp() } });

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site.close();
});

describe('the instructors page', () => {
  it('previews a widget, opens a demonstration as set up, lists every size', async () => {
    const { context, page, problems } = await openPage(browser, { width: 360, height: 800 });
    await page.goto(`${site.origin}/instructors/`);
    // Every widget has a section, a preview and at least two demonstrations; every size is filled in.
    for (const widget of WIDGETS) {
      const section = page.locator(`section:has(#w-${widget.name})`);
      expect(await section.locator('.instructor-demos li').count(), widget.name).toBeGreaterThanOrEqual(2);
    }
    const sizes = await page.locator('[data-onefile-size]').allInnerTexts();
    expect(sizes.length).toBeGreaterThanOrEqual(2 * WIDGETS.length);
    for (const size of sizes) expect(size).toMatch(/^\d+ KB$|^\d\.\d MB$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );

    // The preview frame loads only when opened, and shows the widget drawn.
    const gradient = WIDGETS.find((w) => w.name === 'gradient-lab')!;
    const preview = page.locator('section:has(#w-gradient-lab) details.instructor-preview');
    await preview.locator('summary').click();
    const frame = (await (await preview.locator('iframe').elementHandle()).contentFrame())!;
    await waitForDrawn(frame, gradient);

    // A demonstration link opens the widget with its settings (ρ = 1.5 shown on the slider's readout).
    const demo = page.getByRole('link', { name: 'Exploding gradient: ρ = 1.5, no activation' });
    expect(await demo.getAttribute('href')).toBe('/embed/gradient-lab/?gradient-lab.rho=1.5&gradient-lab.act=linear');
    await demo.click();
    await waitForDrawn(page, gradient);
    expect(await page.locator('gradient-lab input[type="radio"][value="linear"]').isChecked()).toBe(true);
    expect(await page.locator('gradient-lab').innerText()).toContain('1.50');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });

  it('the questions download is Markdown with every chapter’s questions and answers', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${site.origin}/instructors/`);
    const link = page.getByRole('link', { name: /Download all of them with their answers as Markdown/ });
    const href = (await link.getAttribute('href'))!;
    const counts = await page.locator('details.instructor-questions summary').allInnerTexts();
    const response = await fetch(new URL(href, site.origin));
    const markdown = await response.text();
    const asked = counts.reduce((sum, text) => sum + Number(/\((\d+) questions\)/.exec(text)![1]), 0);
    expect(asked).toBeGreaterThan(30);
    expect((markdown.match(/\*\*Answer:\*\*/g) ?? []).length).toBe(asked);
    expect(markdown).toContain('## Chapter 7: ');
    expect(markdown).toContain('### Predict, then run');
    await context.close();
  });
});
