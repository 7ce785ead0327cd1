// softmax and logSoftmax over a chosen dimension (the last by default), computed stably (max subtracted first).

import { needsGrad, record } from '../autodiff/tape';
import { fmtShape, type Tensor, type TensorData } from '../tensor';
import { empty, normDim, prod } from './util';

/**
 * How a tensor splits around the softmax dimension: `outer` blocks of `n` × `inner`, where element j of
 * lane (o, i) lies at o·n·inner + j·inner + i. The last dimension is inner = 1 (rows of n).
 */
interface Lanes {
  outer: number;
  n: number;
  inner: number;
}

function lanes(op: string, x: Tensor, dim: number): Lanes {
  if (x.ndim < 1) throw new Error(`${op}: needs at least one dimension, got ${fmtShape(x.shape)}`);
  const d = normDim(op, dim, x.ndim);
  return { outer: prod(x.shape, 0, d), n: x.shape[d], inner: prod(x.shape, d + 1) };
}

/** Fills Y with log softmax of X along every lane. */
function logSoftmaxLanes(X: TensorData, Y: TensorData, { outer, n, inner }: Lanes): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let max = -Infinity;
      for (let j = 0, p = base; j < n; j++, p += inner) if (X[p] > max) max = X[p];
      let s = 0;
      for (let j = 0, p = base; j < n; j++, p += inner) s += Math.exp(X[p] - max);
      const lse = max + Math.log(s);
      for (let j = 0, p = base; j < n; j++, p += inner) Y[p] = X[p] - lse;
    }
  }
}

/**
 * softmax(x)_j = e^{x_j} / Σ_k e^{x_k} along dimension `dim`, as torch.softmax(x, dim).
 * @param x any shape with at least one dimension
 * @param dim the dimension that sums to 1; negative counts from the end. Default −1 (the last).
 * @returns the shape of x
 */
export function softmax(x: Tensor, dim = -1): Tensor {
  const L = lanes('softmax', x, dim);
  const { outer, n, inner } = L;
  const out = empty(x.dtype, x.shape);
  const Y = out.data;
  logSoftmaxLanes(x.data, Y, L);
  for (let i = 0; i < Y.length; i++) Y[i] = Math.exp(Y[i]);
  if (needsGrad(x)) {
    record(out, 'softmax', [x], () => {
      const g = out.grad as TensorData;
      const gx = x.ensureGrad();
      // ∂L/∂x_j = y_j (g_j − Σ_k g_k y_k)
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const base = o * n * inner + i;
          let dot = 0;
          for (let j = 0, p = base; j < n; j++, p += inner) dot += g[p] * Y[p];
          for (let j = 0, p = base; j < n; j++, p += inner) gx[p] = gx[p] + Y[p] * (g[p] - dot);
        }
      }
    });
  }
  return out;
}

/**
 * log softmax(x)_j = x_j − log Σ_k e^{x_k} along dimension `dim`, as torch.log_softmax(x, dim).
 * @param x any shape with at least one dimension
 * @param dim the dimension normalised over; negative counts from the end. Default −1 (the last).
 * @returns the shape of x
 */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  const L = lanes('logSoftmax', x, dim);
  const { outer, n, inner } = L;
  const out = empty(x.dtype, x.shape);
  const Y = out.data;
  logSoftmaxLanes(x.data, Y, L);
  if (needsGrad(x)) {
    record(out, 'logSoftmax', [x], () => {
      const g = out.grad as TensorData;
      const gx = x.ensureGrad();
      // ∂L/∂x_j = g_j − softmax_j Σ_k g_k
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const base = o * n * inner + i;
          let s = 0;
          for (let j = 0, p = base; j < n; j++, p += inner) s += g[p];
          for (let j = 0, p = base; j < n; j++, p += inner) gx[p] = gx[p] + g[p] - Math.exp(Y[p]) * s;
        }
      }
    });
  }
  return out;
}
