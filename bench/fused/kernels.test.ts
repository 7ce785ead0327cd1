// The register-blocked matmul kernels against a naive triple loop, on shapes that exercise both the
// 8 × 8 blocks and the remainder loops (sizes below, at and above multiples of eight).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matmulAB, matmulABt, matmulAtB, transpose } from './kernels';

function naive(
  A: Float64Array,
  B: Float64Array,
  M: number,
  N: number,
  K: number,
  aT: boolean,
  bT: boolean,
): Float64Array {
  const C = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += (aT ? A[k * M + i] : A[i * K + k]) * (bT ? B[j * K + k] : B[k * N + j]);
      C[i * N + j] = s;
    }
  return C;
}

const size = fc.integer({ min: 1, max: 27 });
const dims = fc.record({ M: size, N: size, K: size });
const filled = (n: number, seed: number): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.7));

describe('matmul kernels', () => {
  it('matmulABt accumulates A·Bᵀ', () => {
    fc.assert(
      fc.property(dims, ({ M, N, K }) => {
        const A = filled(M * K, 1);
        const B = filled(N * K, 2);
        const C = new Float64Array(M * N).fill(0.5);
        matmulABt(A, B, C, M, N, K);
        const want = naive(A, B, M, N, K, false, true);
        want.forEach((w, i) => expect(C[i]).toBeCloseTo(w + 0.5, 12));
      }),
    );
  });
  it('matmulAB accumulates A·B', () => {
    fc.assert(
      fc.property(dims, ({ M, N, K }) => {
        const A = filled(M * K, 3);
        const B = filled(K * N, 4);
        const C = new Float64Array(M * N).fill(-1);
        matmulAB(A, B, C, M, N, K);
        const want = naive(A, B, M, N, K, false, false);
        want.forEach((w, i) => expect(C[i]).toBeCloseTo(w - 1, 12));
      }),
    );
  });
  it('matmulAtB accumulates Aᵀ·B', () => {
    fc.assert(
      fc.property(dims, ({ M, N, K }) => {
        const A = filled(K * M, 5);
        const B = filled(K * N, 6);
        const C = new Float64Array(M * N).fill(2);
        matmulAtB(A, B, C, M, N, K);
        const want = naive(A, B, M, N, K, true, false);
        want.forEach((w, i) => expect(C[i]).toBeCloseTo(w + 2, 12));
      }),
    );
  });
  // Shapes that surely hit the 8 × 8 blocks, their row and k remainders, and the bench's own sizes,
  // in float32 as the bench runs them.
  it.each([
    [8, 1, 8],
    [16, 7, 16],
    [17, 9, 25],
    [1, 65, 128],
    [25, 65, 128],
    [32, 512, 128],
  ])('all three agree with the naive product in float32 at M=%i N=%i K=%i', (M, N, K) => {
    const cases = [
      { run: matmulAB, aT: false, bT: false },
      { run: matmulAtB, aT: true, bT: false },
      { run: matmulABt, aT: false, bT: true },
    ];
    for (const { run, aT, bT } of cases) {
      const A = filled(M * K, 7);
      const B = filled(N * K, 8);
      const C = new Float32Array(M * N).fill(0.25);
      run(Float32Array.from(A), Float32Array.from(B), C, M, N, K);
      const want = naive(A, B, M, N, K, aT, bT);
      want.forEach((w, i) => expect(Math.abs(C[i] - (w + 0.25))).toBeLessThan(1e-5 * (1 + K)));
    }
  });
  it('transpose swaps rows and columns', () => {
    const AT = new Float64Array(6);
    transpose(Float64Array.from([1, 2, 3, 4, 5, 6]), AT, 2, 3);
    expect([...AT]).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
