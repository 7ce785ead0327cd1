import { describe, expect, it } from 'vitest';
import { gateTerms, inspect, previousState, previousStep, stateUpdate } from './model';
import { readSequence, PRESETS } from './sequence';
import { CONFIGS, configKey } from './train';

const steps = readSequence(PRESETS['one mark']).steps; // the mark is at t = 3, value 0.8
const sigma = (a: number): number => 1 / (1 + Math.exp(-a));
const dot = (w: number[], v: number[]): number => w.reduce((s, wk, k) => s + wk * v[k], 0);

describe('inspect', () => {
  it('traces every row of every network: layers × directions, each [T][H]', () => {
    for (const config of CONFIGS) {
      const run = inspect(steps, config);
      const D = config.bidirectional ? 2 : 1;
      expect(
        run.rows.map((r) => r.suffix),
        configKey(config),
      ).toEqual(
        Array.from({ length: config.numLayers * D }, (_, k) => `l${Math.floor(k / D)}${k % D === 1 ? '_reverse' : ''}`),
      );
      for (const row of run.rows) {
        expect(row.h).toHaveLength(8);
        expect(row.h[0]).toHaveLength(4);
        expect(row.x[0]).toHaveLength(row.layer === 0 ? 2 : 4 * D);
        expect(Object.keys(row.gates)).toEqual(config.cell === 'lstm' ? ['i', 'f', 'g', 'o'] : ['r', 'z', 'n']);
        expect(row.c === null).toBe(config.cell === 'gru');
      }
      expect(run.yhat).toHaveLength(8);
    }
  });

  it('stacks layers: layer 2 reads layer 1’s h_t', () => {
    const run = inspect(steps, { cell: 'gru', numLayers: 3, bidirectional: false });
    expect(run.rows[1].x).toEqual(run.rows[0].h);
    expect(run.rows[2].x).toEqual(run.rows[1].h);
  });

  it('the backward row’s state at t has read x_T..x_t only: changing x_1 leaves it unchanged for t ≥ 2', () => {
    const config = { cell: 'lstm' as const, numLayers: 1, bidirectional: true };
    const a = inspect(steps, config);
    const b = inspect([{ value: -0.9, marked: true }, ...steps.slice(1)], config);
    const [fa, ra] = a.rows;
    const [fb, rb] = b.rows;
    expect(rb.h.slice(1)).toEqual(ra.h.slice(1));
    expect(rb.h[0]).not.toEqual(ra.h[0]);
    for (let t = 0; t < 8; t++) expect(fb.h[t]).not.toEqual(fa.h[t]);
  });

  it('learned the task: the single-layer networks report the marked value from the mark on', () => {
    for (const cell of ['lstm', 'gru'] as const) {
      const run = inspect(steps, { cell, numLayers: 1, bidirectional: false });
      expect(run.target).toEqual([0, 0, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]);
      run.yhat.forEach((y, t) => expect(Math.abs(y - run.target[t]), `${cell} t=${t + 1}`).toBeLessThan(0.1));
      const bi = inspect(steps, { cell, numLayers: 1, bidirectional: true });
      bi.yhat.forEach((y) => expect(Math.abs(y - 0.8), `${cell} bidirectional`).toBeLessThan(0.1));
    }
  });
});

describe('previous step and state', () => {
  it('is t − 1 going forward and t + 1 in reverse, the zero state at either end', () => {
    expect([0, 1, 7].map((t) => previousStep({ direction: 'forward' }, t, 8))).toEqual([-1, 0, 6]);
    expect([0, 6, 7].map((t) => previousStep({ direction: 'reverse' }, t, 8))).toEqual([1, 7, -1]);
    const run = inspect(steps, { cell: 'lstm', numLayers: 1, bidirectional: true });
    expect(previousState(run.rows[1], 7, 8)).toEqual({ h: [0, 0, 0, 0], c: [0, 0, 0, 0] });
    expect(previousState(run.rows[1], 2, 8).c).toEqual(run.rows[1].c![3]);
  });
});

describe('gate equations with the numbers substituted', () => {
  it('every gate of every row at every step equals the engine trace', () => {
    for (const config of CONFIGS) {
      const run = inspect(steps, config);
      for (const row of run.rows) {
        for (const [gate, values] of Object.entries(row.gates)) {
          for (let t = 0; t < run.T; t++) {
            const terms = gateTerms(row, config.cell, gate as never, t, run.T);
            terms.value.forEach((v, j) => expect(v).toBeCloseTo(values[t][j], 12));
          }
        }
      }
    }
  });

  it('i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi) for unit 1, written out by hand from the weights', () => {
    const run = inspect(steps, { cell: 'lstm', numLayers: 1, bidirectional: false });
    const row = run.rows[0];
    const t = 3; // 0-based step 4, h_{t−1} = h_3
    const { weightIH, weightHH, biasIH, biasHH } = row.weights;
    const byHand = sigma(dot(weightIH[0], [0.1, 0]) + biasIH[0] + dot(weightHH[0], row.h[2]) + biasHH[0]);
    const terms = gateTerms(row, 'lstm', 'i', t, run.T);
    expect(terms.value[0]).toBeCloseTo(byHand, 12);
    expect(terms.pre[0]).toBeCloseTo(terms.wx[0] + terms.bi[0] + terms.wh[0] + terms.bh[0], 12);
    expect(terms.x).toEqual([0.1, 0]);
    // The forget gate's rows are the second block of four (PyTorch's i f g o order).
    const f = sigma(dot(weightIH[4], [0.1, 0]) + biasIH[4] + dot(weightHH[4], row.h[2]) + biasHH[4]);
    expect(gateTerms(row, 'lstm', 'f', t, run.T).value[0]).toBeCloseTo(f, 12);
  });

  it('the GRU’s n_t puts r_t inside: tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))', () => {
    const run = inspect(steps, { cell: 'gru', numLayers: 1, bidirectional: false });
    const row = run.rows[0];
    const terms = gateTerms(row, 'gru', 'n', 4, run.T);
    const j = 2;
    const W = row.weights;
    const byHand = Math.tanh(
      dot(W.weightIH[8 + j], row.x[4]) +
        W.biasIH[8 + j] +
        row.gates.r![4][j] * (dot(W.weightHH[8 + j], row.h[3]) + W.biasHH[8 + j]),
    );
    expect(terms.value[j]).toBeCloseTo(byHand, 12);
    expect(terms.r).toEqual(row.gates.r![4]);
  });

  it('the state updates reproduce the trace’s c_t and h_t in every row', () => {
    for (const config of CONFIGS) {
      const run = inspect(steps, config);
      for (const row of run.rows) {
        for (let t = 0; t < run.T; t++) {
          const update = stateUpdate(row, config.cell, t, run.T);
          const h = update.lstm?.h ?? update.gru!.h;
          h.forEach((v, j) => expect(v).toBeCloseTo(row.h[t][j], 12));
          update.lstm?.c.forEach((v, j) => expect(v).toBeCloseTo(row.c![t][j], 12));
        }
      }
    }
  });
});
