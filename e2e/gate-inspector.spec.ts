// The gate-inspector widget: its numbers agree with an LSTM/GRU written out by hand over its weights file (and with
// the engine trace it exposes); scrubbing, cell/gate/view switches by mouse and by keyboard alone; URL state; bad input; embed page; axe.
import { AxeBuilder } from '@axe-core/playwright';
import { AXE_OPTIONS } from './support/axe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import weights from '../components/widgets/GateInspector/weights.json';
import { launch, openPage, openWidget as openWidgetAt } from './support/browser';

type Matrix = number[][];
interface Dict {
  [name: string]: Matrix | number[];
}
const H = 4;
const sigma = (a: number): number => 1 / (1 + Math.exp(-a));
const dot = (w: number[], v: number[]): number => w.reduce((s, wk, k) => s + wk * v[k], 0);
const fmt3 = (x: number): string => (Math.abs(x) < 0.0005 ? 0 : x).toFixed(3).replace('-', '−');

/** The default sequence "0.3 -0.5 *0.8 0.1 -0.7 0.4 -0.2 0.6" as inputs x_t = [value, mark]. */
const DEFAULT_X = [0.3, -0.5, 0.8, 0.1, -0.7, 0.4, -0.2, 0.6].map((v, k) => [v, k === 2 ? 1 : 0]);

/** One direction of one layer, the chapter's equations in plain loops; `reverse` reads from t = T down to 1. */
function byHand(cell: 'lstm' | 'gru', p: Dict, suffix: string, x: Matrix, reverse = false) {
  const Wi = p[`weight_ih_${suffix}`] as Matrix;
  const Wh = p[`weight_hh_${suffix}`] as Matrix;
  const bi = p[`bias_ih_${suffix}`] as number[];
  const bh = p[`bias_hh_${suffix}`] as number[];
  const T = x.length;
  const out = { gates: {} as Record<string, Matrix>, h: [] as Matrix, c: [] as Matrix };
  const names = cell === 'lstm' ? ['i', 'f', 'g', 'o'] : ['r', 'z', 'n'];
  for (const g of names) out.gates[g] = [];
  let h = new Array<number>(H).fill(0);
  let c = new Array<number>(H).fill(0);
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - 1 - k : k;
    // Row j of gate number q is row q·H + j of the stacked weights (PyTorch's order).
    const a = (q: number, j: number, withH = true): number =>
      dot(Wi[q * H + j], x[t]) + bi[q * H + j] + (withH ? dot(Wh[q * H + j], h) + bh[q * H + j] : 0);
    const gate: Record<string, number[]> = {};
    if (cell === 'lstm') {
      gate.i = h.map((_, j) => sigma(a(0, j)));
      gate.f = h.map((_, j) => sigma(a(1, j)));
      gate.g = h.map((_, j) => Math.tanh(a(2, j)));
      gate.o = h.map((_, j) => sigma(a(3, j)));
      c = c.map((cj, j) => gate.f[j] * cj + gate.i[j] * gate.g[j]);
      h = h.map((_, j) => gate.o[j] * Math.tanh(c[j]));
    } else {
      gate.r = h.map((_, j) => sigma(a(0, j)));
      gate.z = h.map((_, j) => sigma(a(1, j)));
      gate.n = h.map((_, j) => Math.tanh(a(2, j, false) + gate.r[j] * (dot(Wh[2 * H + j], h) + bh[2 * H + j])));
      h = h.map((hj, j) => (1 - gate.z[j]) * gate.n[j] + gate.z[j] * hj);
    }
    for (const g of names) out.gates[g][t] = gate[g]!;
    out.h[t] = h;
    out.c[t] = c;
  }
  return out;
}

const stored = weights as unknown as Record<string, { rnn: Dict; fc: { weight: Matrix; bias: number[] } }>;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const widget = 'gate-inspector';
const openWidget = (page: Page, path: string): Promise<void> =>
  openWidgetAt(page, path, 'gate-inspector', '.gi-diagram svg', '.gi-chart svg');

