// The live-equation widget: its substituted numbers agree with a hand computation; terms and diagram parts light
// each other by pointer and by keyboard focus; activation switch, stepping, URL state, bad input, embed page, axe.
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_OPTIONS } from './support/axe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, openPage, openWidget as openWidgetAt } from './support/browser';

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
const Why = [
  [1, -0.5, 0.3],
  [-0.6, 0.8, 0.2],
  [0.2, 0.4, -0.9],
];
const by = [0.1, 0, -0.1];
const SEQ = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 0.5],
  [0, 0],
];

const mv = (m: number[][], v: number[]): number[] => m.map((row) => row.reduce((s, w, j) => s + w * v[j], 0));
/** Steps 1..T by hand: a_t, h_t = f(a_t), z_t, y_t = softmax(z_t). */
function byHand(seq: number[][], f: 'tanh' | 'relu'): { a: number[]; h: number[]; z: number[]; y: number[] }[] {
  let h = [0, 0, 0];
  return seq.map((x) => {
    const a = mv(Wxh, x).map((v, i) => v + mv(Whh, h)[i] + bh[i]);
    h = a.map((v) => (f === 'tanh' ? Math.tanh(v) : Math.max(0, v)));
    const z = mv(Why, h).map((v, i) => v + by[i]);
    const e = z.map(Math.exp);
    const total = e.reduce((p, q) => p + q, 0);
    return { a, h, z, y: e.map((v) => v / total) };
  });
}
const tex = (v: number[]): string =>
  `\\begin{bmatrix}${v.map((x) => (Math.abs(x) < 5e-4 ? 0 : x).toFixed(3)).join(' \\\\ ')}\\end{bmatrix}`;
const words = (v: number[]): string =>
  `[${v.map((x) => (Math.abs(x) < 5e-4 ? 0 : x).toFixed(3).replace('-', '−')).join(', ')}]`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const widget = 'live-equation';
const openWidget = (page: Page, path: string): Promise<void> =>
  openWidgetAt(page, path, 'live-equation', '.le-diagram');
/** The TeX source of every piece showing `term`, read from KaTeX's MathML annotation. */
const texOf = (page: Page, term: string): Promise<string[]> =>
  page.locator(`${widget} .le-term[data-term="${term}"] annotation`).allTextContents();
const lit = (page: Page, selector: string): Promise<string[]> =>
  page
    .locator(`${widget} ${selector}.is-lit`)
    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.term ?? (n as HTMLElement).dataset.part ?? ''));

