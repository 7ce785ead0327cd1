// Loss functions as torch.nn.functional: cross-entropy from logits (with ignore_index) and mean
// squared error, each one fused op whose backward is the closed-form gradient.
import { needsGrad, record } from './autodiff/tape';
import { allocate, fmtShape, Tensor } from './tensor';

/** How per-element losses are combined, as PyTorch's `reduction`. */
export type Reduction = 'mean' | 'sum' | 'none';

/** Options of F.cross_entropy. */
export interface CrossEntropyOptions {
  /** A target equal to this adds no loss and no gradient, and is left out of the mean. Default −100. */
  ignoreIndex?: number;
  /** Default 'mean' (over the targets that are not ignored). */
  reduction?: Reduction;
}

/**
 * Cross-entropy of softmax(logits) against class indices: ℓᵢ = log Σ_c exp(x_ic) − x_i,tᵢ
 * (computed as a log-sum-exp shifted by the row maximum). Its gradient is softmax(xᵢ) − onehot(tᵢ).
 * @param logits [N, C] (or [C] for one example), unnormalised scores
 * @param target N class indices in [0, C) or `ignoreIndex` (a single index for [C] logits)
 * @returns a scalar, or [N] (or a scalar for [C]) with reduction 'none'; a mean over zero targets is NaN, as in PyTorch
 */
export function crossEntropy(
  logits: Tensor,
  target: number | ArrayLike<number>,
  options: CrossEntropyOptions = {},
): Tensor {
  const ignoreIndex = options.ignoreIndex ?? -100;
  const reduction = options.reduction ?? 'mean';
  if (logits.ndim !== 1 && logits.ndim !== 2)
    throw new Error(`crossEntropy: logits must be [N, C] or [C], got ${fmtShape(logits.shape)}`);
  const batched = logits.ndim === 2;
  const n = batched ? logits.shape[0] : 1;
  const c = logits.shape[logits.ndim - 1];
  const targets: ArrayLike<number> = typeof target === 'number' ? [target] : target;
  if (batched === (typeof target === 'number') || targets.length !== n) {
    throw new Error(
      `crossEntropy: logits ${fmtShape(logits.shape)} need ` +
        `${batched ? `${n} targets` : 'one target index'}, got ` +
        `${typeof target === 'number' ? 'a number' : `${targets.length} targets`}`,
    );
  }
  const x = logits.data;
  // softmax rows, kept for the backward pass.
  const probs = allocate(logits.dtype, logits.size);
  const losses = allocate(logits.dtype, n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = targets[i];
    if (t === ignoreIndex) continue;
    if (!Number.isInteger(t) || t < 0 || t >= c)
      throw new Error(
        `crossEntropy: target[${i}] = ${t} is not a class index in [0, ${c}) nor ignoreIndex ${ignoreIndex}`,
      );
    count++;
    const row = i * c;
    let max = -Infinity;
    for (let k = 0; k < c; k++) max = Math.max(max, x[row + k]);
    let sum = 0;
    for (let k = 0; k < c; k++) sum += probs[row + k] = Math.exp(x[row + k] - max);
    for (let k = 0; k < c; k++) probs[row + k] /= sum;
    losses[i] = max + Math.log(sum) - x[row + t];
  }
  const out = reduce(losses, reduction, count, batched ? [n] : []);
  if (needsGrad(logits)) {
    record(out, 'crossEntropy', [logits], () => {
      const gOut = out.grad!;
      const g = logits.ensureGrad();
      const shared = reduction === 'sum' ? gOut[0] : gOut[0] / count; // every row's scale, unless 'none'
      for (let i = 0; i < n; i++) {
        const t = targets[i];
        if (t === ignoreIndex) continue;
        const scale = reduction === 'none' ? gOut[i] : shared;
        const row = i * c;
        for (let k = 0; k < c; k++) g[row + k] += scale * probs[row + k];
        g[row + t] -= scale;
      }
    });
  }
  return out;
}

/**
 * Mean squared error ℓ = (input − target)², reduced. Gradients flow to both sides when they require them.
 * @param input any shape
 * @param target the same shape as `input` (no broadcasting)
 * @returns a scalar, or a tensor of `input`'s shape with reduction 'none'
 */
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  if (input.shape.length !== target.shape.length || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new Error(
      `mseLoss: input ${fmtShape(input.shape)} and target ${fmtShape(target.shape)} must have the same shape`,
    );
  }
  const diff = allocate(input.dtype, input.size);
  const sq = allocate(input.dtype, input.size);
  for (let j = 0; j < diff.length; j++) {
    diff[j] = input.data[j] - target.data[j];
    sq[j] = diff[j] * diff[j];
  }
  const out = reduce(sq, reduction, input.size, input.shape);
  if (needsGrad(input, target)) {
    record(out, 'mseLoss', [input, target], () => {
      const gOut = out.grad!;
      // ∂ℓ/∂input = 2(input − target)·scale, and the negative of it for the target.
      const gi = input.requiresGrad ? input.ensureGrad() : null;
      const gt = target.requiresGrad ? target.ensureGrad() : null;
      for (let j = 0; j < diff.length; j++) {
        const scale = reduction === 'none' ? gOut[j] : reduction === 'sum' ? gOut[0] : gOut[0] / input.size;
        const g = 2 * diff[j] * scale;
        if (gi) gi[j] += g;
        if (gt) gt[j] -= g;
      }
    });
  }
  return out;
}

/** Sums, averages over `count`, or keeps (with `shape`) the per-element losses. */
function reduce(
  losses: Float32Array | Float64Array,
  reduction: Reduction,
  count: number,
  shape: readonly number[],
): Tensor {
  if (reduction === 'none') return new Tensor(losses, shape);
  if (reduction !== 'sum' && reduction !== 'mean')
    throw new Error(`loss: unknown reduction '${String(reduction)}' (expected 'mean', 'sum' or 'none')`);
  let total = 0;
  for (let j = 0; j < losses.length; j++) total += losses[j];
  const out = allocate(losses instanceof Float64Array ? 'float64' : 'float32', 1);
  out[0] = reduction === 'sum' ? total : total / count;
  return new Tensor(out, []);
}
