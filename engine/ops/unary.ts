// Elementwise functions of one tensor, each its forward loop beside its derivative:
// tanh, sigmoid, relu, exp, log, neg.

import { needsGrad, record } from '../autodiff/tape';
import type { Tensor, TensorData } from '../tensor';
import { empty } from './util';

/**
 * Applies `f` elementwise and records `df`, which adds g·f′ into gx from the input x and output y.
 */
function unary(
  op: string,
  x: Tensor,
  f: (v: number) => number,
  df: (x: TensorData, y: TensorData, g: TensorData, gx: TensorData) => void,
): Tensor {
  const out = empty(x.dtype, x.shape);
  const X = x.data;
  const Y = out.data;
  for (let i = 0; i < Y.length; i++) Y[i] = f(X[i]);
  if (needsGrad(x)) record(out, op, [x], () => df(X, Y, out.grad as TensorData, x.ensureGrad()));
  return out;
}

/** tanh, elementwise; tanh′ = 1 − tanh². @param x [...] @returns same shape */
export function tanh(x: Tensor): Tensor {
  return unary('tanh', x, Math.tanh, (_x, y, g, gx) => {
    for (let i = 0; i < g.length; i++) gx[i] = gx[i] + g[i] * (1 - y[i] * y[i]);
  });
}

/** The logistic sigmoid σ(x) = 1 / (1 + e^−x); σ′ = σ(1 − σ). */
export function sigmoid(x: Tensor): Tensor {
  return unary(
    'sigmoid',
    x,
    (v) => 1 / (1 + Math.exp(-v)),
    (_x, y, g, gx) => {
      for (let i = 0; i < g.length; i++) gx[i] = gx[i] + g[i] * y[i] * (1 - y[i]);
    },
  );
}

/** max(x, 0); the derivative is taken as 0 at x = 0, as PyTorch does. */
export function relu(x: Tensor): Tensor {
  return unary(
    'relu',
    x,
    (v) => (v > 0 ? v : 0),
    (xs, _y, g, gx) => {
      for (let i = 0; i < g.length; i++) if (xs[i] > 0) gx[i] = gx[i] + g[i];
    },
  );
}

/** e^x; its derivative is itself. */
export function exp(x: Tensor): Tensor {
  return unary('exp', x, Math.exp, (_x, y, g, gx) => {
    for (let i = 0; i < g.length; i++) gx[i] = gx[i] + g[i] * y[i];
  });
}

/** Natural logarithm; log′ = 1/x. */
export function log(x: Tensor): Tensor {
  return unary('log', x, Math.log, (xs, _y, g, gx) => {
    for (let i = 0; i < g.length; i++) gx[i] = gx[i] + g[i] / xs[i];
  });
}

/** −x. */
export function neg(x: Tensor): Tensor {
  return unary(
    'neg',
    x,
    (v) => -v,
    (_x, _y, g, gx) => {
      for (let i = 0; i < g.length; i++) gx[i] = gx[i] - g[i];
    },
  );
}
