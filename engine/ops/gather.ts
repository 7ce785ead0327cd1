// Row gather, the embedding lookup: out[k] = weight[indices[k]]. Backward scatters each row's
// gradient back (+=) to the row it came from, skipping the padding row when one is set.

import { needsGrad, record } from '../autodiff/tape';
import { fmtShape, Tensor, type NestedArray, type TensorData } from '../tensor';
import { empty } from './util';

/** Indices as a flat list (shape [n]), nested arrays (shape read from the nesting) or a tensor of integers. */
export type Indices = ArrayLike<number> | NestedArray | Tensor;

/** Flattens indices to Int32Array and their shape, checking each is an integer in [0, rows). */
export function toIndexArray(op: string, indices: Indices, rows: number): { idx: Int32Array; shape: number[] } {
  let flat: ArrayLike<number>;
  let shape: number[];
  if (indices instanceof Tensor) {
    flat = indices.data;
    shape = indices.shape.slice();
  } else if (typeof indices === 'number') {
    flat = [indices];
    shape = [];
  } else if (Array.isArray(indices) && indices.some((v) => Array.isArray(v))) {
    const values: number[] = [];
    shape = [];
    let v: NestedArray = indices;
    while (Array.isArray(v)) {
      shape.push(v.length);
      v = v[0];
    }
    const walk = (a: NestedArray, depth: number): void => {
      if (depth === shape.length) {
        values.push(a as number);
        return;
      }
      if (!Array.isArray(a) || a.length !== shape[depth]) throw new Error(`${op}: ragged index array`);
      for (const item of a) walk(item, depth + 1);
    };
    walk(indices, 0);
    flat = values;
  } else {
    flat = indices as ArrayLike<number>;
    shape = [flat.length];
  }
  const idx = new Int32Array(flat.length);
  for (let k = 0; k < flat.length; k++) {
    const v = flat[k];
    if (!Number.isInteger(v) || v < 0 || v >= rows) throw new Error(`${op}: index ${v} out of range for ${rows} rows`);
    idx[k] = v;
  }
  return { idx, shape };
}

/** Options of `gatherRows`. */
export interface GatherOptions {
  /** A row index whose lookups pass no gradient back (PyTorch's padding_idx); negative counts from the end. */
  paddingIdx?: number | null;
}

/**
 * Looks up rows of `weight`: out[..., :] = weight[indices[...], :].
 * @param weight [rows, dim]
 * @param indices any shape S of integers in [0, rows)
 * @returns [...S, dim]
 */
export function gatherRows(weight: Tensor, indices: Indices, opts: GatherOptions = {}): Tensor {
  if (weight.ndim !== 2) throw new Error(`gatherRows: weight must be 2-D, got ${fmtShape(weight.shape)}`);
  const [rows, dim] = weight.shape as [number, number];
  const { idx, shape } = toIndexArray('gatherRows', indices, rows);
  const pad =
    opts.paddingIdx === undefined || opts.paddingIdx === null
      ? -1
      : opts.paddingIdx < 0
        ? opts.paddingIdx + rows
        : opts.paddingIdx;
  const out = empty(weight.dtype, [...shape, dim]);
  const W = weight.data;
  for (let k = 0; k < idx.length; k++) out.data.set(W.subarray(idx[k] * dim, idx[k] * dim + dim), k * dim);
  if (needsGrad(weight)) {
    record(out, 'gatherRows', [weight], () => {
      const g = out.grad as TensorData;
      const gw = weight.ensureGrad();
      for (let k = 0; k < idx.length; k++) {
        const r = idx[k];
        if (r === pad) continue;
        for (let j = 0; j < dim; j++) gw[r * dim + j] = gw[r * dim + j] + g[k * dim + j];
      }
    });
  }
  return out;
}
