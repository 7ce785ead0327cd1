// The base of every layer: named parameters in PyTorch's state_dict order, submodules, and the
// training/evaluation switch that dropout reads.

import type { Tensor } from '../tensor';

/** A layer or model: owns parameters and submodules, as torch.nn.Module. */
export abstract class Module {
  /** Training mode (dropout active); switch with train() / eval(). */
  training = true;
  private readonly ownParameters: [string, Tensor][] = [];
  private readonly children: [string, Module][] = [];

  /** Adds a parameter under `name` (registration order is state_dict order) and returns it. */
  protected registerParameter(name: string, t: Tensor): Tensor {
    t.requiresGrad = true;
    this.ownParameters.push([name, t]);
    return t;
  }

  /** Adds a submodule whose parameters appear as `name.<param>`, after this module's own. */
  protected registerModule<M extends Module>(name: string, m: M): M {
    this.children.push([name, m]);
    return m;
  }

  /** Every parameter by its PyTorch state_dict name (e.g. `weight_ih_l0`, `rnn.bias_hh_l1_reverse`), in PyTorch's order. */
  namedParameters(): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    for (const [name, t] of this.ownParameters) out.set(name, t);
    for (const [prefix, m] of this.children)
      for (const [name, t] of m.namedParameters()) out.set(`${prefix}.${name}`, t);
    return out;
  }

  /** The parameters in the order of `namedParameters`. */
  parameters(): Tensor[] {
    return [...this.namedParameters().values()];
  }

  /** Sets training mode here and in every submodule; returns this. */
  train(mode = true): this {
    this.training = mode;
    for (const [, m] of this.children) m.train(mode);
    return this;
  }

  /** Evaluation mode (dropout off); returns this. */
  eval(): this {
    return this.train(false);
  }

  /** Zeroes every parameter's gradient in place. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }
}