interface Shown {
  config: { cell: string; numLayers: number; bidirectional: boolean };
  x: Matrix;
  yhat: number[];
  rows: { suffix: string; direction: string; x: Matrix; h: Matrix; c: Matrix | null; gates: Record<string, Matrix> }[];
}
const inspection = (page: Page): Promise<Shown> =>
  page.evaluate(() => (document.querySelector('gate-inspector') as unknown as { inspection: Shown }).inspection);
const urlState = (page: Page): URLSearchParams => new URL(page.url()).searchParams;
const readout = (page: Page): Promise<string | null> => page.locator(`${widget} .tc-readout`).textContent();
const eqTitle = (page: Page): Promise<string | null> => page.locator(`${widget} .gi-eq-title`).textContent();
/** The result line of one unit in "Show the arithmetic": "f = σ(−1.891) = 0.131". */
const arithmeticResult = (page: Page, unit: number): Promise<string | null> =>
  page.locator(`${widget} .gi-arith tr[data-unit="${unit}"] .gi-arith-result`).textContent();
const close = (a: Matrix, b: Matrix, tol = 1e-6): boolean =>
  a.every((row, t) => row.every((v, j) => Math.abs(v - b[t][j]) < tol));

describe('gate-inspector widget', () => {
  it('shows what an LSTM written out by hand computes: the exposed trace, the equation and the arithmetic agree', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/variants/');
    const shown = await inspection(page);
    const hand = byHand('lstm', stored['lstm-l1'].rnn, 'l0', DEFAULT_X);
    expect(shown.x).toEqual(DEFAULT_X);
    for (const g of ['i', 'f', 'g', 'o']) expect(close(shown.rows[0].gates[g], hand.gates[g]), `gate ${g}`).toBe(true);
    expect(close(shown.rows[0].c!, hand.c)).toBe(true);
    expect(close(shown.rows[0].h, hand.h)).toBe(true);
    // The readout ŷ_t = W h_t + b, and the network does its task: after the mark it reports about 0.8.
    const fc = stored['lstm-l1'].fc;
    hand.h.forEach((h, t) => expect(shown.yhat[t]).toBeCloseTo(dot(fc.weight[0], h) + fc.bias[0], 6));
    expect(Math.abs(shown.yhat[5] - 0.8)).toBeLessThan(0.1);

    // Defaults: the forget gate at step 3, the mark. Its arithmetic ends in the hand-computed f_3 of every unit.
    expect(await eqTitle(page)).toContain('forget gate, step 3');
    await page.locator(`${widget} summary`, { hasText: 'Show the arithmetic' }).click();
    for (let j = 0; j < H; j++)
      expect(await arithmeticResult(page, j + 1)).toMatch(new RegExp(`= ${fmt3(hand.gates.f[2][j])}$`));
    // The typeset equation (MathML) ends with the same vector.
    await expect
      .poll(() => page.locator(`${widget} .gi-equation math`).first().textContent())
      .toContain(hand.gates.f[2].map((v) => v.toFixed(3)).join(''));

    // i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi) for unit 1 at step 4, from the weights the widget displays.
    await page.locator(`${widget} .gi-gates button`, { hasText: 'input gate' }).click();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => eqTitle(page)).toContain('input gate, step 4');
    await page.locator(`${widget} summary`, { hasText: 'Show this gate' }).click();
    const cellsOf = async (name: string): Promise<number[]> =>
      (await page.locator(`${widget} .gi-matrix[data-name="${name}"] td`).allTextContents()).map((s) =>
        Number(s.replace('−', '-')),
      );
    const [Wii, Whi, bii, bhi] = [await cellsOf('Wi'), await cellsOf('Wh'), await cellsOf('bi'), await cellsOf('bh')];
    expect(Wii).toHaveLength(2 * H);
    const i4 = sigma(Wii[0] * 0.1 + Wii[1] * 0 + bii[0] + dot(Whi.slice(0, H), hand.h[2]) + bhi[0]);
    expect(Math.abs(i4 - hand.gates.i[3][0])).toBeLessThan(2e-4);
    expect(await arithmeticResult(page, 1)).toMatch(new RegExp(`= ${fmt3(hand.gates.i[3][0])}$`));
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('scrubs with the slider and keys, switches cell, gate and view, and keeps them in the URL', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/variants/');
    const slider = page.locator(`${widget} .tc-slider`);
    await slider.fill('6');
    await expect.poll(() => readout(page)).toBe('t = 6 of 8');
    expect(urlState(page).get('gate-inspector.t')).toBe('6');
    await page.locator(`${widget} .gi-overview [data-t="2"][data-row="0"]`).click();
    await expect.poll(() => readout(page)).toBe('t = 2 of 8');

    // GRU: the forget gate's counterpart, the update gate z, is chosen; its numbers are the GRU's.
    await page.getByRole('button', { name: 'GRU', exact: true }).click();
    await expect.poll(() => eqTitle(page)).toContain('update gate, step 2');
    expect(urlState(page).get('gate-inspector.cell')).toBe('gru');
    const gru = byHand('gru', stored['gru-l1'].rnn, 'l0', DEFAULT_X);
    const shown = await inspection(page);
    for (const g of ['r', 'z', 'n']) expect(close(shown.rows[0].gates[g], gru.gates[g]), `gate ${g}`).toBe(true);
    expect(close(shown.rows[0].h, gru.h)).toBe(true);
    // Choosing n in the diagram opens its equation, with r inside.
    await page.locator(`${widget} .gi-gate[data-gate="n"]`).click();
    await expect.poll(() => eqTitle(page)).toContain('new state');
    expect(await page.locator(`${widget} .gi-gate[data-gate="n"]`).getAttribute('aria-pressed')).toBe('true');
    await page.locator(`${widget} summary`, { hasText: 'Show the arithmetic' }).click();
    expect(await arithmeticResult(page, 3)).toMatch(new RegExp(`= ${fmt3(gru.gates.n[1][2])}$`));

    // Bidirectional: a forward and a backward row; the backward row at step t has read x_T … x_t.
    await page.getByRole('button', { name: 'Bidirectional' }).click();
    await expect.poll(() => page.locator(`${widget} .gi-n-cell[data-row="1"]`).count()).toBe(8);
    const bi = await inspection(page);
    const p = stored['gru-bi'].rnn;
    expect(close(bi.rows[0].h, byHand('gru', p, 'l0', DEFAULT_X).h)).toBe(true);
    const backward = byHand('gru', p, 'l0_reverse', DEFAULT_X, true);
    expect(close(bi.rows[1].h, backward.h)).toBe(true);
    // Changing x_1 leaves the backward state at t ≥ 2 untouched: it has not read x_1 yet.
    const changed = byHand('gru', p, 'l0_reverse', [[-0.9, 1], ...DEFAULT_X.slice(1)], true);
    expect(close(changed.h.slice(1), backward.h.slice(1), 1e-12)).toBe(true);
    expect(await page.locator(`${widget} .gi-caption`).textContent()).toContain('the backward cell has read x8 … x2');
    await page.getByRole('button', { name: '← Backward' }).click();
    await expect.poll(() => eqTitle(page)).toContain('the backward row');
    expect(urlState(page).get('gate-inspector.row')).toBe('2');

    // Stacked, three layers: layer 2 reads layer 1's h_t.
    await page.getByRole('button', { name: 'Stacked' }).click();
    await page.getByRole('button', { name: '3 layers' }).click();
    await expect.poll(() => page.locator(`${widget} .gi-n-cell[data-row="2"]`).count()).toBe(8);
    const stack = await inspection(page);
    expect(stack.config).toEqual({ cell: 'gru', numLayers: 3, bidirectional: false });
    const l1 = byHand('gru', stored['gru-l3'].rnn, 'l0', DEFAULT_X);
    const l2 = byHand('gru', stored['gru-l3'].rnn, 'l1', l1.h);
    expect(close(stack.rows[1].h, l2.h)).toBe(true);
    expect(Object.fromEntries(urlState(page))).toMatchObject({
      'gate-inspector.view': 'stacked',
      'gate-inspector.layers': '3',
      'gate-inspector.cell': 'gru',
      'gate-inspector.gate': 'n',
    });
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('works with the keyboard alone', async () => {
    const { context, page } = await openPage(browser);
    await openWidget(page, '/embed/gate-inspector/');
    // Tab from the top reaches every kind of control, in order, each with a visible focus ring.
    await page.locator(`${widget} .gi-text`).focus();
    const seen: string[] = [];
    for (let k = 0; k < 40; k++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        if (!a || !a.closest('gate-inspector')) return null;
        // The focus colour as the browser resolves it, to compare with the outline (or, for a gate in the SVG, its box's stroke).
        const probe = document.body.appendChild(document.createElement('span'));
        probe.style.color = 'var(--focus)';
        const focusColor = getComputedStyle(probe).color;
        probe.remove();
        const ring = a.matches('.gi-gate')
          ? getComputedStyle(a.querySelector('.gi-d-box') as Element).stroke === focusColor
          : getComputedStyle(a).outlineStyle !== 'none' && getComputedStyle(a).outlineColor === focusColor;
        return `${a.getAttribute('aria-label') ?? a.textContent?.trim().slice(0, 20)}|${ring}`;
      });
      if (focused) seen.push(focused);
    }
    const names = seen.map((s) => s.split('|')[0]);
    for (const name of ['Read', 'LSTM', 'GRU', 'One layer', 'Bidirectional', 'Stacked', 'Time step t', 'f forget gate'])
      expect(names, name).toContain(name);
    expect(names.some((n) => n?.startsWith('forget gate f'))).toBe(true);
    expect(
      seen.every((s) => s.endsWith('|true')),
      seen.join('\n'),
    ).toBe(true);

    // Arrows step in time, Home/End jump, Space plays; Enter on a gate in the diagram opens it.
    await page.locator(widget).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => readout(page)).toBe('t = 4 of 8');
    await page.keyboard.press('End');
    await expect.poll(() => readout(page)).toBe('t = 8 of 8');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => readout(page)).toBe('t = 1 of 8');
    await page.locator(`${widget} .gi-gate[data-gate="o"]`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => eqTitle(page)).toContain('output gate, step 1');
    await page.getByRole('button', { name: 'Bidirectional' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`${widget} .gi-n-cell[data-row="1"]`).count()).toBe(8);
    await page.locator(widget).focus();
    await page.keyboard.press(' ');
    await expect.poll(() => readout(page), { timeout: 10_000 }).toBe('t = 3 of 8');
    await page.keyboard.press(' ');
    // Typing a sequence and pressing Enter reads it.
    await page.locator(`${widget} .gi-text`).fill('0.5 *-0.25 0.1');
    await page.locator(`${widget} .gi-text`).press('Enter');
    await expect
      .poll(async () => (await inspection(page)).x)
      .toEqual([
        [0.5, 0],
        [-0.25, 1],
        [0.1, 0],
      ]);
    expect(urlState(page).get('gate-inspector.seq')).toBe('0.5,*-0.25,0.1');
    await context.close();
  });

  it('restores its state from the URL, and explains bad values and bad input without going blank', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(
      page,
      '/variants/?gate-inspector.seq=0.5,*-0.4,0.2&gate-inspector.cell=gru&gate-inspector.gate=r&gate-inspector.t=2&gate-inspector.view=stacked&gate-inspector.layers=3&gate-inspector.row=3',
    );
    expect(await readout(page)).toBe('t = 2 of 3');
    expect(await eqTitle(page)).toContain('reset gate, step 2 — layer 3');
    expect((await inspection(page)).config).toEqual({ cell: 'gru', numLayers: 3, bidirectional: false });
    expect(await page.locator(`${widget} .widget-notice`).isHidden()).toBe(true);

    await openWidget(page, '/variants/?gate-inspector.t=10&gate-inspector.gate=q&gate-inspector.seq=1,zz&other=1');
    const notice = await page.locator(`${widget} .widget-notice`).textContent();
    expect(notice).toContain('gate-inspector.gate=q');
    expect(notice).toContain('“gate-inspector.seq=1,zz” must list 1 to 12 numbers from −1 to 1');
    expect(notice).toContain('Step 10 is past the end of the 8-step sequence');
    expect(await readout(page)).toBe('t = 8 of 8');
    // The address now holds what the widget shows (t = 8, the default gate and sequence), and keeps others' parameters.
    expect(new URL(page.url()).search).toBe('?gate-inspector.t=8&other=1');

    // A value out of its field's range names that field's rule; a repeat says which value was read; a right-to-left
    // override from the address is spelled out instead of reversing the notice.
    await openWidget(
      page,
      '/variants/?gate-inspector.seq=99999&gate-inspector.view=stacked&gate-inspector.view=single&gate-inspector.cell=%E2%80%AEurg',
    );
    expect(await page.locator(`${widget} .widget-notice`).textContent()).toBe(
      '“gate-inspector.seq=99999” must list 1 to 12 numbers from −1 to 1, separated by commas (99999 is outside −1 … 1); using the default instead. ' +
        '“gate-inspector.cell=[U+202E]urg” must be one of lstm, gru; using the default instead. ' +
        '“gate-inspector.view” is in the address 2 times; reading the first, “stacked”, and ignoring “single”.',
    );
    expect((await inspection(page)).config).toEqual({ cell: 'lstm', numLayers: 2, bidirectional: false });
    expect(new URL(page.url()).search).toBe('?gate-inspector.view=stacked');

    for (const [typed, message] of [
      ['', 'No numbers to read'],
      ['abc 7 *0.5', 'Skipped “abc”'],
      [Array(20).fill('0.1').join(' '), 'Read the first 12 of 20'],
    ] as const) {
      await page.locator(`${widget} .gi-text`).fill(typed);
      await page.getByRole('button', { name: 'Read', exact: true }).click();
      await expect.poll(() => page.locator(`${widget} .widget-notice`).textContent()).toContain(message);
      expect(await page.locator(`${widget} .gi-chart svg`).count()).toBeGreaterThan(3);
      expect(await page.locator(`${widget} .gi-n-cell`).count()).toBeGreaterThan(0);
    }
    expect((await inspection(page)).x).toHaveLength(12);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('works alone on its embed page at phone width, with no sideways scroll', async () => {
    const { context, page, problems } = await openPage(browser, { width: 390 });
    await openWidget(page, '/embed/gate-inspector/?gate-inspector.t=4&gate-inspector.view=bidirectional');
    expect(await page.locator('.site-header').count()).toBe(0);
    expect(await readout(page)).toBe('t = 4 of 8');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await page.locator(widget).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => urlState(page).get('gate-inspector.t')).toBe('5');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  // Each theme checks the one-layer view with every detail open and one of the multi-row views (axe is slow on a loaded machine).
  const views = {
    light: '?gate-inspector.view=bidirectional&gate-inspector.cell=gru',
    dark: '?gate-inspector.view=stacked&gate-inspector.layers=3',
  };
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in the ${colorScheme} theme`, async () => {
      const { context, page } = await openPage(browser, { colorScheme });
      const found: string[] = [];
      for (const query of ['', views[colorScheme]]) {
        await openWidget(page, `/embed/gate-inspector/${query}`);
        for (const summary of await page.locator(`${widget} summary`).all()) await summary.click();
        await page.waitForTimeout(100);
        const results = await new AxeBuilder({ page }).include(widget).options(AXE_OPTIONS).analyze();
        for (const v of results.violations) {
          if (v.impact === 'serious' || v.impact === 'critical')
            found.push(
              `${query}: ${v.id} ${v.help} — ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(' | ')}`,
            );
        }
      }
      expect(found).toEqual([]);
      await context.close();
    });
  }
});
