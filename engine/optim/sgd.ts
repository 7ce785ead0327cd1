// Stochastic gradient descent with PyTorch's exact rule for momentum, dampening, Nesterov
// momentum and (coupled, L2) weight decay: torch.optim.SGD.
import type { Tensor, TensorData } from '../tensor';
import { checkNonNegative, checkUnitInterval, Optimizer } from './optimizer';

/** Options of torch.optim.SGD; lr is required, as in PyTorch 1.13. */
export interface SGDOptions {
  lr: number;
  /** μ; 0 turns momentum off. */
  momentum?: number;
  /** τ, scales the new gradient into the momentum buffer by (1 − τ). */
  dampening?: number;
  /** λ, adds λθ to the gradient (L2 regularisation). */
  weightDecay?: number;
  /** Nesterov momentum: step along g + μb instead of b. */
  nesterov?: boolean;
}

/**
 * g ← ∇θ + λθ; b ← g on the first step, else μb + (1 − τ)g; g ← g + μb (Nesterov) or b;
 * θ ← θ − lr·g.
 */
export class SGD extends Optimizer {
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;

  /** @param params the tensors to update */
  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    super(params, options.lr);
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.nesterov = options.nesterov ?? false;
    checkNonNegative('momentum', this.momentum);
    checkNonNegative('weightDecay', this.weightDecay);
    checkUnitInterval('dampening', this.dampening);
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new RangeError('SGD: Nesterov momentum requires a momentum and zero dampening');
    }
  }

  protected update(index: number, param: TensorData, grad: TensorData): void {
    const { lr, momentum: mu, dampening } = this;
    const g = this.decayedGrad(index, param, grad, this.weightDecay);
    const k = this.kernels(index);
    if (mu === 0) {
      k.sgdUpdate(param.length, param, g, lr);
      return;
    }
    // PyTorch starts the buffer at the undampened gradient: b = 0·b + 1·g on the (zero) new buffer.
    const first = !this.hasBuffer('momentum', index);
    const buf = this.buffer('momentum', index);
    const keep = first ? 0 : mu;
    const take = first ? 1 : 1 - dampening;
    if (this.nesterov) k.sgdNesterovUpdate(param.length, param, g, buf, keep, take, mu, lr);
    else k.sgdMomentumUpdate(param.length, param, g, buf, keep, take, lr);
  }
}
