// The Tensor: a flat typed array with a shape, an optional gradient, and the graph link that
// reverse-mode autodiff follows. Also the constructors (tensor, zeros, ones, full, fromArray).

import { backward as runBackward, opGradBuffer, type BackwardOptions } from './autodiff/tape';
import type { GradNode, GraphTensor } from './autodiff/graph';
import type { Rng } from './random';
import { allocate, fmtShape, shapeSize, type DType, type TensorData } from './storage';

export type { GradNode } from './autodiff/graph';
export { allocate, fmtShape, shapeSize } from './storage';
export type { DType, TensorData } from './storage';

/** A number or arbitrarily nested arrays of numbers, as in `tensor([[1, 2], [3, 4]])`. */
export type NestedArray = number | NestedArray[];

/** Options shared by the constructors. */
export interface TensorOptions {
  /** Element type; 'float32' unless given. */
  dtype?: DType;
  /** Whether gradients flow into this tensor (a leaf: a parameter or an input under study). */
  requiresGrad?: boolean;
}

/** A dense, row-major, n-dimensional array of float32 or float64 numbers. */
export class Tensor implements GraphTensor {
  /** Row-major elements; length equals `size`. */
  data: TensorData;
  readonly shape: readonly number[];
  readonly dtype: DType;
  /**
   * ∂L/∂this after `backward()`, same dtype and length as `data`; allocated lazily, null until needed.
   * An op output's lasts until the next backward() begins.
   */
  grad: TensorData | null = null;
  /** True for leaves that want a gradient and for every op output that depends on one. */
  requiresGrad: boolean;
  /** The op that made this tensor; null for leaves and for tensors made without gradient recording. */
  gradNode: GradNode | null = null;
  /** Number of elements (product of the shape). */
  readonly size: number;

  /**
   * Wraps `data` without copying.
   * @param data row-major elements, length = product of `shape`
   * @param shape dimensions, e.g. [T, B, inputSize]; [] for a scalar
   */
  constructor(data: TensorData, shape: readonly number[], requiresGrad = false) {
    const size = shapeSize(shape);
    if (data.length !== size)
      throw new Error(`Tensor: data has ${data.length} elements but shape [${shape.join(',')}] needs ${size}`);
    this.data = data;
    this.shape = Object.freeze(shape.slice());
    this.dtype = data instanceof Float64Array ? 'float64' : 'float32';
    this.size = size;
    this.requiresGrad = requiresGrad;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The gradient buffer, allocated (zero) on first use; an op output's is lent for one backward pass (see backward). */
  ensureGrad(): TensorData {
    if (this.grad === null) this.grad = this.gradNode === null ? allocate(this.dtype, this.size) : opGradBuffer(this);
    return this.grad;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1)
      throw new Error(`item: tensor of shape [${this.shape.join(',')}] has ${this.size} elements, not 1`);
    return this.data[0];
  }

  /** The values as nested arrays (a plain number for a scalar). */
  toNested(): NestedArray {
    return toNestedFrom(this.data, this.shape);
  }

  /** The gradient as nested arrays, or null when there is none. */
  gradToNested(): NestedArray | null {
    return this.grad === null ? null : toNestedFrom(this.grad, this.shape);
  }

  /** A tensor sharing this one's data but cut from the graph (no gradient flows back through it). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, false);
  }

  /** A copy of the data in a new leaf tensor. */
  clone(opts: TensorOptions = {}): Tensor {
    const dtype = opts.dtype ?? this.dtype;
    const data = allocate(dtype, this.size);
    data.set(this.data);
    return new Tensor(data, this.shape, opts.requiresGrad ?? false);
  }

  /**
   * Back-propagates from this tensor: every tensor it depends on that requires a gradient gets
   * ∂this/∂(that tensor) added to its `grad`. A non-scalar needs an explicit `grad` (the seed).
   */
  backward(opts?: BackwardOptions): void {
    runBackward(this, opts);
  }

