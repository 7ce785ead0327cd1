// Tests for the kernels: each gemm layout against a naive triple loop on awkward sizes, in both
// dtypes, and the float64 files being exactly what the generator makes from the float32 ones.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { allocate, type DType, type TensorData } from '../tensor';
import { toFloat64 } from './generate.mjs';
import { kernelsFor } from './index';

function rand(dtype: DType, n: number, rng: Rng): TensorData {
  const a = allocate(dtype, n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform(-1, 1);
  return a;
}

/** C[i,j] = Σ_k A(i,k)·B(k,j) through index functions, in float64. */
function naive(
  M: number,
  N: number,
  K: number,
  a: (i: number, k: number) => number,
  b: (k: number, j: number) => number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a(i, k) * b(k, j);
      out.push(s);
    }
  return out;
}

// Below 8 rows the kernels work row by row, eight columns at a time; from 8 rows (and 8 of K for
// Aᵀ·B) in blocks of 8 × 8 with leftovers: sizes below, at and past both.
const sizes: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 5],
  [2, 4, 4],
  [3, 5, 9],
  [5, 3, 2],
  [6, 9, 13],
  [8, 8, 8],
  [7, 1, 3],
  [1, 8, 3],
  [1, 19, 6],
  [3, 17, 5],
  [4, 12, 7],
  [9, 10, 17],
  [16, 3, 8],
  [13, 21, 19],
  [8, 1, 1],
  [17, 9, 24],
];

describe.each(['float32', 'float64'] as const)('gemm kernels (%s)', (dtype) => {
  const k = kernelsFor(dtype);
  const tol = dtype === 'float32' ? 1e-5 : 1e-12;
  const off = 3; // every kernel must honour its offsets

  it.each(sizes)('NT, NN, TN agree with a naive product at M=%i N=%i K=%i', (M, N, K) => {
    const rng = new Rng(M * 100 + N * 10 + K);
    const A = rand(dtype, off + M * K, rng);
    const Bt = rand(dtype, off + N * K, rng);
    const bias = rand(dtype, N, rng);
    const C0 = rand(dtype, off + M * N, rng);

    const nt = C0.slice();
    k.gemmNT(M, N, K, A, off, Bt, off, nt, off, bias, true);
    const ref = naive(
      M,
      N,
      K,
      (i, q) => A[off + i * K + q],
      (q, j) => Bt[off + j * K + q],
    );
    for (let x = 0; x < M * N; x++)
      expect(nt[off + x]).toBeCloseTo(C0[off + x] + ref[x] + bias[x % N], -Math.log10(tol));
    const ntPlain = C0.slice();
    k.gemmNT(M, N, K, A, off, Bt, off, ntPlain, off, null, false);
    for (let x = 0; x < M * N; x++) expect(ntPlain[off + x]).toBeCloseTo(ref[x], -Math.log10(tol));
    expect(ntPlain[0]).toBe(C0[0]);

    const nn = C0.slice();
    const Bn = rand(dtype, off + K * N, rng);
    k.gemmNN(M, N, K, A, off, Bn, off, nn, off, false);
    const refNN = naive(
      M,
      N,
      K,
      (i, q) => A[off + i * K + q],
      (q, j) => Bn[off + q * N + j],
    );
    for (let x = 0; x < M * N; x++) expect(nn[off + x]).toBeCloseTo(refNN[x], -Math.log10(tol));
    expect(nn[0]).toBe(C0[0]);
    k.gemmNN(M, N, K, A, off, Bn, off, nn, off, true);
    for (let x = 0; x < M * N; x++) expect(nn[off + x]).toBeCloseTo(2 * refNN[x], -Math.log10(tol));

    const tn = C0.slice();
    const At = rand(dtype, off + K * M, rng);
    k.gemmTN(M, N, K, At, off, Bn, off, tn, off, true);
    const refTN = naive(
      M,
      N,
      K,
      (i, q) => At[off + q * M + i],
      (q, j) => Bn[off + q * N + j],
    );
    for (let x = 0; x < M * N; x++) expect(tn[off + x]).toBeCloseTo(C0[off + x] + refTN[x], -Math.log10(tol));
  });

  it.each([
    [1, 1],
    [3, 5],
    [4, 4],
    [7, 2],
    [9, 6],
  ])('transposes a %i × %i matrix between offsets', (R, C) => {
    const src = rand(dtype, 2 + R * C, new Rng(R * 10 + C));
    const dst = allocate(dtype, 5 + R * C);
    k.transpose(R, C, src, 2, dst, 5);
    for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) expect(dst[5 + c * R + r]).toBe(src[2 + r * C + c]);
    expect(Array.from(dst.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
  });

  it('adds a vector to every row', () => {
    const C = allocate(dtype, 7);
    C.set([9, 1, 2, 3, 4, 5, 6]);
    const v = allocate(dtype, 3);
    v.set([10, 20, 30]);
    k.addRows(2, 3, C, 1, v);
    expect(Array.from(C)).toEqual([9, 11, 22, 33, 14, 25, 36]);
  });

  it('sums columns into a bias gradient', () => {
    const A = allocate(dtype, 6);
    A.set([1, 2, 3, 4, 5, 6]);
    const out = allocate(dtype, 2);
    out.set([10, 20]);
    k.addColumnSums(2, 2, A, 2, out);
    expect(Array.from(out)).toEqual([18, 30]);
  });
});

describe('generated float64 kernels', () => {
  it('are exactly the float32 sources with the array type replaced', () => {
    const dir = join(__dirname);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.f32.ts'));
    expect(sources.length).toBeGreaterThan(0);
    for (const name of sources) {
      const expected = toFloat64(readFileSync(join(dir, name), 'utf8'), name);
      const actual = readFileSync(join(dir, name.replace('.f32.ts', '.f64.ts')), 'utf8');
      expect(actual, `${name.replace('.f32.ts', '.f64.ts')} is stale: run node engine/kernels/generate.mjs`).toBe(
        expected,
      );
    }
  });

  it('keep the float32 and float64 tables apart', () => {
    expect(kernelsFor('float32')).not.toBe(kernelsFor('float64'));
  });
});
