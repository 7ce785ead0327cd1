// Matrix products: matmul (2-D, with transpose flags), bmm (a batch of them) and the fused linear layer y = x·Wᵀ + b.
// Forward and backward both go through the gemm kernels of the tensor's dtype.

import { needsGrad, record } from '../autodiff/tape';
import { kernelsFor, type Kernels } from '../kernels/index';
import { allocate, fmtShape, type DType, type Tensor, type TensorData } from '../tensor';
import { commonDtype, empty } from './util';

/** Flags of `matmul`, as in BLAS: use the transpose of an operand without copying it. */
export interface MatmulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
}

/**
 * C = op(A)·op(B), op = identity or transpose.
 * @param a [M, K] ([K, M] with transposeA)
 * @param b [K, N] ([N, K] with transposeB)
 * @returns [M, N]
 */
export function matmul(a: Tensor, b: Tensor, opts: MatmulOptions = {}): Tensor {
  const tA = opts.transposeA ?? false;
  const tB = opts.transposeB ?? false;
  const flags = `${tA ? ' (transposeA)' : ''}${tB ? ' (transposeB)' : ''}`;
  if (a.ndim !== 2 || b.ndim !== 2)
    throw new Error(`matmul: expects 2-D tensors, got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  const dtype = commonDtype('matmul', a, b);
  const [M, K] = tA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [Kb, N] = tB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (K !== Kb) throw new Error(`matmul: shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} do not match${flags}`);
  const k = kernelsFor(dtype);
  const out = empty(dtype, [M, N]);
  const A = a.data;
  const B = b.data;
  const C = out.data;
  if (!tA && !tB) k.gemmNN(M, N, K, A, 0, B, 0, C, 0, false);
  else if (!tA && tB) k.gemmNT(M, N, K, A, 0, B, 0, C, 0, null, false);
  else if (tA && !tB) k.gemmTN(M, N, K, A, 0, B, 0, C, 0, false);
  else addTransposed(N, M, product(dtype, N, M, K, B, A), C);

  if (needsGrad(a, b)) {
    record(out, 'matmul', [a, b], () => {
      const g = out.grad as TensorData;
      // C = A·B: dA = dC·Bᵀ, dB = Aᵀ·dC; the other layouts follow by transposing both sides.
      if (a.requiresGrad) {
        const gA = a.ensureGrad();
        if (!tA && !tB) k.gemmNT(M, K, N, g, 0, B, 0, gA, 0, null, true);
        else if (!tA && tB) k.gemmNN(M, K, N, g, 0, B, 0, gA, 0, true);
        else if (tA && !tB) k.gemmNT(K, M, N, B, 0, g, 0, gA, 0, null, true);
        else addTransposed(M, K, product(dtype, M, K, N, g, B), gA);
      }
      if (b.requiresGrad) {
        const gB = b.ensureGrad();
        if (!tA && !tB) k.gemmTN(K, N, M, A, 0, g, 0, gB, 0, true);
        else if (!tA && tB) k.gemmTN(N, K, M, g, 0, A, 0, gB, 0, true);
        else if (tA && !tB) k.gemmNN(K, N, M, A, 0, g, 0, gB, 0, true);
        else addTransposed(K, N, product(dtype, K, N, M, A, g), gB);
      }
    });
  }
  return out;
}

/**
 * A batch of matrix products, as torch.bmm: C[b] = A[b]·B[b] for every b.
 * @param a [batch, n, m]
 * @param b [batch, m, p]
 * @returns [batch, n, p]
 */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3 || b.ndim !== 3 || a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1])
    throw new Error(
      `bmm: shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} do not match (expects [batch, n, m] and [batch, m, p])`,
    );
  const dtype = commonDtype('bmm', a, b);
  const [batch, n, m] = a.shape as [number, number, number];
  const p = b.shape[2];
  const k = kernelsFor(dtype);
  const out = empty(dtype, [batch, n, p]);
  const A = a.data;
  const B = b.data;
  for (let i = 0; i < batch; i++) k.gemmNN(n, p, m, A, i * n * m, B, i * m * p, out.data, i * n * p, false);

  if (needsGrad(a, b)) {
    record(out, 'bmm', [a, b], () => {
      const g = out.grad as TensorData;
      // Per batch element, as matmul: ∂L/∂A[b] = ∂L/∂C[b]·B[b]ᵀ, ∂L/∂B[b] = A[b]ᵀ·∂L/∂C[b].
      const gA = a.requiresGrad ? a.ensureGrad() : null;
      const gB = b.requiresGrad ? b.ensureGrad() : null;
      for (let i = 0; i < batch; i++) {
        if (gA !== null) k.gemmNT(n, m, p, g, i * n * p, B, i * m * p, gA, i * n * m, null, true);
        if (gB !== null) k.gemmTN(m, p, n, A, i * n * m, g, i * n * p, gB, i * m * p, true);
      }
    });
  }
  return out;
}

/** A fresh [M, N] = X[M, K]·Y[K, N]. */
function product(dtype: Tensor['dtype'], M: number, N: number, K: number, X: TensorData, Y: TensorData): TensorData {
  const out = empty(dtype, [M, N]).data;
  kernelsFor(dtype).gemmNN(M, N, K, X, 0, Y, 0, out, 0, false);
  return out;
}

/** dst[N, M] += srcᵀ for src [M, N]. */
function addTransposed(M: number, N: number, src: TensorData, dst: TensorData): void {
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) dst[j * M + i] = dst[j * M + i] + src[i * N + j];
}

/**
 * y = x·Wᵀ + b over the last dimension, as PyTorch's F.linear, with the bias fused into the kernel.
 * @param x [..., inFeatures]
 * @param weight [outFeatures, inFeatures]
 * @param bias [outFeatures] or null
 * @returns [..., outFeatures]
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (weight.ndim !== 2) throw new Error(`linear: weight must be 2-D, got ${fmtShape(weight.shape)}`);
  const [outF, inF] = weight.shape as [number, number];
  if (x.ndim < 1 || x.shape[x.ndim - 1] !== inF)
    throw new Error(
      `linear: shapes ${fmtShape(x.shape)} and ${fmtShape(weight.shape)} do not match (input's last dim must equal weight's second)`,
    );
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== outF))
    throw new Error(`linear: bias shape ${fmtShape(bias.shape)} does not match weight ${fmtShape(weight.shape)}`);
  const dtype = bias === null ? commonDtype('linear', x, weight) : commonDtype('linear', x, weight, bias);
  const k = kernelsFor(dtype);
  const rows = x.size / inF;
  const out = empty(dtype, [...x.shape.slice(0, -1), outF]);
  const B = bias === null ? null : bias.data;
  // A mostly-zero input (one-hot characters) takes the sparse path: W x is then a sum of a few columns of W.
  const sparse = compressRows(k, dtype, x.data, rows, inF);
  if (sparse === null) k.gemmNT(rows, outF, inF, x.data, 0, weight.data, 0, out.data, 0, B, false);
  else k.sparseGemmNT(rows, outF, inF, sparse.rowStart, sparse.col, sparse.val, weight.data, out.data, B, false);

  if (needsGrad(x, weight, bias ?? undefined)) {
    record(out, 'linear', bias === null ? [x, weight] : [x, weight, bias], () => {
      const g = out.grad as TensorData;
      if (x.requiresGrad) k.gemmNN(rows, inF, outF, g, 0, weight.data, 0, x.ensureGrad(), 0, true); // ∂L/∂x = ∂L/∂y · W
      if (weight.requiresGrad) {
        // ∂L/∂W = (∂L/∂y)ᵀ · x
        if (sparse === null) k.gemmTN(outF, inF, rows, g, 0, x.data, 0, weight.ensureGrad(), 0, true);
        else k.sparseGemmTN(rows, outF, inF, sparse.rowStart, sparse.col, sparse.val, g, weight.ensureGrad());
      }
      if (bias !== null && bias.requiresGrad) k.addColumnSums(rows, outF, g, 0, bias.ensureGrad()); // ∂L/∂b = Σ_rows ∂L/∂y
    });
  }
  return out;
}

/** A matrix in compressed sparse rows: row i's nonzeros are val[p] at column col[p], p in rowStart[i]..rowStart[i+1]−1. */
interface CompressedRows {
  rowStart: Int32Array;
  col: Int32Array;
  val: TensorData;
}

/**
 * X [rows, cols] in compressed rows when at most a quarter of its entries are nonzero, else null.
 * The count stops as soon as the matrix proves dense, so a dense input costs a fraction of one pass.
 */
function compressRows(k: Kernels, dtype: DType, X: TensorData, rows: number, cols: number): CompressedRows | null {
  const nnz = k.compressRows(rows, cols, X, (rows * cols) / 4, null, null, null);
  if (nnz < 0) return null;
  const index = new Int32Array(rows + 1 + nnz); // rowStart and col in one allocation
  const sparse = { rowStart: index.subarray(0, rows + 1), col: index.subarray(rows + 1), val: allocate(dtype, nnz) };
  k.compressRows(rows, cols, X, nnz, sparse.rowStart, sparse.col, sparse.val);
  return sparse;
}
