// Inverted dropout: in training each element is zeroed with probability p and the survivors are
// scaled by 1/(1 − p), so evaluation is the identity. The mask comes from the seeded Rng.

import { needsGrad, record } from '../autodiff/tape';
import type { Rng } from '../random';
import type { Tensor, TensorData } from '../tensor';
import { empty } from './util';

/** Options of `dropout`. */
export interface DropoutOptions {
  /** The generator the mask is drawn from (one uniform per element, row-major). */
  rng: Rng;
  /** false: return x unchanged (evaluation mode). Default true. */
  training?: boolean;
}

/**
 * y = x ⊙ m / (1 − p), m_i ~ Bernoulli(1 − p).
 * @param x [...]
 * @param p drop probability in [0, 1]
 */
export function dropout(x: Tensor, p: number, opts: DropoutOptions): Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: p must be in [0, 1], got ${p}`);
  if (opts.training === false || p === 0) return x;
  const out = empty(x.dtype, x.shape);
  // scale[i] is 0 for a dropped element and 1/(1 − p) for a kept one; the same factor is the derivative.
  const scale = empty(x.dtype, x.shape).data;
  const keep = p === 1 ? 0 : 1 / (1 - p);
  for (let i = 0; i < scale.length; i++) scale[i] = opts.rng.next() < p ? 0 : keep;
  const X = x.data;
  const Y = out.data;
  for (let i = 0; i < Y.length; i++) Y[i] = X[i] * scale[i];
  if (needsGrad(x)) {
    record(out, 'dropout', [x], () => {
      const g = out.grad as TensorData;
      const gx = x.ensureGrad();
      for (let i = 0; i < g.length; i++) gx[i] = gx[i] + g[i] * scale[i];
    });
  }
  return out;
}
