// Ops that move elements without arithmetic: reshape, permute/transpose, concat, narrow/slice,
// select, stack/unstack. Backward routes each gradient element back to where it came from.

import { needsGrad, record, anyNeedsGrad } from '../autodiff/tape';
import { fmtShape, Tensor, type TensorData } from '../tensor';
import { commonDtype, empty, normDim, prod } from './util';

/**
 * The same elements under a new shape (one entry may be −1, inferred). Shares `data` with x.
 * @param shape product must equal x.size
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const s = shape.slice();
  const infer = s.indexOf(-1);
  if (infer >= 0) {
    const known = s.reduce((a, d, i) => (i === infer ? a : a * d), 1);
    s[infer] = known === 0 ? 0 : x.size / known;
  }
  if (prod(s) !== x.size || s.some((d) => !Number.isInteger(d) || d < 0))
    throw new Error(`reshape: cannot view ${fmtShape(x.shape)} as ${fmtShape(shape)}`);
  const out = new Tensor(x.data, s);
  if (needsGrad(x)) {
    record(out, 'reshape', [x], () => {
      const g = out.grad as TensorData;
      const gx = x.ensureGrad();
      for (let i = 0; i < g.length; i++) gx[i] = gx[i] + g[i];
    });
  }
  return out;
}

/**
 * Reorders the dimensions: output dim i is input dim dims[i] (a copy, not a view).
 * @param dims a permutation of 0..ndim−1
 */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  const n = x.ndim;
  const perm = dims.map((d) => normDim('permute', d, n));
  if (perm.length !== n || new Set(perm).size !== n)
    throw new Error(`permute: [${dims.join(',')}] is not a permutation of the ${n} dims of ${fmtShape(x.shape)}`);
  const shape = perm.map((d) => x.shape[d]);
  const inStrides = new Array<number>(n);
  let s = 1;
  for (let d = n - 1; d >= 0; d--) {
    inStrides[d] = s;
    s *= x.shape[d];
  }
  // map[k] = index in x of output element k, walked with an odometer over the output shape.
  const map = new Int32Array(x.size);
  const counter = new Array<number>(n).fill(0);
  let idx = 0;
  for (let k = 0; k < x.size; k++) {
    map[k] = idx;
    for (let i = n - 1; i >= 0; i--) {
      const stride = inStrides[perm[i]];
      counter[i] = counter[i] + 1;
      idx += stride;
      if (counter[i] < shape[i]) break;
      idx -= stride * shape[i];
      counter[i] = 0;
    }
  }
  const out = empty(x.dtype, shape);
  const X = x.data;
  const Y = out.data;
  for (let k = 0; k < Y.length; k++) Y[k] = X[map[k]];
  if (needsGrad(x)) {
    record(out, 'permute', [x], () => {
      const g = out.grad as TensorData;
      const gx = x.ensureGrad();
      for (let k = 0; k < g.length; k++) gx[map[k]] = gx[map[k]] + g[k];
    });
  }
  return out;
}

/** Swaps two dimensions (a copy). E.g. [B, T, I] → [T, B, I] with dims 0, 1. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const perm = x.shape.map((_, i) => i);
  const a = normDim('transpose', dim0, x.ndim);
  const b = normDim('transpose', dim1, x.ndim);
  perm[a] = b;
  perm[b] = a;
  return permute(x, perm);
}

/**
 * Joins tensors along `dim`; all other dimensions must agree.
 * @example concat([fwd, bwd], -1) // [T, B, H] twice → [T, B, 2H]
 */
export function concat(xs: readonly Tensor[], dim: number): Tensor {
  if (xs.length === 0) throw new Error('concat: needs at least one tensor');
  const first = xs[0];
  const d = normDim('concat', dim, first.ndim);
  const dtype = commonDtype('concat', ...xs);
  for (const x of xs) {
    if (x.ndim !== first.ndim || x.shape.some((v, i) => i !== d && v !== first.shape[i])) {
      throw new Error(`concat: shapes ${fmtShape(first.shape)} and ${fmtShape(x.shape)} do not match outside dim ${d}`);
    }
  }
  const outer = prod(first.shape, 0, d);
  const inner = prod(first.shape, d + 1);
  const total = xs.reduce((a, x) => a + x.shape[d], 0);
  const shape = first.shape.slice();
  shape[d] = total;
  const out = empty(dtype, shape);
  const Y = out.data;
  const offsets: number[] = [];
  let at = 0;
  for (const x of xs) {
    offsets.push(at);
    const w = x.shape[d] * inner;
    for (let o = 0; o < outer; o++) Y.set(x.data.subarray(o * w, (o + 1) * w), o * total * inner + at * inner);
    at += x.shape[d];
  }
  if (anyNeedsGrad(xs)) {
    record(out, 'concat', xs, () => {
      const g = out.grad as TensorData;
      xs.forEach((x, n) => {
        if (!x.requiresGrad) return;
        const gx = x.ensureGrad();
        const w = x.shape[d] * inner;
        const start = offsets[n] * inner;
        for (let o = 0; o < outer; o++) {
          const src = o * total * inner + start;
          for (let i = 0; i < w; i++) gx[o * w + i] = gx[o * w + i] + g[src + i];
        }
      });
    });
  }
  return out;
}

