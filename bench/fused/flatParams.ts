// One flat buffer holding every parameter (and one for every gradient), with a named view per
// tensor, so zeroing the gradients and the Adam update are each a single loop.
import type { FloatArray } from './kernels';

/** The element type the fused reference runs in: float32 to train, float64 for gradient checks. */
export type Dtype = 'float32' | 'float64';

/**
 * Carves `sizes` out of one parameter buffer and one gradient buffer.
 * @returns params[name] and grads[name], views of length sizes[name] into `flatParams` / `flatGrads`
 */
export function flatParams<Name extends string>(
  sizes: Record<Name, number>,
  dtype: Dtype,
): {
  flatParams: FloatArray;
  flatGrads: FloatArray;
  params: Record<Name, FloatArray>;
  grads: Record<Name, FloatArray>;
} {
  const names = Object.keys(sizes) as Name[];
  const total = names.reduce((n, name) => n + sizes[name], 0);
  const Ctor = dtype === 'float64' ? Float64Array : Float32Array;
  const flatP = new Ctor(total);
  const flatG = new Ctor(total);
  const params = {} as Record<Name, FloatArray>;
  const grads = {} as Record<Name, FloatArray>;
  let offset = 0;
  for (const name of names) {
    params[name] = flatP.subarray(offset, offset + sizes[name]);
    grads[name] = flatG.subarray(offset, offset + sizes[name]);
    offset += sizes[name];
  }
  return { flatParams: flatP, flatGrads: flatG, params, grads };
}
