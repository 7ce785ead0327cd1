// What every optimizer shares: the parameters it updates, a mutable learning rate (for schedules),
// zeroGrad, and per-parameter state buffers allocated on first use in the parameter's dtype.
import { kernelsFor, type Kernels } from '../kernels/index';
import { allocate, type Tensor, type TensorData } from '../tensor';

/** An optimizer over one group of parameters, as torch.optim with a single param_group. */
export abstract class Optimizer {
  /** The parameters updated in place by `step()`. */
  readonly params: readonly Tensor[];
  /** Learning rate; may be changed between steps. */
  lr: number;
  /** Number of `step()` calls so far. */
  stepCount = 0;
  private readonly buffers = new Map<string, TensorData[]>();

  /** @param params tensors whose `data` is updated from their `grad`; a parameter with no grad is skipped, as in PyTorch. */
  constructor(params: Iterable<Tensor>, lr: number) {
    this.params = Array.from(params);
    checkNonNegative('lr', lr);
    this.lr = lr;
  }

  /** Applies one update to every parameter that has a gradient. */
  step(): void {
    this.stepCount++;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      if (p.grad !== null) this.update(i, p.data, p.grad);
    }
  }

  /** Sets every parameter's gradient to zero (keeping the buffers). */
  zeroGrad(): void {
    for (const p of this.params) p.zeroGrad();
  }

  /** Updates parameter `index` in place from its gradient. */
  protected abstract update(index: number, param: TensorData, grad: TensorData): void;

  /** A zero-initialised state buffer `name` for parameter `index`, the same dtype and size; the same array on later calls. */
  protected buffer(name: string, index: number): TensorData {
    let list = this.buffers.get(name);
    if (!list) this.buffers.set(name, (list = []));
    let b = list[index];
    if (!b) {
      const p = this.params[index];
      b = list[index] = allocate(p.dtype, p.size);
    }
    return b;
  }

  /** The update loops for parameter `index`'s dtype. */
  protected kernels(index: number): Kernels {
    return kernelsFor(this.params[index].dtype);
  }

  /**
   * The gradient with L2 weight decay added, g + λθ, in the parameter's dtype as PyTorch's
   * grad.add(param, alpha=λ) (into a scratch buffer; the parameter's own grad is not changed), or
   * the gradient itself when λ = 0.
   */
  protected decayedGrad(index: number, param: TensorData, grad: TensorData, lambda: number): TensorData {
    if (lambda === 0) return grad;
    const out = this.buffer('grad_with_weight_decay', index);
    this.kernels(index).addScaled(param.length, grad, param, lambda, out);
    return out;
  }

  /** Whether state buffer `name` exists yet for parameter `index` (PyTorch's "first step" test for momentum). */
  protected hasBuffer(name: string, index: number): boolean {
    return this.buffers.get(name)?.[index] !== undefined;
  }
}

/** Throws a RangeError naming the option unless `value` is a finite number ≥ 0. */
export function checkNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0))
    throw new RangeError(`invalid ${name}: ${value} (must be a finite number ≥ 0)`);
}

/** Throws a RangeError naming the option unless 0 ≤ value < 1. */
export function checkUnitInterval(name: string, value: number): void {
  if (!(value >= 0 && value < 1)) throw new RangeError(`invalid ${name}: ${value} (must be in [0, 1))`);
}
