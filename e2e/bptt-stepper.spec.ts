// The bptt-stepper widget: stepping by click and keyboard, its numbers against an independent BPTT and the engine's
// gradient, the finite-difference check, a new word, URL state and bad values, the embed page, and axe in both themes.
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_OPTIONS } from './support/axe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, openWidget as openWidgetAt } from './support/browser';

interface Values {
  word: string;
  T: number;
  t: number;
  delta: number[][];
  total: number[][];
  engineGradWhh: number[][];
  engineGradH: number[][];
  weights: { Wxh: number[][]; Whh: number[][]; bh: number[]; Why: number[][]; by: number[] };
  inputs: number[];
  targets: number[];
  fdMaxRelError: number | null;
}

/** Forward pass and BPTT with plain loops, from the weights alone: δ_t for every t and ∂L/∂W_hh. */
function bptt(v: Values): { delta: number[][]; grad: number[][] } {
  const { Wxh, Whh, bh, Why, by } = v.weights;
  const H = Whh.length;
  const h: number[][] = [new Array(H).fill(0)];
  const err: number[][] = [];
  v.inputs.forEach((x, t) => {
    const next = Whh.map((row, i) => Math.tanh(Wxh[i][x] + bh[i] + row.reduce((s, w, j) => s + w * h[t][j], 0)));
    h.push(next);
    const z = Why.map((row, k) => by[k] + row.reduce((s, w, j) => s + w * next[j], 0));
    const m = Math.max(...z);
    const sum = z.reduce((s, zk) => s + Math.exp(zk - m), 0);
    err.push(z.map((zk, k) => Math.exp(zk - m) / sum - (k === v.targets[t] ? 1 : 0)));
  });
  const T = v.inputs.length;
  const delta: number[][] = new Array(T);
  const grad = Whh.map((row) => row.map(() => 0));
  let dANext = new Array(H).fill(0);
  for (let t = T; t >= 1; t--) {
    const d = h[0].map(
      (_, j) =>
        Why.reduce((s, row, k) => s + row[j] * err[t - 1][k], 0) + Whh.reduce((s, row, i) => s + row[j] * dANext[i], 0),
    );
    delta[t - 1] = d;
    const dA = d.map((x, i) => x * (1 - h[t][i] ** 2));
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) grad[i][j] += dA[i] * h[t - 1][j];
    dANext = dA;
  }
  return { delta, grad };
}

const maxDiff = (a: number[][], b: number[][]): number =>
  Math.max(...a.flatMap((row, i) => row.map((x, j) => Math.abs(x - b[i][j]))));
const show = (x: number): string =>
  x
    .toFixed(3)
    .replace('-', '−')
    .replace(/^−(0\.000)$/, '$1');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const openWidget = (page: Page, path: string): Promise<void> => openWidgetAt(page, path, 'bptt-stepper', '.bs-result');
const values = (page: Page): Promise<Values> =>
  page.locator('bptt-stepper').evaluate((node) => (node as unknown as { values: Values }).values);
/** The δ_t shown in the result card's bars. */
const shownDelta = (page: Page): Promise<string[]> =>
  page.locator('bptt-stepper .bs-result .bs-value').allTextContents();
const slider = (page: Page) => page.getByRole('slider', { name: 'Backward step t' });

