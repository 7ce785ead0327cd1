// Finite-difference gradient check: compares the gradients backward() computes with central
// differences of the same function, all in float64. Every op and layer is tested through it.

import { noGrad } from '../autodiff/gradMode';
import { Rng } from '../random';
import type { Tensor } from '../tensor';

/** Options of `gradCheck`. */
export interface GradCheckOptions {
  /** Step of the central difference (f(x+ε) − f(x−ε)) / 2ε. Default 1e-6. */
  eps?: number;
  /** Seed of the random weights w that make the loss Σ w ⊙ f(x) depend on every output element. */
  seed?: number;
}

/** The outcome: the worst mismatch over all input elements. */
export interface GradCheckResult {
  /** max over elements of |analytic − numeric| / max(1, |numeric|). */
  maxError: number;
  /** Where that worst mismatch is: input number, flat element index, and both values. */
  worst: { input: number; index: number; analytic: number; numeric: number } | null;
}

/**
 * Checks ∂L/∂inputs for L = Σ_k Σ w_k ⊙ f(inputs)_k against central differences.
 * @param f the function under test; may return one tensor or several (e.g. output and h_n)
 * @param inputs float64 leaves with requiresGrad; their grads are reset here
 */
export function gradCheck(
  f: (...inputs: Tensor[]) => Tensor | Tensor[],
  inputs: Tensor[],
  opts: GradCheckOptions = {},
): GradCheckResult {
  const eps = opts.eps ?? 1e-6;
  for (const x of inputs) {
    if (x.dtype !== 'float64') throw new Error(`gradCheck: inputs must be float64, got ${x.toString()}`);
    if (!x.requiresGrad) throw new Error(`gradCheck: inputs must require grad, got ${x.toString()}`);
    x.grad = null;
  }
  const asList = (r: Tensor | Tensor[]): Tensor[] => (Array.isArray(r) ? r : [r]);

  // Analytic: one backward pass, seeding each output k with its weights w_k.
  const outs = asList(f(...inputs));
  const rng = new Rng(opts.seed ?? 12345);
  const weights = outs.map((o) => Float64Array.from({ length: o.size }, () => rng.uniform(-1, 1)));
  const loss = (os: Tensor[]): number => {
    let s = 0;
    os.forEach((o, k) => {
      const w = weights[k] as Float64Array;
      for (let i = 0; i < o.size; i++) s += w[i] * o.data[i];
    });
    return s;
  };
  // One pass per output, so ops with several outputs (output, h_n, c_n) are checked seeding each alone.
  outs.forEach((o, k) => {
    if (o.requiresGrad) o.backward({ grad: weights[k], retainGraph: true });
  });
  const analytic = inputs.map((x) => (x.grad === null ? new Float64Array(x.size) : Float64Array.from(x.grad)));

  let maxError = 0;
  let worst: GradCheckResult['worst'] = null;
  noGrad(() => {
    inputs.forEach((x, n) => {
      for (let i = 0; i < x.size; i++) {
        const v = x.data[i];
        x.data[i] = v + eps;
        const up = loss(asList(f(...inputs)));
        x.data[i] = v - eps;
        const down = loss(asList(f(...inputs)));
        x.data[i] = v;
        const numeric = (up - down) / (2 * eps);
        const a = (analytic[n] as Float64Array)[i];
        const err = Math.abs(a - numeric) / Math.max(1, Math.abs(numeric));
        if (!(err <= maxError)) {
          maxError = Number.isNaN(err) ? Infinity : err;
          worst = { input: n, index: i, analytic: a, numeric };
        }
      }
    });
  });
  return { maxError, worst };
}
