// Cross-entropy from logits for the fused reference: loss and its gradient in one pass.
import type { FloatArray } from './kernels';

/**
 * Mean over rows of −log softmax(logits)[target], and dlogits = (softmax − onehot(target)) / R.
 * Subtracts each row's max before exp, as log-sum-exp must.
 * @param logits [R, V]
 * @param targets [R] class indices
 * @param dlogits [R, V], overwritten
 * @returns the mean loss
 */
export function softmaxCrossEntropy(
  logits: FloatArray,
  targets: Int32Array,
  dlogits: FloatArray,
  R: number,
  V: number,
): number {
  let loss = 0;
  const scale = 1 / R;
  for (let r = 0; r < R; r++) {
    const o = r * V;
    let max = -Infinity;
    for (let v = 0; v < V; v++) if (logits[o + v] > max) max = logits[o + v];
    let sum = 0;
    for (let v = 0; v < V; v++) {
      const e = Math.exp(logits[o + v] - max);
      dlogits[o + v] = e;
      sum += e;
    }
    const target = targets[r];
    loss += Math.log(sum) - (logits[o + target] - max);
    const inv = scale / sum;
    for (let v = 0; v < V; v++) dlogits[o + v] *= inv;
    dlogits[o + target] -= scale;
  }
  return loss * scale;
}
