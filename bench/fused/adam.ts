// Adam over one flat parameter buffer, with PyTorch's update rule (torch.optim.Adam, no weight
// decay, no amsgrad), so the whole update is a single loop.
import type { FloatArray } from './kernels';

/** Adam's hyperparameters, PyTorch's names and defaults. */
export interface AdamOptions {
  lr: number;
  betas: [number, number];
  eps: number;
}

export const adamDefaults: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8 };

/** Adam state for a flat parameter vector `params` updated from the flat gradient `grads`. */
export class FlatAdam {
  private readonly m: FloatArray;
  private readonly v: FloatArray;
  private t = 0;

  /**
   * @param params [P] updated in place by step()
   * @param grads [P] read by step()
   */
  constructor(
    private readonly params: FloatArray,
    private readonly grads: FloatArray,
    private readonly options: AdamOptions = adamDefaults,
  ) {
    const Ctor = params instanceof Float64Array ? Float64Array : Float32Array;
    this.m = new Ctor(params.length);
    this.v = new Ctor(params.length);
  }

  /** One update: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr·m̂ / (√v̂ + ε). */
  step(): void {
    const { lr, betas, eps } = this.options;
    const beta1 = betas[0];
    const beta2 = betas[1];
    this.t += 1;
    const bias1 = 1 - beta1 ** this.t;
    const bias2Sqrt = Math.sqrt(1 - beta2 ** this.t);
    const stepSize = lr / bias1;
    const { params, grads, m, v } = this;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      const mi = beta1 * m[i] + (1 - beta1) * g;
      const vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= (stepSize * mi) / (Math.sqrt(vi) / bias2Sqrt + eps);
    }
  }
}
