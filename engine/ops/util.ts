// Small helpers every op shares: dtype agreement, dimension normalisation, and making an output.

import { allocate, fmtShape, Tensor, type DType } from '../tensor';

/** Throws unless all tensors share a dtype; returns it. */
export function commonDtype(op: string, ...ts: Tensor[]): DType {
  const dtype = ts[0].dtype;
  for (const t of ts) {
    if (t.dtype !== dtype)
      throw new Error(
        `${op}: dtypes ${dtype} and ${t.dtype} differ (shapes ${fmtShape(ts[0].shape)} and ${fmtShape(t.shape)})`,
      );
  }
  return dtype;
}

/** A dimension index with negatives counted from the end, checked against ndim. */
export function normDim(op: string, dim: number, ndim: number): number {
  const d = dim < 0 ? dim + ndim : dim;
  if (!Number.isInteger(d) || d < 0 || d >= ndim)
    throw new Error(`${op}: dim ${dim} out of range for ${ndim} dimensions`);
  return d;
}

/** A fresh zero tensor of the dtype and shape (an op's output before it is filled). */
export function empty(dtype: DType, shape: readonly number[]): Tensor {
  let size = 1;
  for (const d of shape) size *= d;
  return new Tensor(allocate(dtype, size), shape);
}

/** Product of shape[from..to). */
export function prod(shape: readonly number[], from = 0, to = shape.length): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= shape[i];
  return n;
}

/** A scalar constant of the dtype (for number operands of binary ops). */
export function scalar(value: number, dtype: DType): Tensor {
  const t = new Tensor(allocate(dtype, 1), []);
  t.data[0] = value;
  return t;
}
