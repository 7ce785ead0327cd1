// softmax and logSoftmax over the last dimension, computed stably (max subtracted first).

import { needsGrad, record } from '../autodiff/tape';
import { fmtShape, type Tensor, type TensorData } from '../tensor';
import { empty } from './util';

/** Fills Y with log softmax of each row of X [rows, n]. */
function logSoftmaxRows(X: TensorData, Y: TensorData, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    let max = -Infinity;
    for (let j = 0; j < n; j++) if (X[o + j] > max) max = X[o + j];
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(X[o + j] - max);
    const lse = max + Math.log(s);
    for (let j = 0; j < n; j++) Y[o + j] = X[o + j] - lse;
  }
}

function lastDim(op: string, x: Tensor): number {
  if (x.ndim < 1) throw new Error(`${op}: needs at least one dimension, got ${fmtShape(x.shape)}`);
  return x.shape[x.ndim - 1];
}

/**
 * softmax(x)_j = e^{x_j} / Σ_k e^{x_k} along the last dimension.
 * @param x [..., n] @returns [..., n]
 */
export function softmax(x: Tensor): Tensor {
  const n = lastDim('softmax', x);
  const rows = n === 0 ? 0 : x.size / n;
  const out = empty(x.dtype, x.shape);
  const Y = out.data;
  logSoftmaxRows(x.data, Y, rows, n);
  for (let i = 0; i < Y.length; i++) Y[i] = Math.exp(Y[i]);
  if (needsGrad(x)) {
    record(out, 'softmax', [x], () => {
      const g = out.grad as TensorData;
      const gx = x.ensureGrad();
      // ∂L/∂x_j = y_j (g_j − Σ_k g_k y_k)
      for (let r = 0; r < rows; r++) {
        const o = r * n;
        let dot = 0;
        for (let j = 0; j < n; j++) dot += g[o + j] * Y[o + j];
        for (let j = 0; j < n; j++) gx[o + j] = gx[o + j] + Y[o + j] * (g[o + j] - dot);
      }
    });
  }
  return out;
}

/**
 * log softmax(x)_j = x_j − log Σ_k e^{x_k} along the last dimension.
 * @param x [..., n] @returns [..., n]
 */
export function logSoftmax(x: Tensor): Tensor {
  const n = lastDim('logSoftmax', x);
  const rows = n === 0 ? 0 : x.size / n;
  const out = empty(x.dtype, x.shape);
  const Y = out.data;
  logSoftmaxRows(x.data, Y, rows, n);
  if (needsGrad(x)) {
    record(out, 'logSoftmax', [x], () => {
      const g = out.grad as TensorData;
      const gx = x.ensureGrad();
      // ∂L/∂x_j = g_j − softmax_j Σ_k g_k
      for (let r = 0; r < rows; r++) {
        const o = r * n;
        let s = 0;
        for (let j = 0; j < n; j++) s += g[o + j];
        for (let j = 0; j < n; j++) gx[o + j] = gx[o + j] + g[o + j] - Math.exp(Y[o + j]) * s;
      }
    });
  }
  return out;
}