describe('bptt-stepper widget', () => {
  it('steps back from t = T to 1, shows δ_t as an independent BPTT computes it, and ends at the engine’s ∂L/∂W_hh', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/backpropagation-through-time/');
    let v = await values(page);
    expect(v.word).toBe('hello');
    expect(v.T).toBe(4);
    expect(v.t).toBe(4);
    const ref = bptt(v);
    expect(await shownDelta(page)).toEqual(ref.delta[3].map(show));
    expect(await slider(page).getAttribute('aria-valuetext')).toBe('t = 4 · backward step 1 of 4');

    // By button: three steps back.
    for (const t of [3, 2, 1]) {
      await page.getByRole('button', { name: 'Back one step' }).click();
      expect(await shownDelta(page)).toEqual(ref.delta[t - 1].map(show));
      expect(page.url()).toContain(`bptt-stepper.t=${t}`);
    }
    v = await values(page);
    // δ_t as the recurrence computed it, the engine's trace, and the plain-loop BPTT agree in float64.
    expect(maxDiff(v.delta, ref.delta)).toBeLessThan(1e-12);
    expect(maxDiff(v.engineGradH, ref.delta)).toBeLessThan(1e-12);
    // The running total at t = 1 is the engine's ∂L/∂W_hh, and both are the plain-loop gradient.
    expect(maxDiff(v.total, v.engineGradWhh)).toBeLessThan(1e-9);
    expect(maxDiff(v.engineGradWhh, ref.grad)).toBeLessThan(1e-12);
    const agree = page.locator('bptt-stepper .bs-check .bs-agree');
    expect(Number(await agree.getAttribute('data-max-diff'))).toBeLessThan(1e-9);
    expect(await agree.textContent()).toMatch(/Largest difference between the two: (0|\d\.\d × 10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+) /);
    // The tables show the engine's gradient as the plain loops computed it.
    const engineTable = page.locator('bptt-stepper .bs-check table').nth(1);
    const cells = (await engineTable.locator('td').allTextContents()).map((s) => Number(s.replace('−', '-')));
    expect(cells).toHaveLength(9);
    cells.forEach((c, k) => expect(Math.abs(c - ref.grad[Math.floor(k / 3)][k % 3])).toBeLessThan(5e-5));
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('checks the gradient with finite differences in place', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/backpropagation-through-time/?bptt-stepper.t=1');
    await page.getByRole('button', { name: 'Check with finite differences' }).click();
    const result = page.locator('bptt-stepper .bs-fd .bs-agree');
    await expect.poll(() => result.count()).toBe(1);
    const rel = Number(await result.getAttribute('data-max-rel-error'));
    expect(rel).toBeGreaterThan(0);
    expect(rel).toBeLessThan(1e-6);
    expect(await result.textContent()).toContain('They agree');
    expect((await values(page)).fdMaxRelError).toBe(rel);
    // The numeric column really is central differences: each entry near the engine's gradient.
    const v = await values(page);
    const numeric = (await page.locator('bptt-stepper .bs-fd table').first().locator('td').allTextContents()).map((s) =>
      Number(s.replace('−', '-')),
    );
    numeric.forEach((n, k) => expect(Math.abs(n - v.engineGradWhh[Math.floor(k / 3)][k % 3])).toBeLessThan(2e-6));
    await context.close();
  });

  it('works with the keyboard alone', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/embed/bptt-stepper/');
    const ref = bptt(await values(page));
    // Tab until the widget itself has the focus, then step with the arrow keys.
    for (let i = 0; i < 30 && !(await page.evaluate(() => document.activeElement?.tagName === 'BPTT-STEPPER')); i++)
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BPTT-STEPPER');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await shownDelta(page)).toEqual(ref.delta[1].map(show));
    await page.keyboard.press('ArrowRight');
    expect(await shownDelta(page)).toEqual(ref.delta[2].map(show));
    await page.keyboard.press('Home');
    expect((await values(page)).t).toBe(1);
    await page.keyboard.press('End');
    expect((await values(page)).t).toBe(4);
    // Space plays and pauses; the focus ring is visible on the element.
    await page.keyboard.press(' ');
    expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await page.keyboard.press(' ');
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    const outline = await page.locator('bptt-stepper').evaluate((node) => getComputedStyle(node).outlineStyle);
    expect(outline).toBe('solid');
    // Reach the word field by Tab and type a new word.
    for (
      let i = 0;
      i < 10 &&
      !(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.id === 'bptt-stepper-word'));
      i++
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('banana');
    await page.keyboard.press('Enter');
    const v = await values(page);
    expect(v.word).toBe('banana');
    expect(v.T).toBe(5);
    expect(v.t).toBe(5);
    expect(page.url()).toContain('bptt-stepper.word=banana');
    // Tab on to the finite-difference button and press it.
    for (
      let i = 0;
      i < 40 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Check with finite differences';
      i++
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(Number(await page.locator('bptt-stepper .bs-fd .bs-agree').getAttribute('data-max-rel-error'))).toBeLessThan(
      1e-6,
    );
    await context.close();
  });

  it('takes a new word and seed, refuses a bad word with a message, and keeps working', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/embed/bptt-stepper/');
    const before = await values(page);
    await page.getByLabel('Weights seed').fill('7');
    await page.getByLabel('Weights seed').press('Enter');
    const seeded = await values(page);
    expect(seeded.weights.Whh).not.toEqual(before.weights.Whh);
    expect(page.url()).toContain('bptt-stepper.seed=7');
    expect(maxDiff(bptt(seeded).delta, seeded.delta)).toBeLessThan(1e-12);

    await page.getByLabel('Word').fill('Hi!');
    await page.getByLabel('Word').press('Enter');
    await expect.poll(() => page.locator('bptt-stepper .widget-notice').textContent()).toContain('a to z');
    expect((await values(page)).word).toBe('hello');
    expect(await page.getByLabel('Word').inputValue()).toBe('hello');
    expect(await shownDelta(page)).toHaveLength(3);
    await context.close();
  });

  it('restores its state from the URL and explains out-of-range values', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/embed/bptt-stepper/?bptt-stepper.word=banana&bptt-stepper.seed=3&bptt-stepper.t=2');
    let v = await values(page);
    expect([v.word, v.t, v.T]).toEqual(['banana', 2, 5]);
    expect(await shownDelta(page)).toEqual(bptt(v).delta[1].map(show));
    expect(await page.locator('bptt-stepper .widget-notice').isHidden()).toBe(true);

    await openWidget(page, '/embed/bptt-stepper/?bptt-stepper.t=9&bptt-stepper.seed=abc');
    v = await values(page);
    expect([v.word, v.t]).toEqual(['hello', 4]);
    const notice = await page.locator('bptt-stepper .widget-notice').textContent();
    expect(notice).toContain('bptt-stepper.seed=abc');
    expect(notice).toContain('Step 9 is past the end');
    await context.close();
  });

  it('works alone on its embed page at phone width, without sideways scrolling', async () => {
    const { context, page, problems } = await openPage(browser, { width: 360 });
    await openWidget(page, '/embed/bptt-stepper/?bptt-stepper.t=1');
    expect(await page.locator('.site-header').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Check with finite differences' }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in the ${colorScheme} theme`, async () => {
      const { context, page } = await openPage(browser, { colorScheme });
      await openWidget(page, '/embed/bptt-stepper/?bptt-stepper.t=1');
      await page.getByRole('button', { name: 'Check with finite differences' }).click();
      await page
        .locator('bptt-stepper details')
        .evaluateAll((nodes) => nodes.forEach((d) => d.setAttribute('open', '')));
      const results = await new AxeBuilder({ page }).include('bptt-stepper').options(AXE_OPTIONS).analyze();
      const serious = results.violations.filter((r) => r.impact === 'serious' || r.impact === 'critical');
      expect(
        serious.map(
          (r) =>
            `${r.id}: ${r.help} — ${r.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        ),
      ).toEqual([]);
      await context.close();
    });
  }
});
