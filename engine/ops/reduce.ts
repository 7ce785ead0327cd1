// Reductions: sum and mean, over everything or over one dimension (optionally keeping it as size 1).

import { needsGrad, record } from '../autodiff/tape';
import type { Tensor, TensorData } from '../tensor';
import { empty, normDim, prod } from './util';

/** Options of `sum` and `mean`. */
export interface ReduceOptions {
  /** Reduce only this dimension (negative counts from the end); all of them when omitted. */
  dim?: number;
  /** Keep the reduced dimension with size 1 (PyTorch's keepdim). */
  keepdim?: boolean;
}

/** Σ of the elements. @param x [...] @returns [] or x's shape without (or with size-1) `dim` */
export function sum(x: Tensor, opts: ReduceOptions = {}): Tensor {
  return reduce('sum', x, opts, 1);
}

/** Mean of the elements (sum divided by the count reduced). */
export function mean(x: Tensor, opts: ReduceOptions = {}): Tensor {
  const n = opts.dim === undefined ? x.size : x.shape[normDim('mean', opts.dim, x.ndim)];
  return reduce('mean', x, opts, 1 / n);
}

function reduce(op: string, x: Tensor, opts: ReduceOptions, scale: number): Tensor {
  // View x as [outer, n, inner] with n the reduced extent; reducing everything is outer = inner = 1.
  let outer = 1;
  let n = x.size;
  let inner = 1;
  let shape: number[] = [];
  if (opts.dim !== undefined) {
    const d = normDim(op, opts.dim, x.ndim);
    outer = prod(x.shape, 0, d);
    n = x.shape[d];
    inner = prod(x.shape, d + 1);
    shape = x.shape.slice();
    if (opts.keepdim) shape[d] = 1;
    else shape.splice(d, 1);
  } else if (opts.keepdim) {
    shape = x.shape.map(() => 1);
  }
  const out = empty(x.dtype, shape);
  const X = x.data;
  const Y = out.data;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < n; k++) {
      const base = (o * n + k) * inner;
      for (let i = 0; i < inner; i++) Y[o * inner + i] = Y[o * inner + i] + X[base + i];
    }
  }
  if (scale !== 1) for (let i = 0; i < Y.length; i++) Y[i] = Y[i] * scale;

  if (needsGrad(x)) {
    record(out, op, [x], () => {
      const g = out.grad as TensorData;
      const gx = x.ensureGrad();
      // Every reduced element receives the gradient of its output (times 1/n for the mean).
      for (let o = 0; o < outer; o++) {
        for (let k = 0; k < n; k++) {
          const base = (o * n + k) * inner;
          for (let i = 0; i < inner; i++) gx[base + i] = gx[base + i] + g[o * inner + i] * scale;
        }
      }
    });
  }
  return out;
}
