// Adam (Kingma & Ba, 2015) with PyTorch's exact arithmetic, L2 weight decay and the AMSGrad
// variant: torch.optim.Adam.
import type { Tensor, TensorData } from '../tensor';
import { checkNonNegative, checkUnitInterval, Optimizer } from './optimizer';

/** Options of torch.optim.Adam, with its defaults. */
export interface AdamOptions {
  /** Default 1e-3. */
  lr?: number;
  /** (β1, β2); default (0.9, 0.999). */
  betas?: readonly [number, number];
  /** Default 1e-8. */
  eps?: number;
  /** λ, added to the gradient as λθ (coupled; AdamW decouples it). Default 0. */
  weightDecay?: number;
  /** Keep the running maximum of v̂ (Reddi et al., 2018). Default false. */
  amsgrad?: boolean;
}

/**
 * g ← ∇θ + λθ; m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;
 * θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)   (v replaced by max(v) under AMSGrad).
 */
export class Adam extends Optimizer {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  // t per parameter: a parameter without a gradient on some step does not advance, as in PyTorch.
  private readonly steps: number[] = [];

  /** @param params the tensors to update */
  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params, options.lr ?? 1e-3);
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.amsgrad = options.amsgrad ?? false;
    checkUnitInterval('betas[0]', this.beta1);
    checkUnitInterval('betas[1]', this.beta2);
    checkNonNegative('eps', this.eps);
    checkNonNegative('weightDecay', this.weightDecay);
  }

  protected update(index: number, param: TensorData, grad: TensorData): void {
    const { beta1, beta2, eps } = this;
    const g = this.decayedGrad(index, param, grad, this.weightDecay);
    const m = this.buffer('exp_avg', index);
    const v = this.buffer('exp_avg_sq', index);
    const t = (this.steps[index] = (this.steps[index] ?? 0) + 1);
    const stepSize = this.lr / (1 - beta1 ** t);
    const bias2Sqrt = Math.sqrt(1 - beta2 ** t);
    const k = this.kernels(index);
    if (this.amsgrad)
      k.amsgradUpdate(
        param.length,
        param,
        g,
        m,
        v,
        this.buffer('max_exp_avg_sq', index),
        beta1,
        beta2,
        stepSize,
        bias2Sqrt,
        eps,
      );
    else k.adamUpdate(param.length, param, g, m, v, beta1, beta2, stepSize, bias2Sqrt, eps);
  }
}