  /** Sets the gradient to zero in place (keeping the buffer). */
  zeroGrad(): void {
    if (this.grad !== null) this.grad.fill(0);
  }

  toString(): string {
    return `Tensor(${this.dtype}, [${this.shape.join(',')}])`;
  }
}

function toNestedFrom(data: TensorData, shape: readonly number[]): NestedArray {
  if (shape.length === 0) return data[0];
  const build = (dim: number, offset: number): NestedArray[] => {
    const n = shape[dim];
    const out = new Array<NestedArray>(n);
    if (dim === shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = data[offset + i];
      return out;
    }
    let stride = 1;
    for (let d = dim + 1; d < shape.length; d++) stride *= shape[d];
    for (let i = 0; i < n; i++) out[i] = build(dim + 1, offset + i * stride);
    return out;
  };
  return build(0, 0);
}

function inferShape(value: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  return shape;
}

/**
 * A tensor from a number or nested arrays; the shape is read from the nesting.
 * @example tensor([[1, 2, 3], [4, 5, 6]]) // shape [2, 3]
 */
export function tensor(value: NestedArray, opts: TensorOptions = {}): Tensor {
  const shape = inferShape(value);
  const data = allocate(opts.dtype ?? 'float32', shapeSize(shape));
  let k = 0;
  const fill = (v: NestedArray, dim: number): void => {
    if (dim === shape.length) {
      if (typeof v !== 'number') throw new Error(`tensor: expected a number at depth ${dim}, got an array`);
      data[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new Error(
        `tensor: ragged nested array (expected length ${shape[dim]} at depth ${dim} for shape ${fmtShape(shape)})`,
      );
    }
    for (const item of v) fill(item, dim + 1);
  };
  fill(value, 0);
  return new Tensor(data, shape, opts.requiresGrad ?? false);
}

/**
 * A tensor over flat row-major values. A typed array of the requested dtype is wrapped without
 * copying (so later writes to it show in the tensor); anything else is copied.
 * @param values length = product of `shape`
 */
export function fromArray(values: ArrayLike<number>, shape: readonly number[], opts: TensorOptions = {}): Tensor {
  const dtype = opts.dtype ?? (values instanceof Float64Array ? 'float64' : 'float32');
  let data: TensorData;
  if (
    (dtype === 'float32' && values instanceof Float32Array) ||
    (dtype === 'float64' && values instanceof Float64Array)
  ) {
    data = values;
  } else {
    data = allocate(dtype, values.length);
    for (let i = 0; i < values.length; i++) data[i] = values[i];
  }
  return new Tensor(data, shape, opts.requiresGrad ?? false);
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return new Tensor(allocate(opts.dtype ?? 'float32', shapeSize(shape)), shape, opts.requiresGrad ?? false);
}

/** A tensor filled with `value`. */
export function full(shape: readonly number[], value: number, opts: TensorOptions = {}): Tensor {
  const t = zeros(shape, opts);
  t.data.fill(value);
  return t;
}

/** A tensor of ones. */
export function ones(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return full(shape, 1, opts);
}

/** A tensor of independent samples U(lo, hi) drawn in row-major order from `rng`. */
export function uniform(shape: readonly number[], lo: number, hi: number, rng: Rng, opts: TensorOptions = {}): Tensor {
  const t = zeros(shape, opts);
  for (let i = 0; i < t.size; i++) t.data[i] = rng.uniform(lo, hi);
  return t;
}

/** A tensor of independent samples N(mean, std²) drawn in row-major order from `rng`. */
export function randn(
  shape: readonly number[],
  rng: Rng,
  opts: TensorOptions & { mean?: number; std?: number } = {},
): Tensor {
  const t = zeros(shape, opts);
  const mean = opts.mean ?? 0;
  const std = opts.std ?? 1;
  for (let i = 0; i < t.size; i++) t.data[i] = rng.normal(mean, std);
  return t;
}
