// Binary elementwise ops with NumPy/PyTorch broadcasting (add, sub, mul, div); a number operand
// is a scalar constant. Backward sums each gradient over the dimensions its input was broadcast along.

import { needsGrad, record } from '../autodiff/tape';
import { fmtShape, type Tensor, type TensorData } from '../tensor';
import { commonDtype, empty, scalar } from './util';

type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

/** a + b, broadcast. @param a [...] @param b [...] broadcastable to a common shape */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return binary('add', a, b);
}

/** a − b, broadcast. */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return binary('sub', a, b);
}

/** a ⊙ b (elementwise product), broadcast. */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return binary('mul', a, b);
}

/** a / b (elementwise), broadcast. */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return binary('div', a, b);
}

/** The broadcast of two shapes (align right; each pair of dims equal or one of them 1). */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new Error(`${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} do not broadcast`);
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For each element of a tensor of shape `out`, the index of the element of a tensor of shape `src`
 * broadcast to it; null when src already has the full shape (the identity map).
 */
export function broadcastIndex(src: readonly number[], out: readonly number[]): Int32Array | null {
  let size = 1;
  for (const d of out) size *= d;
  let srcSize = 1;
  for (const d of src) srcSize *= d;
  if (srcSize === size) return null;
  const n = out.length;
  // Stride of each output dim in the source; 0 where the source is broadcast (size 1 or missing).
  const strides = new Int32Array(n);
  let s = 1;
  for (let i = n - 1; i >= 0; i--) {
    const d = src[src.length - n + i] ?? 1;
    strides[i] = d === 1 ? 0 : s;
    s *= d;
  }
  const map = new Int32Array(size);
  const counter = new Int32Array(n);
  let idx = 0;
  for (let k = 0; k < size; k++) {
    map[k] = idx;
    // Odometer increment over the output shape, moving the source index by its strides.
    for (let i = n - 1; i >= 0; i--) {
      counter[i] = counter[i] + 1;
      idx += strides[i];
      if (counter[i] < out[i]) break;
      idx -= strides[i] * out[i];
      counter[i] = 0;
    }
  }
  return map;
}

function binary(op: BinaryOp, aIn: Tensor | number, bIn: Tensor | number): Tensor {
  if (typeof aIn === 'number' && typeof bIn === 'number')
    throw new Error(`${op}: at least one operand must be a tensor`);
  const a = typeof aIn === 'number' ? scalar(aIn, (bIn as Tensor).dtype) : aIn;
  const b = typeof bIn === 'number' ? scalar(bIn, a.dtype) : bIn;
  const dtype = commonDtype(op, a, b);
  const shape = broadcastShapes(op, a.shape, b.shape);
  const out = empty(dtype, shape);
  const ia = broadcastIndex(a.shape, shape);
  const ib = broadcastIndex(b.shape, shape);
  const A = a.data;
  const B = b.data;
  const Y = out.data;
  const n = out.size;
  for (let k = 0; k < n; k++) {
    const x = A[ia === null ? k : ia[k]];
    const y = B[ib === null ? k : ib[k]];
    Y[k] = op === 'add' ? x + y : op === 'sub' ? x - y : op === 'mul' ? x * y : x / y;
  }

  if (needsGrad(a, b)) {
    record(out, op, [a, b], () => {
      const g = out.grad as TensorData;
      if (a.requiresGrad) {
        const ga = a.ensureGrad();
        for (let k = 0; k < n; k++) {
          const i = ia === null ? k : ia[k];
          const j = ib === null ? k : ib[k];
          // ∂(x∘y)/∂x: 1 for + and −, y for ×, 1/y for ÷
          const d = op === 'mul' ? B[j] : op === 'div' ? 1 / B[j] : 1;
          ga[i] = ga[i] + g[k] * d;
        }
      }
      if (b.requiresGrad) {
        const gb = b.ensureGrad();
        for (let k = 0; k < n; k++) {
          const i = ia === null ? k : ia[k];
          const j = ib === null ? k : ib[k];
          // ∂(x∘y)/∂y: 1 for +, −1 for −, x for ×, −x/y² for ÷
          const y = B[j];
          const d = op === 'add' ? 1 : op === 'sub' ? -1 : op === 'mul' ? A[i] : -A[i] / (y * y);
          gb[j] = gb[j] + g[k] * d;
        }
      }
    });
  }
  return out;
}
