// The step-cell widget: right numbers against a hand computation, mouse and keyboard stepping, URL state, bad input, embed page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, openWidget as openWidgetAt } from './support/browser';

// The widget's fixed weights, copied here so the expected values are computed independently of the site's code.
const Wxh = [
  [0.5, -0.3],
  [0.8, 0.2],
  [-0.4, 0.6],
];
const Whh = [
  [0.1, 0.4, -0.2],
  [-0.5, 0.3, 0.1],
  [0.2, -0.1, 0.5],
];
const bh = [0, 0.1, -0.1];

/** h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), written out with plain loops. */
function handStep(x: number[], h: number[]): number[] {
  return [0, 1, 2].map((i) =>
    Math.tanh(Wxh[i][0] * x[0] + Wxh[i][1] * x[1] + Whh[i][0] * h[0] + Whh[i][1] * h[1] + Whh[i][2] * h[2] + bh[i]),
  );
}
const show = (v: number[]): string[] => v.map((x) => x.toFixed(3).replace('-', '−'));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const openWidget = (page: Page, path: string): Promise<void> => openWidgetAt(page, path, 'step-cell', '.sc-result');
const shownH = (page: Page): Promise<string[]> => page.locator('step-cell .sc-result .sc-value').allTextContents();

describe('step-cell widget', () => {
  it('computes h_1 and h_2 as a hand computation does, stepping by click and by keyboard', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/how-it-works/');
    const h1 = handStep([1, 0], [0, 0, 0]);
    expect(await shownH(page)).toEqual(show(h1));
    expect(show(h1)).toEqual(['0.462', '0.716', '−0.462']);

    await page.getByRole('button', { name: 'Next input →' }).click();
    const h2 = handStep([0, 1], h1);
    expect(await shownH(page)).toEqual(show(h2));
    expect(page.url()).toContain('step-cell.t=2');

    await page.locator('step-cell').focus();
    await page.keyboard.press('ArrowRight');
    const h3 = handStep([1, 1], h2);
    expect(await shownH(page)).toEqual(show(h3));
    await page.keyboard.press('ArrowLeft');
    expect(await shownH(page)).toEqual(show(h2));
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('takes a hand-set x_t and h_{t-1}, rejects a bad value with a message and keeps working', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/how-it-works/');
    await page.getByLabel('x_t, entry 2').fill('2');
    await page.getByLabel('x_t, entry 2').press('Enter');
    await page.getByLabel('h_t−1, entry 1').fill('0.5');
    await page.getByLabel('h_t−1, entry 1').press('Tab');
    expect(await shownH(page)).toEqual(show(handStep([1, 2], [0.5, 0, 0])));

    await page.getByLabel('x_t, entry 1').fill('9');
    await page.getByLabel('x_t, entry 1').press('Tab');
    await expect.poll(() => page.locator('step-cell .widget-notice').textContent()).toContain('from −5 to 5');
    expect(await shownH(page)).toEqual(show(handStep([1, 2], [0.5, 0, 0])));

    // The hand-set state is carried forward through the step just shown.
    await page.getByRole('button', { name: 'Next input →' }).click();
    expect(await shownH(page)).toEqual(show(handStep([0, 1], handStep([1, 2], [0.5, 0, 0]))));
    await context.close();
  });

  it('restores its state from the URL and explains an out-of-range value', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/how-it-works/?step-cell.seq=0.5,0.5;1,-1&step-cell.t=2');
    expect(await shownH(page)).toEqual(show(handStep([1, -1], handStep([0.5, 0.5], [0, 0, 0]))));
    await openWidget(page, '/how-it-works/?step-cell.t=99');
    expect(await page.locator('step-cell .widget-notice').textContent()).toContain('step-cell.t=99');
    expect(await shownH(page)).toEqual(show(handStep([1, 0], [0, 0, 0])));
    expect(new URL(page.url()).search).toBe('');
    // A repeated parameter: the first value is used, the notice says so, and the address keeps only that one.
    await openWidget(page, '/how-it-works/?step-cell.t=2&step-cell.t=999');
    expect(await page.locator('step-cell .widget-notice').textContent()).toBe(
      '“step-cell.t” is in the address 2 times; reading the first, “2”, and ignoring “999”.',
    );
    expect(await shownH(page)).toEqual(show(handStep([0, 1], handStep([1, 0], [0, 0, 0]))));
    expect(new URL(page.url()).search).toBe('?step-cell.t=2');
    await context.close();
  });

  it('shows saturation as the chapter describes it: (5, −5) at step 2 saturates all three units, (5, 5) only the second', async () => {
    const { context, page } = await openPage(browser);
    const saturated = (): Promise<string[]> =>
      page.locator('step-cell .sc-result li.saturated .sc-value').allTextContents();
    await openWidget(page, '/how-it-works/?step-cell.seq=1,0;5,-5&step-cell.t=2');
    expect(await shownH(page)).toEqual(['1.000', '0.995', '−1.000']);
    expect(await page.locator('step-cell .sc-flow .sc-card').nth(3).locator('.sc-value').allTextContents()).toEqual([
      '4.425',
      '3.038',
      '−5.310',
    ]);
    expect(await saturated()).toEqual(['1.000', '0.995', '−1.000']);
    // A saturated unit's bar is full: the new state's bars run to ±1, not to the largest pre-activation.
    const fills = await page
      .locator('step-cell .sc-result .sc-bar-fill')
      .evaluateAll((bars) => bars.map((b) => (b as HTMLElement).style.width));
    expect(fills.map((w) => parseFloat(w))).toEqual([100, 99.5, 100]);
    expect(await page.locator('step-cell svg.sc-tanh .sc-tanh-dot.saturated').count()).toBe(3);

    await openWidget(page, '/how-it-works/?step-cell.seq=1,0;5,5&step-cell.t=2');
    expect(await shownH(page)).toEqual(['0.891', '1.000', '0.598']);
    expect(await saturated()).toEqual(['1.000']);
    expect(await page.locator('step-cell svg.sc-tanh').getAttribute('aria-label')).toContain(
      'unit 2 at a = 5.038 gives 1.000, saturated',
    );
    await context.close();
  });

  it('greys out Next input at the last step and says why', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/how-it-works/?step-cell.t=5');
    const next = page.getByRole('button', { name: 'Next input →' });
    expect(await next.isDisabled()).toBe(true);
    expect(Number(await next.evaluate((b) => getComputedStyle(b).opacity))).toBeLessThan(0.6);
    expect(await page.locator('step-cell .sc-position').textContent()).toBe(
      'Step 5 of 5: the last input, so there is no next one',
    );
    expect(await next.getAttribute('aria-describedby')).toBe(
      await page.locator('step-cell .sc-position').getAttribute('id'),
    );
    await page.getByRole('button', { name: '← Previous step' }).click();
    expect(await next.isDisabled()).toBe(false);
    expect(await next.evaluate((b) => getComputedStyle(b).opacity)).toBe('1');
    await context.close();
  });

  it('works alone on its embed page', async () => {
    const { context, page, problems } = await openPage(browser, { width: 390 });
    await openWidget(page, '/embed/step-cell/?step-cell.t=2');
    expect(await page.locator('.site-header').count()).toBe(0);
    expect(await shownH(page)).toEqual(show(handStep([0, 1], handStep([1, 0], [0, 0, 0]))));
    await page.locator('step-cell').focus();
    await page.keyboard.press('ArrowRight');
    expect(page.url()).toContain('step-cell.t=3');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });
});
