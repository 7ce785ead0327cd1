// Matmul kernels of the hand-fused reference: explicit loops, row-major, the inner loop unrolled by
// four (four outputs per pass), so each loaded operand is used four times. No allocation.

/** The arrays the fused reference runs on: Float32Array in the bench, Float64Array in gradient checks. */
export type FloatArray = Float32Array | Float64Array;

/**
 * C += A · Bᵀ (dot-product form: both operands read along contiguous rows).
 * @param A [M, K]
 * @param B [N, K]
 * @param C [M, N], accumulated into
 */
export function matmulABt(A: FloatArray, B: FloatArray, C: FloatArray, M: number, N: number, K: number): void {
  for (let i = 0; i < M; i++) {
    const ai = i * K;
    const ci = i * N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const b0 = j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < K; k++) {
        const a = A[ai + k];
        s0 += a * B[b0 + k];
        s1 += a * B[b1 + k];
        s2 += a * B[b2 + k];
        s3 += a * B[b3 + k];
      }
      C[ci + j] += s0;
      C[ci + j + 1] += s1;
      C[ci + j + 2] += s2;
      C[ci + j + 3] += s3;
    }
    for (; j < N; j++) {
      const bj = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[ai + k] * B[bj + k];
      C[ci + j] += s;
    }
  }
}

/**
 * C += A · B (axpy form: four rows of B are combined per pass over a row of C).
 * @param A [M, K]
 * @param B [K, N]
 * @param C [M, N], accumulated into
 */
export function matmulAB(A: FloatArray, B: FloatArray, C: FloatArray, M: number, N: number, K: number): void {
  for (let i = 0; i < M; i++) {
    const ai = i * K;
    const ci = i * N;
    let p = 0;
    for (; p + 3 < K; p += 4) {
      const a0 = A[ai + p];
      const a1 = A[ai + p + 1];
      const a2 = A[ai + p + 2];
      const a3 = A[ai + p + 3];
      const b0 = p * N;
      const b1 = b0 + N;
      const b2 = b1 + N;
      const b3 = b2 + N;
      for (let j = 0; j < N; j++) {
        C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      }
    }
    for (; p < K; p++) {
      const a = A[ai + p];
      const bp = p * N;
      for (let j = 0; j < N; j++) C[ci + j] += a * B[bp + j];
    }
  }
}

/**
 * AT = Aᵀ.
 * @param A [R, C]
 * @param AT [C, R], overwritten
 */
export function transpose(A: FloatArray, AT: FloatArray, R: number, C: number): void {
  for (let r = 0; r < R; r++) {
    const ar = r * C;
    for (let c = 0; c < C; c++) AT[c * R + r] = A[ar + c];
  }
}

/**
 * C += Aᵀ · B, for weight gradients summed over all time steps at once. Transposing both
 * operands first lets the dot-product kernel run on contiguous rows (about twice as fast here
 * as the strided axpy form over R = seqLen·batchSize rows).
 * @param A [R, M]
 * @param B [R, N]
 * @param C [M, N], accumulated into
 * @param AT scratch of at least M·R
 * @param BT scratch of at least N·R
 */
export function matmulAtB(
  A: FloatArray,
  B: FloatArray,
  C: FloatArray,
  M: number,
  N: number,
  R: number,
  AT: FloatArray,
  BT: FloatArray,
): void {
  transpose(A, AT, R, M);
  transpose(B, BT, R, N);
  matmulABt(AT, BT, C, M, N, R);
}
