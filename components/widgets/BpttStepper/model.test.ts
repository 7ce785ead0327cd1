import { describe, expect, it } from 'vitest';
import { finiteDifferences, HIDDEN_SIZE, makeModel, makeTask, maxAbsDiff, runBptt, type Weights } from './model';

/** Forward and BPTT of h_t = tanh(W_xh x_t + W_hh h_{t−1} + b_h), softmax cross-entropy summed, with plain loops. */
function byHand(
  w: Weights,
  inputs: number[],
  targets: number[],
): { h: number[][]; loss: number; delta: number[][]; grad: number[][] } {
  const H = w.Whh.length;
  const V = w.Why.length;
  const h: number[][] = [new Array(H).fill(0)];
  const err: number[][] = [];
  let loss = 0;
  inputs.forEach((x, t) => {
    const next = [...Array(H)].map((_, i) =>
      Math.tanh(w.Wxh[i][x] + w.bh[i] + w.Whh[i].reduce((s, v, j) => s + v * h[t][j], 0)),
    );
    h.push(next);
    const z = [...Array(V)].map((_, k) => w.by[k] + w.Why[k].reduce((s, v, j) => s + v * next[j], 0));
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
    loss += lse - z[targets[t]];
    err.push(z.map((v, k) => Math.exp(v - lse) - (k === targets[t] ? 1 : 0)));
  });
  const T = inputs.length;
  const delta: number[][] = new Array(T);
  const grad = [...Array(H)].map(() => new Array(H).fill(0));
  let dANext = new Array(H).fill(0);
  for (let t = T; t >= 1; t--) {
    const d = [...Array(H)].map(
      (_, j) =>
        w.Why.reduce((s, row, k) => s + row[j] * err[t - 1][k], 0) +
        w.Whh.reduce((s, row, i) => s + row[j] * dANext[i], 0),
    );
    delta[t - 1] = d;
    const dA = d.map((v, i) => v * (1 - h[t][i] ** 2));
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) grad[i][j] += dA[i] * h[t - 1][j];
    dANext = dA;
  }
  return { h, loss, delta, grad };
}

describe('bptt-stepper model', () => {
  it('turns a word into the next-character task', () => {
    expect(makeTask('hello')).toEqual({
      word: 'hello',
      vocab: ['e', 'h', 'l', 'o'],
      inputs: [1, 0, 2, 2],
      targets: [0, 2, 2, 3],
    });
  });

  for (const [word, seed] of [
    ['hello', 1],
    ['abracadabra'.slice(0, 10), 7],
    ['ab', 3],
  ] as const) {
    it(`agrees with a plain-loop forward and BPTT for “${word}”, seed ${seed}`, () => {
      const model = makeModel(word, seed);
      const run = runBptt(model);
      const ref = byHand(run.weights, run.task.inputs, run.task.targets);
      expect(run.h.length).toBe(word.length);
      run.h.forEach((row, t) => row.forEach((v, i) => expect(v).toBeCloseTo(ref.h[t][i], 12)));
      expect(run.loss).toBeCloseTo(ref.loss, 12);
      run.steps.forEach((s, t) => s.delta.forEach((v, i) => expect(v).toBeCloseTo(ref.delta[t][i], 12)));
      expect(maxAbsDiff(run.steps[0].total, ref.grad)).toBeLessThan(1e-12);
    });
  }

  it('builds the total from the last step back and ends at the engine’s ∂L/∂W_hh, term for term', () => {
    const run = runBptt(makeModel('hello', 1));
    const T = run.task.inputs.length;
    expect(run.steps.map((s) => s.t)).toEqual([1, 2, 3, 4]);
    // At t = T nothing comes back from a later step.
    expect(run.steps[T - 1].carried).toEqual(new Array(HIDDEN_SIZE).fill(0));
    expect(run.steps[T - 1].total).toEqual(run.steps[T - 1].term);
    for (const s of run.steps) {
      expect(maxAbsDiff([s.delta], [run.engine.gradH[s.t - 1]])).toBeLessThan(1e-14);
      expect(maxAbsDiff(s.term, run.engine.terms[s.t - 1])).toBeLessThan(1e-14);
      s.delta.forEach((v, i) => expect(v).toBeCloseTo(s.local[i] + s.carried[i], 15));
    }
    expect(maxAbsDiff(run.steps[0].total, run.engine.gradWhh)).toBeLessThan(1e-12);
    // h_0 = 0, so step 1 adds nothing; a total that stops before step 2 is really partial.
    expect(run.steps[0].term.flat().every((v) => v === 0)).toBe(true);
    expect(maxAbsDiff(run.steps[2].total, run.engine.gradWhh)).toBeGreaterThan(1e-6);
  });

  it('matches central differences of the loss to a relative 1e-6, and leaves W_hh as it was', () => {
    const model = makeModel('hello', 1);
    const before = Float64Array.from(model.rnn.cells[0][0].weightHH.data);
    const run = runBptt(model);
    const check = finiteDifferences(model, run.engine.gradWhh);
    expect(check.maxRelError).toBeLessThan(1e-6);
    expect(check.maxRelError).toBeGreaterThan(0);
    expect(Array.from(model.rnn.cells[0][0].weightHH.data)).toEqual(Array.from(before));
    // A wrong gradient is caught.
    const wrong = run.engine.gradWhh.map((row) => row.map((v) => v * 1.01));
    expect(finiteDifferences(model, wrong).maxRelError).toBeGreaterThan(5e-3);
  });

  it('draws different weights from different seeds and the same from the same', () => {
    expect(runBptt(makeModel('hello', 1)).weights).toEqual(runBptt(makeModel('hello', 1)).weights);
    expect(runBptt(makeModel('hello', 2)).weights.Whh).not.toEqual(runBptt(makeModel('hello', 1)).weights.Whh);
  });
});