describe('live-equation widget', () => {
  it('substitutes the numbers of a hand computation, step by step', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/the-math/');
    const steps = byHand(SEQ, 'tanh');
    expect(await texOf(page, 'a')).toEqual([tex(steps[0].a)]);
    // h_1 appears as a symbol in both equations and as numbers twice: the result of the update, and W_hy's input.
    expect((await texOf(page, 'h')).filter((t) => t.includes('bmatrix'))).toEqual([tex(steps[0].h), tex(steps[0].h)]);
    expect(await texOf(page, 'z')).toEqual([tex(steps[0].z)]);
    expect(await texOf(page, 'y')).toContain(tex(steps[0].y));
    expect(tex(steps[0].h)).toBe('\\begin{bmatrix}0.462 \\\\ 0.716 \\\\ -0.462\\end{bmatrix}');

    await page.getByRole('button', { name: 'Next step' }).click();
    expect(page.url()).toContain('live-equation.t=2');
    expect(await texOf(page, 'hPrev')).toContain(tex(steps[0].h));
    expect(await texOf(page, 'a')).toEqual([tex(steps[1].a)]);
    await page.locator(widget).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(page.url()).toContain('live-equation.t=4');
    expect(await texOf(page, 'y')).toContain(tex(steps[3].y));
    expect(await page.locator(`${widget} .le-term[data-term="h"][tabindex="0"]`).getAttribute('aria-label')).toBe(
      `h_4, the new hidden state, carried to the next step: ${words(steps[3].h)}`,
    );
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('switches to ReLU: negative pre-activations become exactly 0', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/the-math/?live-equation.t=4');
    await page.getByRole('button', { name: 'ReLU' }).click();
    expect(page.url()).toContain('live-equation.act=relu');
    const steps = byHand(SEQ, 'relu');
    expect(steps[3].h.filter((v) => v === 0)).toHaveLength(2);
    expect((await texOf(page, 'h')).at(-1)).toBe(tex(steps[3].h));
    expect(await texOf(page, 'act')).toEqual([
      '\\operatorname{ReLU}\\big(',
      expect.stringContaining('\\operatorname{ReLU}\\left('),
    ]);
    expect(await page.locator(`${widget} [data-part="act"]`).textContent()).toBe('ReLU');
    await context.close();
  });

  it('lights a term’s diagram part on hover, and a part’s terms, with a readout of the value', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/the-math/?live-equation.t=2');
    const steps = byHand(SEQ, 'tanh');
    await page.locator(`${widget} .le-term[data-term="whhH"]`).hover();
    expect(await lit(page, '.le-part')).toEqual(['Whh']);
    expect(await page.locator(`${widget} .le-readout`).textContent()).toContain(
      `the memory term: ${words(mv(Whh, steps[0].h))}`,
    );

    await page.locator(`${widget} .le-part[data-part="Whh"]`).hover();
    expect(new Set(await lit(page, '.le-term'))).toEqual(new Set(['Whh', 'whhH']));
    expect(await lit(page, '.le-part')).toEqual(['Whh']);
    await page.locator(`${widget} .le-part[data-part="y"]`).hover();
    expect(await lit(page, '.le-term')).toEqual(['y', 'y']);
    await context.close();
  });

  it('works with the keyboard alone: Tab to terms and parts, both light up, and focus survives a step', async () => {
    const { context, page, problems } = await openPage(browser, { width: 390 });
    await page.goto(baseURL() + '/embed/live-equation/');
    await page.waitForFunction(() => document.querySelector('live-equation .le-diagram') !== null);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('LIVE-EQUATION');
    await page.keyboard.press('ArrowRight');
    expect(page.url()).toContain('live-equation.t=2');
    // Tab on through the controls to the first part of the diagram.
    let guard = 0;
    while (guard++ < 20 && !(await page.evaluate(() => document.activeElement?.classList.contains('le-part'))))
      await page.keyboard.press('Tab');
    const firstPart = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.part);
    expect(firstPart, 'the first part in the diagram’s tab order').toBe('Whh');
    // W_hh lights its own terms: the matrix and its product with h_{t−1}, in every row that shows them.
    expect([...new Set(await lit(page, '.le-term'))].sort()).toEqual(['Whh', 'whhH']);
    // On to the first term of the equations: h_2, which lights the h part.
    guard = 0;
    while (guard++ < 20 && !(await page.evaluate(() => document.activeElement?.classList.contains('le-term'))))
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.term)).toBe('h');
    expect(await lit(page, '.le-part')).toEqual(['h']);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('ArrowRight');
    expect(page.url()).toContain('live-equation.t=3');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.term)).toBe('h');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toContain(
      words(byHand(SEQ, 'tanh')[2].h),
    );
    await page.keyboard.press('ArrowLeft');
    expect(page.url()).toContain('live-equation.t=2');
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('restores its state from the URL and explains bad values', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/the-math/?live-equation.seq=0.5,0.5;1,-1&live-equation.t=2&live-equation.act=relu');
    expect(await texOf(page, 'a')).toEqual([
      tex(
        byHand(
          [
            [0.5, 0.5],
            [1, -1],
          ],
          'relu',
        )[1].a,
      ),
    ]);
    expect(await page.locator(`${widget} .tc-readout`).textContent()).toBe('t = 2 of 2');
    await openWidget(page, '/the-math/?live-equation.t=7&live-equation.act=sigmoid&live-equation.seq=1,2,3');
    const notice = await page.locator(`${widget} .widget-notice`).textContent();
    expect(notice).toContain('live-equation.act=sigmoid');
    expect(notice).toContain('live-equation.seq=1,2,3');
    expect(notice).toContain('past the end');
    expect(await texOf(page, 'a')).toEqual([tex(byHand(SEQ, 'tanh')[0].a)]);
    await context.close();
  });

  it('works alone on its embed page at phone width', async () => {
    const { context, page, problems } = await openPage(browser, { width: 360 });
    await openWidget(page, '/embed/live-equation/?live-equation.t=3');
    expect(await page.locator('.site-header').count()).toBe(0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
    expect(await texOf(page, 'a')).toEqual([tex(byHand(SEQ, 'tanh')[2].a)]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in the ${colorScheme} theme`, async () => {
      const { context, page } = await openPage(browser, { colorScheme });
      await openWidget(page, '/embed/live-equation/?live-equation.t=2');
      await page.getByText('Every term as a table').click();
      await page.locator(`${widget} .le-term[data-term="a"]`).hover();
      const results = await new AxeBuilder({ page }).include(widget).options(AXE_OPTIONS).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map(
          (v) =>
            `${v.id}: ${v.nodes
              .slice(0, 4)
              .map((n) => n.target.join(' '))
              .join(' | ')}`,
        ),
      ).toEqual([]);
      await context.close();
    });
  }
});
