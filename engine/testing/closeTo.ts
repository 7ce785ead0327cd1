// The tolerance every PyTorch parity test uses: |a − b| ≤ tol · max(1, |b|), relative for large
// values and absolute below 1, where a sum of O(1) terms that cancels has no meaningful relative error.
import { formatShape, fromNested } from '../nested';

/** The default parity tolerance of issue 3. */
export const PARITY_TOL = 1e-6;

/** max over elements of |a − b| / max(1, |b|); lengths must agree. */
export function maxScaledError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length)
    throw new Error(`maxScaledError: lengths ${actual.length} and ${expected.length} differ`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    // NaN must fail, so it is the worst error there is.
    if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
  }
  return worst;
}

/**
 * Compares two nested arrays (or numbers) of the same shape.
 * @returns the largest scaled error; throws naming `label`, the shapes or the worst element otherwise.
 */
export function assertClose(actual: unknown, expected: unknown, label: string, tol = PARITY_TOL): number {
  const a = fromNested(actual, `${label} (ours)`);
  const b = fromNested(expected, `${label} (expected)`);
  if (formatShape(a.shape) !== formatShape(b.shape)) {
    throw new Error(`${label}: shape ${formatShape(a.shape)}, expected ${formatShape(b.shape)}`);
  }
  const err = maxScaledError(a.data, b.data);
  if (!(err <= tol)) {
    let at = 0;
    for (let i = 0; i < a.data.length; i++) {
      if (!(Math.abs(a.data[i] - b.data[i]) / Math.max(1, Math.abs(b.data[i])) <= tol)) {
        at = i;
        break;
      }
    }
    throw new Error(`${label}: element ${at} is ${a.data[at]}, expected ${b.data[at]} (scaled error ${err} > ${tol})`);
  }
  return err;
}
