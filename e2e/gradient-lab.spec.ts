// The gradient-lab widget: its table against the engine's introspection and against finite differences, controls by
// mouse and keyboard, what clipping does in words, URL state and bad values, the embed page, and axe in both themes.
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_OPTIONS } from './support/axe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, openWidget as openWidgetAt } from './support/browser';

type Kind = 'rnn' | 'lstm' | 'gru';
interface Values {
  settings: { rho: number; activation: string; seqLen: number; seed: number; gateBias: number };
  clip: boolean;
  tau: number;
  computeMs: number;
  updateMs: number;
  eigenvalues: { re: number; im: number }[];
  cells: Record<
    Kind,
    {
      gradH: number[];
      jacobian: number[];
      gradNorm: number;
      clip: { factor: number; clipped: boolean; clippedNorm: number };
    }
  >;
}
interface LabElement extends HTMLElement {
  values: Values;
  finiteDifferenceGradH(kind: Kind, t: number): number[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const openWidget = (page: Page, path: string): Promise<void> =>
  openWidgetAt(page, path, 'gradient-lab', '.gl-chart-gru svg');
const values = (page: Page): Promise<Values> =>
  page.locator('gradient-lab').evaluate((node) => (node as LabElement).values);
/** Wait for the next frame's update, then read the values. */
const settled = async (page: Page): Promise<Values> => {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return values(page);
};
const setRange = (page: Page, label: string, value: number): Promise<void> =>
  page.getByLabel(label).evaluate((input, v) => {
    (input as HTMLInputElement).value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
/** Parse the widget's scientific notation back into a number: "6.50 × 10⁻¹⁰" → 6.5e-10. */
function parseSci(text: string): number {
  const m = /^(−?[\d.]+)(?: × 10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?$/.exec(text.trim());
  if (!m) return NaN;
  const exp = m[2]
    ? Number(m[2].replace('⁻', '-').replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (d) => String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(d))))
    : 0;
  return Number(m[1].replace('−', '-')) * 10 ** exp;
}
const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('gradient-lab widget', () => {
  it('shows in its table the engine’s norms, which central differences of the loss confirm', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/backpropagation-through-time/');
    const v = await values(page);
    expect(v.settings).toEqual({ rho: 0.8, activation: 'tanh', seqLen: 50, seed: 1, gateBias: 1 });
    // Eigenvalues: eight of them, the largest of modulus ρ.
    expect(v.eigenvalues).toHaveLength(8);
    expect(Math.max(...v.eigenvalues.map((z) => Math.hypot(z.re, z.im)))).toBeCloseTo(0.8, 9);

    await page.getByText('The charts as a table (every t)').click();
    const rows = page.locator('gradient-lab .gl-norms tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    for (const t of [1, 25, 50]) {
      const cells = (
        await rows
          .nth(t - 1)
          .locator('td')
          .allTextContents()
      ).map(parseSci);
      const expected = (['rnn', 'lstm', 'gru'] as const).flatMap((k) => [
        v.cells[k].gradH[t - 1],
        v.cells[k].jacobian[t - 1],
      ]);
      cells.forEach((c, i) => expect(relErr(c, expected[i])).toBeLessThan(1e-3));
    }
    // The engine's ‖∂L/∂h_t‖ against finite differences that use forward passes only.
    for (const kind of ['rnn', 'lstm', 'gru'] as const) {
      for (const t of [kind === 'rnn' ? 30 : 1, 45, 50]) {
        const fd = await page
          .locator('gradient-lab')
          .evaluate((node, [k, s]) => (node as LabElement).finiteDifferenceGradH(k, s), [kind, t] as const);
        const norm = Math.hypot(...fd);
        // Central differences with ε = 1e-6 are good to about 1e-10 absolute here.
        expect(norm).toBeGreaterThan(1e-6);
        expect(Math.abs(norm - v.cells[kind].gradH[t - 1])).toBeLessThan(1e-5 * norm + 1e-9);
      }
    }
    // The eigenvalue table lists the same eigenvalues.
    await page.getByText('The eigenvalues as a table').click();
    const moduli = (
      await page.locator('gradient-lab .gl-details table').first().locator('tbody td:nth-child(2)').allTextContents()
    ).map(Number);
    expect(moduli.sort()).toEqual(v.eigenvalues.map((z) => Number(Math.hypot(z.re, z.im).toFixed(3))).sort());
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('explodes with a linear RNN at ρ = 1.2, and clipping tames it without changing its shape', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/backpropagation-through-time/');
    await setRange(page, 'Spectral radius ρ(Whh)', 1.2);
    await page.getByLabel('linear (none)').check();
    await setRange(page, 'Sequence length T', 100);
    let v = await settled(page);
    expect(v.settings).toMatchObject({ rho: 1.2, activation: 'linear', seqLen: 100 });
    // The URL is written once the reader pauses (browsers throttle history.replaceState); on a busy machine a pause
    // can fall between two of the changes, so wait for all three.
    await expect
      .poll(() => ['rho', 'act', 'seqLen'].map((name) => new URL(page.url()).searchParams.get(`gradient-lab.${name}`)))
      .toEqual(['1.2', 'linear', '100']);
    expect(v.cells.rnn.gradH[0] / v.cells.rnn.gradH[99]).toBeGreaterThan(1e3);
    expect(await page.locator('gradient-lab .gl-trend').first().textContent()).toContain('it explodes');

    await page.getByLabel('Clip the gradient norm at τ =').check();
    v = await settled(page);
    const box = page.locator('gradient-lab .gl-clipbox');
    expect(await box.isVisible()).toBe(true);
    const words = await box.locator('p').first().textContent();
    expect(words).toContain('tames the explosion');
    expect(words).toContain('shape is unchanged');
    // The factor is τ / ‖g‖, and the clipped curve is the original times it.
    const rnn = v.cells.rnn;
    expect(rnn.clip.clipped).toBe(true);
    expect(rnn.clip.factor).toBeCloseTo(10 / (rnn.gradNorm + 1e-6), 20);
    expect(rnn.clip.clippedNorm).toBeCloseTo(10, 6);
    const factorShown = parseSci((await box.locator('tbody tr').first().locator('td').nth(1).textContent()) ?? '');
    expect(relErr(factorShown, rnn.clip.factor)).toBeLessThan(1e-2);
    expect(await page.locator('gradient-lab .gl-chart-rnn g[stroke-dasharray="6 4"]').count()).toBe(1);

    // A vanishing run: clipping does nothing, and says so.
    await page.getByLabel('tanh').check();
    await setRange(page, 'Spectral radius ρ(Whh)', 0.8);
    v = await settled(page);
    expect(v.cells.rnn.clip.clipped).toBe(false);
    const vanishing = await box.locator('p').first().textContent();
    expect(vanishing).toContain('clipping does nothing');
    expect(vanishing).toContain('cannot bring back a vanished one');
    expect(await page.locator('gradient-lab .gl-chart-rnn g[stroke-dasharray="6 4"]').count()).toBe(0);
    await context.close();
  });

  it('works with the keyboard alone, and measures how long an update takes', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/embed/gradient-lab/');
    const focusedId = (): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);
    for (let i = 0; i < 20 && (await focusedId()) !== 'gradient-lab-rho'; i++) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('gradient-lab-rho');
    expect(await page.locator('#gradient-lab-rho').evaluate((n) => getComputedStyle(n).outlineStyle)).toBe('solid');
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
    expect((await settled(page)).settings.rho).toBeCloseTo(1.2, 9);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight'); // radio group: tanh → ReLU
    expect((await settled(page)).settings.activation).toBe('relu');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('gradient-lab-seqlen');
    await page.keyboard.press('End');
    let v = await settled(page);
    expect(v.settings.seqLen).toBe(200);
    expect(v.cells.lstm.gradH).toHaveLength(200);
    console.log(
      `gradient-lab at T = 200, three cells: computation ${v.computeMs.toFixed(1)} ms, whole update (with drawing) ${v.updateMs.toFixed(1)} ms`,
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowLeft');
    expect((await settled(page)).settings.gateBias).toBe(0.5);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    v = await settled(page);
    expect(v.clip).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('gradient-lab-tau');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.5');
    await page.keyboard.press('Enter');
    v = await settled(page);
    expect(v.tau).toBe(0.5);
    expect(v.cells.rnn.clip.clippedNorm).toBeCloseTo(0.5, 6);
    await expect.poll(() => page.url()).toContain('gradient-lab.tau=0.5');
    await context.close();
  });

  it('restores its state from the URL, and replaces bad values with defaults and a notice', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(
      page,
      '/embed/gradient-lab/?gradient-lab.rho=1.5&gradient-lab.act=relu&gradient-lab.seqLen=120&gradient-lab.clip=1&gradient-lab.tau=2&gradient-lab.bias=3&gradient-lab.seed=7',
    );
    let v = await values(page);
    expect(v.settings).toEqual({ rho: 1.5, activation: 'relu', seqLen: 120, seed: 7, gateBias: 3 });
    expect([v.clip, v.tau]).toEqual([true, 2]);
    expect(await page.getByLabel('ReLU').isChecked()).toBe(true);
    expect(await page.getByLabel('Sequence length T').inputValue()).toBe('120');
    expect(await page.locator('gradient-lab .widget-notice').isHidden()).toBe(true);

    await openWidget(page, '/embed/gradient-lab/?gradient-lab.rho=5&gradient-lab.act=sigmoid&gradient-lab.seqLen=0');
    v = await values(page);
    expect(v.settings).toEqual({ rho: 0.8, activation: 'tanh', seqLen: 50, seed: 1, gateBias: 1 });
    const notice = await page.locator('gradient-lab .widget-notice').textContent();
    expect(notice).toContain('gradient-lab.rho=5');
    expect(notice).toContain('gradient-lab.act=sigmoid');
    expect(notice).toContain('gradient-lab.seqLen=0');
    expect(await page.locator('gradient-lab .gl-chart-rnn svg').count()).toBeGreaterThan(0);
    // The bad values are gone from the address, which now says what the widget shows.
    expect(new URL(page.url()).search).toBe('');

    // A bad threshold typed in is refused with a message; the widget keeps its last good value.
    await page.getByLabel('Clip the gradient norm at τ =').check();
    await page.getByLabel('Clipping threshold τ').fill('-4');
    await page.getByLabel('Clipping threshold τ').press('Enter');
    await expect.poll(() => page.locator('gradient-lab .widget-notice').textContent()).toContain('threshold τ must be');
    expect((await values(page)).tau).toBe(10);
    await context.close();
  });

  it('works alone on its embed page at phone width, without sideways scrolling', async () => {
    const { context, page, problems } = await openPage(browser, { width: 360 });
    await openWidget(page, '/embed/gradient-lab/?gradient-lab.clip=1&gradient-lab.act=linear&gradient-lab.rho=1.2');
    expect(await page.locator('.site-header').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const width = await page
      .locator('gradient-lab .gl-chart-rnn svg')
      .last()
      .evaluate((n) => n.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(340);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  it('keeps the RNN chart in view above the sliders on a phone while they move', async () => {
    const { context, page } = await openPage(browser, { width: 360, height: 740 });
    await openWidget(page, '/backpropagation-through-time/');
    const rect = (selector: string): Promise<{ top: number; bottom: number }> =>
      page.locator(selector).evaluate((n) => {
        const r = n.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom };
      });
    for (const label of ['Sequence length T', 'Memory-gate bias (LSTM f, GRU z)']) {
      // Bring the slider to the bottom of the screen, as a reader scrolling down to it would.
      await page.getByLabel(label).evaluate((n) => n.scrollIntoView({ block: 'end' }));
      await page.getByLabel(label).focus();
      await page.keyboard.press('ArrowRight');
      await settled(page);
      const chart = await rect('gradient-lab .gl-rnn-chart');
      const slider = await rect(`#${await page.getByLabel(label).getAttribute('id')}`);
      expect(chart.top, label).toBeGreaterThanOrEqual(-1);
      expect(chart.bottom, label).toBeLessThanOrEqual(slider.top + 1);
      expect(slider.bottom, label).toBeLessThanOrEqual(740 + 1);
    }
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in the ${colorScheme} theme`, async () => {
      const { context, page } = await openPage(browser, { colorScheme });
      await openWidget(page, '/embed/gradient-lab/?gradient-lab.clip=1&gradient-lab.act=linear&gradient-lab.rho=1.2');
      await page
        .locator('gradient-lab details')
        .evaluateAll((nodes) => nodes.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await settled(page);
      const results = await new AxeBuilder({ page }).include('gradient-lab').options(AXE_OPTIONS).analyze();
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
