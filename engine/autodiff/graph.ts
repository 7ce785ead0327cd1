// What the tape needs of a tensor: the graph link an op records and the gradient it fills. The Tensor
// class implements this; the tape depends on this shape, not on the class, so neither imports the other's module.
import type { DType, TensorData } from '../storage';

/**
 * How a tensor was made: its inputs and the closure that adds its gradient into theirs.
 * Only tensors made by an op while gradients were recorded carry one.
 */
export interface GradNode {
  /** Creation order; a node's parents always have smaller ids, so descending id is a valid reverse order. */
  readonly id: number;
  /** Name of the op, for error messages and debugging. */
  readonly op: string;
  readonly parents: readonly GraphTensor[];
  /** Reads `out.grad` and accumulates (+=) into each parent's grad. */
  readonly backward: () => void;
}

/** A node of the autodiff graph: a tensor as the tape sees it. */
export interface GraphTensor {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly size: number;
  grad: TensorData | null;
  requiresGrad: boolean;
  gradNode: GradNode | null;
  /** The gradient buffer, allocated (zero) on first use. */
  ensureGrad(): TensorData;
  toString(): string;
}
