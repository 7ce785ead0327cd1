// The unrolling widget: what it shows agrees with a hand-written forward pass over its weights; stepping, scrubbing,
// playing, typing and the view toggle work by mouse and by keyboard alone; URL state; bad input; embed page; axe.
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_OPTIONS } from './support/axe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import weights from '../components/widgets/Unrolling/weights.json';
import { baseURL, launch, openPage, openWidget as openWidgetAt } from './support/browser';

const ALPHABET = ' abcdefghijklmnopqrstuvwxyz';
const W = weights.rnn;
const fc = weights.fc;

/** h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) and y_t = softmax(W h_t + b), with plain loops over the weights file. */
function forward(text: string): { h: number[][]; probs: number[][] } {
  let h = new Array<number>(weights.hiddenSize).fill(0);
  const hs: number[][] = [];
  const probs: number[][] = [];
  for (const ch of text) {
    const id = ALPHABET.indexOf(ch);
    h = h.map((_, i) =>
      Math.tanh(
        W.weight_ih_l0[i][id] +
          W.bias_ih_l0[i] +
          W.bias_hh_l0[i] +
          W.weight_hh_l0[i].reduce((s, w, j) => s + w * h[j], 0),
      ),
    );
    hs.push(h);
    const z = fc.weight.map((row, k) => row.reduce((s, w, j) => s + w * h[j], fc.bias[k]));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const total = e.reduce((a, b) => a + b, 0);
    probs.push(e.map((v) => v / total));
  }
  return { h: hs, probs };
}
const label = (i: number): string => (ALPHABET[i] === ' ' ? '␣' : ALPHABET[i]);
const pct = (p: number): string => `${Math.round(p * 100)}%`;
/** The best guess as the current cell shows it: "l 98%". */
function guess(probs: number[]): string {
  const best = probs.indexOf(Math.max(...probs));
  return `${label(best)} ${pct(probs[best])}`;
}
const fmt3 = (x: number): string => x.toFixed(3).replace('-', '−');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const widget = 'rnn-unrolling';
const openWidget = (page: Page, path: string): Promise<void> =>
  openWidgetAt(page, path, 'rnn-unrolling', '.ur-diagram');
const readout = (page: Page): Promise<string | null> => page.locator(`${widget} .tc-readout`).textContent();
const currentGuess = (page: Page): Promise<string | null> =>
  page.locator(`${widget} .ur-step.is-current .ur-guess-text`).first().textContent();
const barValues = (page: Page): Promise<string[]> =>
  page.locator(`${widget} .ur-bar-row .ur-bar-value`).allTextContents();
const barChars = (page: Page): Promise<string[]> =>
  page.locator(`${widget} .ur-bar-row .ur-bar-char`).allTextContents();

