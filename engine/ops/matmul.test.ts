// linear's sparse path (taken for mostly-zero inputs such as one-hot characters) against naive
// loops, in both dtypes; the op table checks its gradients by finite differences.
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { randn, zeros } from '../tensor';
import { linear } from './matmul';

describe('linear with a one-hot input', () => {
  it.each(['float32', 'float64'] as const)(
    'picks columns of W and scatters the weight gradient into them (%s)',
    (dtype) => {
      const rng = new Rng(9);
      const [rows, inF, outF] = [7, 11, 5];
      const W = randn([outF, inF], rng, { dtype, requiresGrad: true });
      const b = randn([outF], rng, { dtype, requiresGrad: true });
      const x = zeros([rows, inF], { dtype });
      for (let r = 0; r < rows; r++) x.data[r * inF + rng.int(inF)] = rng.uniform(0.5, 2);
      const y = linear(x, W, b);
      const seed = randn([rows, outF], rng, { dtype });
      y.backward({ grad: seed.data });
      const digits = dtype === 'float32' ? 5 : 12;
      for (let r = 0; r < rows; r++) {
        for (let o = 0; o < outF; o++) {
          let s = b.data[o];
          for (let i = 0; i < inF; i++) s += W.data[o * inF + i] * x.data[r * inF + i];
          expect(y.data[r * outF + o]).toBeCloseTo(s, digits);
        }
      }
      for (let o = 0; o < outF; o++) {
        for (let i = 0; i < inF; i++) {
          let g = 0;
          for (let r = 0; r < rows; r++) g += seed.data[r * outF + o] * x.data[r * inF + i];
          expect(W.grad?.[o * inF + i]).toBeCloseTo(g, digits);
        }
      }
    },
  );
});
