// The storage under every tensor: the two element types, their typed arrays, and how to allocate and
// measure them. A leaf module: the tensor, the tape and the kernels all build on it and it imports nothing.

/** Element type: float32 is the training path, float64 is for gradient checks and parity tests. */
export type DType = 'float32' | 'float64';

/** The storage of a tensor of either dtype. */
export type TensorData = Float32Array | Float64Array;

/** A zero-filled array of the dtype. */
export function allocate(dtype: DType, size: number): TensorData {
  return dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
}

/** Product of dimensions; throws on a negative or fractional dimension. */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`Tensor: invalid shape [${shape.join(',')}]`);
    n *= d;
  }
  return n;
}

/** Formats a shape the way error messages show it: [2,3]. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
