// Presenter mode: `?present` on an embed page, served under the strict Content-Security-Policy, shows the widget alone
// and scaled up (type and chart lines 1.5 times their size, nothing running off the side), the widget has the
// keyboard at once so the arrow keys step it without a click, and `?present=2` scales it twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './support/browser';
import { documentedCsp } from './support/csp';
import { serveStatic } from './support/staticServer';
import { WIDGETS, waitForDrawn } from './support/widgets';

const DIST = process.env.E2E_DIST ?? 'dist';
const SCREENSHOTS = 'e2e/screenshots';
const site = await serveStatic(DIST, { headers: { 'Content-Security-Policy': documentedCsp() } });
const widget = (name: string) => WIDGETS.find((w) => w.name === name)!;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site.close();
});

/** What presenter mode changes, measured on the page as drawn: sizes in screen pixels. */
async function measure(page: Page): Promise<{ title: number; stroke: number; overflow: boolean; share: boolean }> {
  return page.evaluate(() => {
    const title = document.querySelector('.widget-title')!.getBoundingClientRect().height;
    // A chart line's drawn width: the element's stroke-width times the zoom it is drawn at.
    const line = document.querySelector<SVGPathElement>('gradient-lab .gl-chart svg path[stroke]:not([stroke="none"])');
    const zoom = Number(getComputedStyle(document.querySelector('main')!).zoom) || 1;
    const stroke = line ? parseFloat(getComputedStyle(line).strokeWidth) * zoom : 0;
    const share = document.querySelector<HTMLElement>('.widget-share');
    return {
      title,
      stroke,
      overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      share: share !== null && share.offsetParent !== null,
    };
  });
}

describe('presenter mode', () => {
  it('?present scales the widget 1.5 times, hides the share button, and keeps it inside the window', async () => {
    /** The gradient lab at `path` on a 1920 × 1080 projector: its measures, after a screenshot named `shot`. */
    const look = async (path: string, shot?: string) => {
      const { context, page, problems } = await openPage(browser, { width: 1920, height: 1080 });
      await page.goto(site.origin + path);
      await waitForDrawn(page, widget('gradient-lab'));
      const measured = await measure(page);
      const present = await page.evaluate(() => document.documentElement.hasAttribute('data-present'));
      if (shot) await page.screenshot({ path: `${SCREENSHOTS}/${shot}` });
      await context.close();
      return { ...measured, present, problems };
    };
    const plain = await look('/embed/gradient-lab/');
    const shown = await look('/embed/gradient-lab/?present', 'present-gradient-lab-1920.png');
    expect([plain.present, shown.present]).toEqual([false, true]);
    expect(shown.title / plain.title).toBeCloseTo(1.5, 1);
    expect(plain.stroke).toBeGreaterThan(0);
    expect(shown.stroke / plain.stroke).toBeCloseTo(1.5, 1);
    expect([plain.share, shown.share]).toEqual([true, false]);
    expect([plain.overflow, shown.overflow]).toEqual([false, false]);
    for (const { problems } of [plain, shown]) {
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.cspViolations).toEqual([]);
    }
  });

  it('the arrow keys step the widget at once, without a click; ?present=2 doubles it; dark theme too', async () => {
    const { context, page, problems } = await openPage(browser, { width: 1280, height: 800, colorScheme: 'dark' });
    await page.goto(`${site.origin}/embed/step-cell/?present`);
    await waitForDrawn(page, widget('step-cell'));
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('step-cell');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('step-cell .sc-position').innerText()).toBe('Step 3 of 5');
    // The widget writes its state beside `present`, so a reload keeps both.
    expect(new URL(page.url()).search).toBe('?present=&step-cell.t=3');
    await page.screenshot({ path: `${SCREENSHOTS}/present-step-cell-1280-dark.png` });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).zoom)).toBe('1.5');

    await page.goto(`${site.origin}/embed/step-cell/?present=2`);
    await waitForDrawn(page, widget('step-cell'));
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).zoom)).toBe('2');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });
});
