// The forecasting lab trains in a Web Worker on the births data: the window slides by keyboard, the normalization
// preset's two runs (seed 1) end with the MAE table the preset script committed (scripts/forecast-lab/outcomes.json),
// the raw run losing to seasonal-naive, the recursive forecasts switch in, and a diverging run is said in words; axe's
// full default rule set (plus label-content-name-mismatch) finds nothing serious at 1280 px with the forecasts drawn
// and at 360 px in either theme, and nothing scrolls sideways. About 20 s here.
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import outcomes from '../scripts/forecast-lab/outcomes.json';
import { AXE_OPTIONS } from './support/axe';
import { launch, openPage, openWidget } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const lab = (page: Page): Locator => page.locator('forecast-lab');
const ENDED = ['done', 'early-stopped', 'diverged', 'cancelled', 'error'];
const births = (x: number): string => Math.round(x).toLocaleString('en-US');
const waitForRuns = (page: Page, count: number, timeout = 240_000): Promise<unknown> =>
  page.waitForFunction(
    ([n, ended]) => {
      const list = (document.querySelector('forecast-lab') as unknown as { runs?: { state: string }[] }).runs ?? [];
      return list.length >= n && list.every((r) => ended.includes(r.state));
    },
    [count, ENDED] as const,
    { timeout },
  );
const axeViolations = async (page: Page): Promise<string[]> =>
  (await new AxeBuilder({ page }).include('forecast-lab').options(AXE_OPTIONS).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);

describe('forecast-lab widget', () => {
  it('slides the window by keyboard, trains the normalization contrast and shows the committed MAE table', async () => {
    const { page, problems } = await openPage(browser);
    await openWidget(
      page,
      '/embed/forecast-lab/?forecast-lab.preset=normalization',
      'forecast-lab',
      '.fl-status',
      '.fl-window-chart svg',
    );
    const text = lab(page).locator('.fl-window-text');
    await expect
      .poll(() => text.innerText())
      .toMatch(
        /the model reads the 28 days 4 Dec 2013 to 31 Dec 2013, z-scores .* learns to predict 1 Jan 2014: 8,018 births/,
      );
    await lab(page)
      .getByLabel(/Slide the window/)
      .focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => text.innerText()).toMatch(/5 Dec 2013 to 1 Jan 2014, .* predict 2 Jan 2014: 11,171 births/);

    await lab(page).getByRole('button', { name: 'Train all 2' }).click();
    await waitForRuns(page, 2);
    const result = outcomes.normalization;
    const [norm, raw] = result.runs.map((r) => r.maes);
    const table = lab(page).locator('table.fl-mae');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      [births(norm[0].oneStep), births(norm[0].recursive)],
      [births(raw[0].oneStep), births(raw[0].recursive)],
      [births(norm[1].oneStep), births(norm[1].recursive)],
      [births(norm[2].oneStep), births(norm[2].recursive)],
    ]);
    // The contrast: the raw run loses to seasonal-naive, the normalized run beats it.
    expect(raw[0].oneStep).toBeGreaterThan(norm[1].oneStep);
    expect(norm[0].oneStep).toBeLessThan(norm[1].oneStep);
    await expect.poll(() => lab(page).locator('.fl-answer').innerText()).toContain(result.summary);

    // The chart shows the last run's forecasts; switch to run #1 and to the recursive forecasts.
    await lab(page).getByLabel('Run', { exact: true }).selectOption({ label: '#1 (normalized)' });
    await lab(page).getByLabel('recursive from 1 January').check();
    await expect
      .poll(() => lab(page).locator('.fl-year-text').innerText())
      .toBe(
        `Forecasts recursively from 1 January, over the whole of 2014: model #1 is off by ${births(norm[0].recursive)} ` +
          `births a day on average, seasonal-naive by ${births(norm[1].recursive)}, persistence by ` +
          `${births(norm[2].recursive)}. Recursively, every forecast after 1 January reads the forecasts before it ` +
          'instead of the true days.',
      );
    expect(await lab(page).locator('.fl-year-chart svg[role="img"]').count()).toBe(1);
    expect(await lab(page).locator('.fl-days tbody tr').count()).toBe(59);
    // axe with the forecasts, their table and the MAE table drawn.
    expect(await axeViolations(page)).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  it('says in words that a run diverged; axe-clean at 360 px in light and dark, nothing scrolls sideways', async () => {
    const { page, problems } = await openPage(browser, { width: 360, colorScheme: 'light' });
    await openWidget(
      page,
      '/embed/forecast-lab/?forecast-lab.lr=1&forecast-lab.steps=50',
      'forecast-lab',
      '.fl-status',
    );
    await lab(page).getByRole('button', { name: 'Train these settings' }).focus();
    await page.keyboard.press('Enter');
    await waitForRuns(page, 1);
    await expect.poll(() => lab(page).locator('.fl-status').innerText()).toMatch(/^Run #1 diverged at step \d+\.$/);
    const alert = await lab(page).getByRole('alert').innerText();
    expect(alert).toMatch(
      /^Run #1 diverged: The loss blew up at step \d+: it rose above [\d.]+, 10 times its first value/,
    );
    expect(alert).toContain('The learning rate 1 is probably too high for this model');

    const light = await axeViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await axeViolations(page);
    expect({ light, dark }).toEqual({ light: [], dark: [] });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems.consoleErrors).toEqual([]);
  });
});