/**
 * Elements start..start+length−1 along `dim` (PyTorch's narrow), as a copy.
 * @returns x's shape with dim `dim` of size `length`
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normDim('narrow', dim, x.ndim);
  const n = x.shape[d];
  if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > n) {
    throw new Error(`narrow: range [${start}, ${start + length}) out of bounds for dim ${d} of ${fmtShape(x.shape)}`);
  }
  const outer = prod(x.shape, 0, d);
  const inner = prod(x.shape, d + 1);
  const shape = x.shape.slice();
  shape[d] = length;
  const out = empty(x.dtype, shape);
  const w = length * inner;
  for (let o = 0; o < outer; o++)
    out.data.set(x.data.subarray(o * n * inner + start * inner, o * n * inner + start * inner + w), o * w);
  if (needsGrad(x)) {
    record(out, 'narrow', [x], () => {
      const g = out.grad as TensorData;
      const gx = x.ensureGrad();
      for (let o = 0; o < outer; o++) {
        const dst = o * n * inner + start * inner;
        for (let i = 0; i < w; i++) gx[dst + i] = gx[dst + i] + g[o * w + i];
      }
    });
  }
  return out;
}

/** Elements start..end−1 along `dim` (Python's x[..., start:end]); negative bounds count from the end. */
export function slice(x: Tensor, dim: number, start: number, end?: number): Tensor {
  const d = normDim('slice', dim, x.ndim);
  const n = x.shape[d];
  const s = start < 0 ? start + n : start;
  const e = end === undefined ? n : end < 0 ? end + n : end;
  return narrow(x, d, s, Math.max(0, e - s));
}

/** The slice at `index` along `dim`, with that dimension removed. E.g. h_n[l] from [L, B, H] gives [B, H]. */
export function select(x: Tensor, dim: number, index: number): Tensor {
  const d = normDim('select', dim, x.ndim);
  const n = x.shape[d];
  const i = index < 0 ? index + n : index;
  if (!Number.isInteger(i) || i < 0 || i >= n)
    throw new Error(`select: index ${index} out of range for dim ${d} of ${fmtShape(x.shape)}`);
  const shape = x.shape.slice();
  shape.splice(d, 1);
  return reshape(narrow(x, d, i, 1), shape);
}

/**
 * Stacks same-shaped tensors along a new dimension `dim`.
 * @example stack(steps, 0) // T tensors [B, H] → [T, B, H]
 */
export function stack(xs: readonly Tensor[], dim = 0): Tensor {
  if (xs.length === 0) throw new Error('stack: needs at least one tensor');
  const first = xs[0];
  const d = dim < 0 ? dim + first.ndim + 1 : dim;
  if (d < 0 || d > first.ndim) throw new Error(`stack: dim ${dim} out of range for ${first.ndim + 1} dimensions`);
  for (const x of xs)
    if (x.shape.length !== first.ndim || x.shape.some((v, i) => v !== first.shape[i]))
      throw new Error(`stack: shapes ${fmtShape(first.shape)} and ${fmtShape(x.shape)} differ`);
  const shape = first.shape.slice();
  shape.splice(d, 0, 1);
  return concat(
    xs.map((x) => reshape(x, shape)),
    d,
  );
}

/**
 * Splits along `dim` into its slices, that dimension removed (PyTorch's unbind).
 * @example unstack(output, 0) // [T, B, H] → T tensors [B, H]
 */
export function unstack(x: Tensor, dim = 0): Tensor[] {
  const d = normDim('unstack', dim, x.ndim);
  const out: Tensor[] = [];
  for (let i = 0; i < x.shape[d]; i++) out.push(select(x, d, i));
  return out;
}
