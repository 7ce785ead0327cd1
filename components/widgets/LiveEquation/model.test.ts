import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carriedState } from '../StepCell/model';
import { stepCellUrl } from '../StepCell/state';
import { equationStep, LIVE_WEIGHTS, runSequence } from './model';
import { liveEquationUrl } from './state';

const { Wxh, Whh, bh, Why, by } = LIVE_WEIGHTS;
const mv = (m: readonly (readonly number[])[], v: readonly number[]): number[] =>
  m.map((row) => row.reduce((s, w, j) => s + w * v[j], 0));

describe('live-equation model', () => {
  it('computes step 1 of the step-cell example: x_1 = [1, 0], h_0 = 0, tanh', () => {
    const s = equationStep([1, 0], [0, 0, 0], 'tanh');
    expect(s.wxhX).toEqual([0.5, 0.8, -0.4]);
    expect(s.whhH).toEqual([0, 0, 0]);
    expect(s.a.map((v) => Number(v.toFixed(12)))).toEqual([0.5, 0.9, -0.5]);
    s.h.forEach((v, i) => expect(v).toBeCloseTo(Math.tanh(s.a[i]), 14));
  });

  it('follows the equations term by term, with ReLU and with softmax', () => {
    const x = [1, -1];
    const hPrev = [0.3, -0.7, 0.2];
    const s = equationStep(x, hPrev, 'relu');
    const a = mv(Wxh, x).map((v, i) => v + mv(Whh, hPrev)[i] + bh[i]);
    a.forEach((v, i) => expect(s.a[i]).toBeCloseTo(v, 14));
    expect(s.h).toEqual(s.a.map((v) => Math.max(0, v)));
    expect(s.h.some((v) => v === 0)).toBe(true);
    const z = mv(Why, s.h).map((v, i) => v + by[i]);
    z.forEach((v, i) => expect(s.z[i]).toBeCloseTo(v, 14));
    const e = z.map(Math.exp);
    const total = e.reduce((p, q) => p + q, 0);
    e.forEach((v, i) => expect(s.y[i]).toBeCloseTo(v / total, 14));
  });

  it('carries h_t into the next step', () => {
    const seq = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    const steps = runSequence(seq, 'tanh');
    expect(steps).toHaveLength(3);
    expect(steps[1].hPrev).toEqual(steps[0].h);
    expect(steps[2].h).toEqual(equationStep([1, 1], equationStep([0, 1], steps[0].h, 'tanh').h, 'tanh').h);
  });

  it('is the step-cell widget’s RNN: both compute the same h_t for the same inputs', () => {
    // The defaults: chapter 3's h_1 … h_5 are the ones the reader computed in chapter 2.
    const seq = liveEquationUrl.defaults().seq;
    expect(seq).toEqual(stepCellUrl.defaults().seq);
    runSequence(seq, 'tanh').forEach((step, t) => expect(step.h).toEqual(carriedState(seq, t + 1)));
    // Any sequence either widget accepts (input size 2, values −5..5, 1 to 8 steps), with either activation.
    const value = fc.double({ min: -5, max: 5, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('tanh' as const, 'relu' as const),
        (xs, act) => {
          runSequence(xs, act).forEach((step, t) => expect(step.h).toEqual(carriedState(xs, t + 1, act)));
        },
      ),
      { numRuns: 50 },
    );
  });
});
