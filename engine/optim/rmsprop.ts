// RMSprop (Hinton, lecture 6e) with PyTorch's exact rule, including the centered variant
// (Graves, 2013), momentum and L2 weight decay: torch.optim.RMSprop.
import type { Tensor, TensorData } from '../tensor';
import { checkNonNegative, Optimizer } from './optimizer';

/** Options of torch.optim.RMSprop, with its defaults. */
export interface RMSpropOptions {
  /** Default 1e-2. */
  lr?: number;
  /** α, the smoothing constant of the squared-gradient average. Default 0.99. */
  alpha?: number;
  /** Default 1e-8, added outside the square root as PyTorch does. */
  eps?: number;
  /** λ, added to the gradient as λθ. Default 0. */
  weightDecay?: number;
  /** μ; 0 turns momentum off. Default 0. */
  momentum?: number;
  /** Normalise by an estimate of the variance instead of the second moment. Default false. */
  centered?: boolean;
}

/**
 * g ← ∇θ + λθ; s ← αs + (1 − α)g²; centered: ḡ ← αḡ + (1 − α)g, d ← √(s − ḡ²) + ε, else d ← √s + ε;
 * with momentum b ← μb + g/d, θ ← θ − lr·b; without, θ ← θ − lr·g/d.
 */
export class RMSprop extends Optimizer {
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;

  /** @param params the tensors to update */
  constructor(params: Iterable<Tensor>, options: RMSpropOptions = {}) {
    super(params, options.lr ?? 1e-2);
    this.alpha = options.alpha ?? 0.99;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.momentum = options.momentum ?? 0;
    this.centered = options.centered ?? false;
    checkNonNegative('alpha', this.alpha);
    checkNonNegative('eps', this.eps);
    checkNonNegative('weightDecay', this.weightDecay);
    checkNonNegative('momentum', this.momentum);
  }

  protected update(index: number, param: TensorData, grad: TensorData): void {
    const { lr, alpha, eps, momentum: mu } = this;
    const g = this.decayedGrad(index, param, grad, this.weightDecay);
    const n = param.length;
    const k = this.kernels(index);
    const s = this.buffer('square_avg', index);
    if (this.centered) {
      const gAvg = this.buffer('grad_avg', index);
      if (mu > 0)
        k.rmspropCenteredMomentumUpdate(
          n,
          param,
          g,
          s,
          gAvg,
          this.buffer('momentum_buffer', index),
          alpha,
          mu,
          lr,
          eps,
        );
      else k.rmspropCenteredUpdate(n, param, g, s, gAvg, alpha, lr, eps);
    } else if (mu > 0) {
      k.rmspropMomentumUpdate(n, param, g, s, this.buffer('momentum_buffer', index), alpha, mu, lr, eps);
    } else {
      k.rmspropUpdate(n, param, g, s, alpha, lr, eps);
    }
  }
}
