// Gradient clipping as torch.nn.utils: rescale all gradients together when their joint norm is
// too large (clip_grad_norm_), or clamp each element (clip_grad_value_). Both act in place.
import type { Tensor } from './tensor';

/**
 * Scales every gradient by maxNorm / (‖g‖ + 1e-6) when that is below 1, where ‖g‖ is the
 * `normType` norm of all gradients taken as one vector (PyTorch's clip_grad_norm_, 1e-6 included).
 * Parameters without a gradient are ignored.
 * @param normType p ≥ 1, or Infinity for the largest absolute value; default 2
 * @returns the total norm before clipping (0 when no parameter has a gradient)
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number, normType = 2): number {
  if (!(normType >= 1) && normType !== Infinity)
    throw new RangeError(`clipGradNorm: normType must be ≥ 1 or Infinity, got ${normType}`);
  if (!(maxNorm >= 0)) throw new RangeError(`clipGradNorm: maxNorm must be ≥ 0, got ${maxNorm}`);
  const grads = [];
  for (const p of params) if (p.grad !== null) grads.push(p.grad);
  let total = 0;
  if (normType === Infinity) {
    for (const g of grads) for (let j = 0; j < g.length; j++) total = Math.max(total, Math.abs(g[j]));
  } else {
    let acc = 0;
    for (const g of grads) {
      for (let j = 0; j < g.length; j++) {
        const a = Math.abs(g[j]);
        acc += normType === 2 ? a * a : normType === 1 ? a : a ** normType;
      }
    }
    total = normType === 2 ? Math.sqrt(acc) : normType === 1 ? acc : acc ** (1 / normType);
  }
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) for (const g of grads) for (let j = 0; j < g.length; j++) g[j] *= coef;
  return total;
}

/** Clamps every gradient element into [−clipValue, clipValue] (PyTorch's clip_grad_value_). */
export function clipGradValue(params: Iterable<Tensor>, clipValue: number): void {
  if (!(clipValue >= 0)) throw new RangeError(`clipGradValue: clipValue must be ≥ 0, got ${clipValue}`);
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    for (let j = 0; j < g.length; j++) g[j] = Math.min(clipValue, Math.max(-clipValue, g[j]));
  }
}
