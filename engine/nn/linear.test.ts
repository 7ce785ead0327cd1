// Tests for Linear, Embedding and Dropout: PyTorch's names, initialisation, padding_idx, eval mode.
import { describe, expect, it } from 'vitest';
import { sum } from '../ops/reduce';
import { Rng } from '../random';
import { gradCheck } from '../testing/gradCheck';
import { ones, randn } from '../tensor';
import { Dropout, Embedding, Linear } from './linear';

describe('Linear', () => {
  it('has weight [out, in] and bias [out], both U(−1/√in, 1/√in), and computes x·Wᵀ + b', () => {
    const m = new Linear(9, 4, { rng: new Rng(3) });
    expect([...m.namedParameters()].map(([n, t]) => [n, t.shape])).toEqual([
      ['weight', [4, 9]],
      ['bias', [4]],
    ]);
    for (const p of m.parameters()) for (const v of p.data) expect(Math.abs(v)).toBeLessThanOrEqual(1 / 3);
    const y = m.forward(ones([2, 9]));
    for (let o = 0; o < 4; o++) {
      let s = m.bias?.data[o] as number;
      for (let i = 0; i < 9; i++) s += m.weight.data[o * 9 + i];
      expect(y.data[o]).toBeCloseTo(s, 5);
    }
    expect(new Linear(2, 3, { bias: false }).bias).toBeNull();
  });

  it('passes a gradient check over input and parameters', () => {
    const m = new Linear(3, 2, { dtype: 'float64', rng: new Rng(1) });
    const x = randn([4, 3], new Rng(2), { dtype: 'float64', requiresGrad: true });
    expect(gradCheck(() => m.forward(x), [x, ...m.parameters()]).maxError).toBeLessThan(1e-6);
  });
});

describe('Embedding', () => {
  it('looks rows up for any index shape; the padding row starts at zero and gets no gradient', () => {
    const e = new Embedding(5, 3, { paddingIdx: 1, rng: new Rng(2) });
    expect(Array.from(e.weight.data.subarray(3, 6))).toEqual([0, 0, 0]);
    const y = e.forward([
      [0, 1],
      [1, 4],
    ]);
    expect(y.shape).toEqual([2, 2, 3]);
    expect(Array.from(y.data.subarray(9, 12))).toEqual(Array.from(e.weight.data.subarray(12, 15)));
    sum(y).backward();
    const g = e.weight.grad as Float32Array;
    expect(Array.from(g.subarray(0, 3))).toEqual([1, 1, 1]);
    expect(Array.from(g.subarray(3, 6))).toEqual([0, 0, 0]);
    expect(Array.from(g.subarray(12, 15))).toEqual([1, 1, 1]);
    expect(() => e.forward([5])).toThrow('gatherRows: index 5 out of range for 5 rows');
  });

  it('starts N(0, 1)', () => {
    const w = Array.from(new Embedding(200, 50, { rng: new Rng(4) }).weight.data);
    const mean = w.reduce((a, v) => a + v, 0) / w.length;
    const variance = w.reduce((a, v) => a + (v - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('Dropout', () => {
  it('zeroes about p of the elements and scales the rest by 1/(1 − p) in training, and is the identity in eval', () => {
    const d = new Dropout(0.25, { rng: new Rng(1) });
    const y = d.forward(ones([4000]));
    const kept = y.data.filter((v) => v !== 0);
    expect(Math.abs(kept.length / 4000 - 0.75)).toBeLessThan(0.03);
    for (const v of kept) expect(v).toBeCloseTo(4 / 3, 6);
    const x = ones([3]);
    expect(d.eval().forward(x)).toBe(x);
  });
});