describe('unrolling widget', () => {
  it('shows the forward pass of its weights, stepping by button, keyboard and slider', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/unrolling/');
    const { h, probs } = forward('hello');
    expect(await readout(page)).toBe('t = 1 of 5');
    expect(await currentGuess(page)).toBe(guess(probs[0]));
    expect(await page.locator(`${widget} .ur-step`).count()).toBe(5);

    await page.getByRole('button', { name: 'Next step' }).click();
    expect(await readout(page)).toBe('t = 2 of 5');
    expect(page.url()).toContain('unrolling.t=2');
    await page.locator(widget).focus();
    await page.keyboard.press('ArrowRight');
    expect(await readout(page)).toBe('t = 3 of 5');
    // The famous pair: after the first "l" the network expects another "l", after the second an "o".
    expect(await currentGuess(page)).toBe(guess(probs[2]));
    expect(guess(probs[2])).toMatch(/^l /);
    const sorted = [...probs[2]]
      .map((p, i) => ({ p, i }))
      .sort((a, b) => b.p - a.p)
      .slice(0, 5);
    expect(await barChars(page)).toEqual(sorted.map((d) => label(d.i)));
    expect(await barValues(page)).toEqual(sorted.map((d) => (Math.round(d.p * 100) === 0 ? '<1%' : pct(d.p))));

    // The heatmap has filled three columns of 8 units; the later steps' cells are there but hidden.
    const cells = page.locator(`${widget} .ur-heat g.cells rect`);
    expect(await cells.count()).toBe(40);
    expect(
      await cells.evaluateAll((rects) => rects.filter((r) => r.getAttribute('visibility') !== 'hidden').length),
    ).toBe(24);

    await page.getByRole('slider', { name: 'Time step t' }).focus();
    await page.keyboard.press('End');
    expect(await readout(page)).toBe('t = 5 of 5');
    expect(await currentGuess(page)).toBe(guess(probs[4]));
    await page.keyboard.press('Home');
    expect(await readout(page)).toBe('t = 1 of 5');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await currentGuess(page)).toBe(guess(probs[3]));
    expect(guess(probs[3])).toMatch(/^o /);

    // The text alternative holds every h_t up to the current step.
    await page.getByText('The numbers as tables').click();
    const firstRow = await page
      .locator(`${widget} .ur-table`)
      .first()
      .locator('tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(firstRow).toEqual(h.slice(0, 4).map((v) => fmt3(v[0])));
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('plays to the end and stops; Space pauses and resumes', async () => {
    const { context, page, problems } = await openPage(browser, { reducedMotion: 'reduce' });
    await openWidget(page, '/unrolling/?unrolling.speed=fast&unrolling.text=hi%20there');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => readout(page), { timeout: 15_000 }).toBe('t = 8 of 8');
    await expect.poll(() => page.locator(`${widget} .tc-play`).getAttribute('aria-label')).toBe('Play');
    expect(await currentGuess(page)).toBe(guess(forward('hi there').probs[7]));
    await page.locator(widget).focus();
    await page.keyboard.press('Space');
    expect(await page.locator(`${widget} .tc-play`).getAttribute('aria-label')).toBe('Pause');
    await page.keyboard.press('Space');
    expect(await page.locator(`${widget} .tc-play`).getAttribute('aria-label')).toBe('Play');
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('is operable with the keyboard alone: type a text, switch the view, step', async () => {
    const { context, page, problems } = await openPage(browser, { width: 390 });
    await page.goto(baseURL() + '/embed/unrolling/');
    await page.waitForFunction(() => document.querySelector('rnn-unrolling .ur-diagram') !== null);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('RNN-UNROLLING');
    await page.keyboard.press('ArrowRight');
    expect(await readout(page)).toBe('t = 2 of 5');
    // Next in the widget: its Share / embed button, then the text.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Share / embed');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('unrolling-text');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('the cat');
    expect(await readout(page)).toBe('t = 7 of 7');
    expect(await currentGuess(page)).toBe(guess(forward('the cat').probs[6]));
    expect(page.url()).toContain('unrolling.text=the+cat');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Folded');
    await page.keyboard.press('Enter');
    expect(await page.locator(`${widget} .ur-folded`).count()).toBe(1);
    expect(page.url()).toContain('unrolling.view=folded');
    await page.keyboard.press('ArrowLeft');
    expect(await readout(page)).toBe('t = 6 of 7');
    expect(await page.locator(`${widget} .ur-step.is-current .ur-guess-text`).textContent()).toBe(
      guess(forward('the cat').probs[5]),
    );
    // Focus is visible on the widget's controls.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('restores its state from the URL and explains bad input without going blank', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/unrolling/?unrolling.text=the%20cat&unrolling.t=4&unrolling.view=folded');
    expect(await readout(page)).toBe('t = 4 of 7');
    expect(await page.locator(`${widget} .ur-folded`).count()).toBe(1);
    expect(await currentGuess(page)).toBe(guess(forward('the cat').probs[3]));

    await openWidget(page, '/unrolling/?unrolling.text=Ab3c!&unrolling.t=99&unrolling.view=sideways');
    const notice = await page.locator(`${widget} .widget-notice`).textContent();
    expect(notice).toContain('unrolling.t=99');
    expect(notice).toContain('unrolling.view=sideways');
    expect(notice).toContain('Capital letters');
    expect(notice).toContain('“3”');
    expect(await readout(page)).toBe('t = 1 of 3');
    expect(await page.locator(`${widget} .ur-unrolled .ur-step`).count()).toBe(3);

    const field = page.getByLabel('Your text', { exact: true });
    await field.fill('');
    expect(await page.locator(`${widget} .widget-notice`).textContent()).toContain('nothing to unroll');
    expect(await page.locator(`${widget} .ur-step`).count()).toBe(5);
    await field.fill('abcdefghijklmnopqrstuvwxyz');
    expect(await page.locator(`${widget} .widget-notice`).textContent()).toContain('Only the first 20 characters');
    expect(await readout(page)).toBe('t = 20 of 20');
    // A long sequence scrolls inside its own focusable region, not the page.
    const region = page.getByRole('region', { name: /The network, one cell per step/ });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.evaluate((r) => r.scrollWidth > r.clientWidth)).toBe(true);
    await context.close();
  });

  it('works alone on its embed page at phone width', async () => {
    const { context, page, problems } = await openPage(browser, { width: 360 });
    await openWidget(page, '/embed/unrolling/?unrolling.t=2');
    expect(await page.locator('.site-header').count()).toBe(0);
    expect(await readout(page)).toBe('t = 2 of 5');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
    await page.getByRole('button', { name: 'Next step' }).click();
    expect(page.url()).toContain('unrolling.t=3');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in the ${colorScheme} theme, tables open, both views`, async () => {
      const { context, page } = await openPage(browser, { colorScheme });
      for (const view of ['unrolled', 'folded']) {
        await openWidget(page, `/embed/unrolling/?unrolling.t=3&unrolling.view=${view}`);
        await page.getByText('The numbers as tables').click();
        const results = await new AxeBuilder({ page }).include(widget).options(AXE_OPTIONS).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
      }
      await context.close();
    });
  }
});
