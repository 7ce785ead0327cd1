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
    const { lr, momentum: mu, dampening, weightDecay: wd, nesterov } = this;
    if (mu === 0) {
      for (let j = 0; j < param.length; j++) param[j] -= lr * (grad[j] + wd * param[j]);
      return;
    }
    const first = !this.hasBuffer('momentum', index);
    const buf = this.buffer('momentum', index);
    for (let j = 0; j < param.length; j++) {
      const g = grad[j] + wd * param[j];
      // PyTorch starts the buffer at the undampened gradient.
      const b = (buf[j] = first ? g : mu * buf[j] + (1 - dampening) * g);
      param[j] -= lr * (nesterov ? g + mu * b : b);
    }
  }
}
