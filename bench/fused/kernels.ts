// Matmul kernels of the hand-fused reference: explicit loops over row-major Float32Arrays, register
// blocked, no allocation. The two workhorses are axpy-form (each C row is a sum of scaled B rows)
// with a block of 8 output rows × 8 values of k per pass over a row of B: the 64 coefficients stay
// put while the inner loop over columns loads 8 B values and updates 8 C values, so every loaded
// B value is used 8 times and every load/store of C carries 8 multiply-adds. Measured on this
// machine's V8 (Node 20), that runs the bench's shapes in about 0.5–0.65× the time of the 2 rows × 4
// blocking the engine's kernels had then, and needs no column remainder (the inner loop runs over
// any N). The engine's JS kernels (engine/kernels/gemm.f32.ts) have used the same 8 × 8 blocks since;
// its WebAssembly kernels, loaded where SIMD is available, run a 4 × 8 block over packed panels.
// Matrix-vector products (batch 1) use the dot-product form, 8 rows of B (8 outputs) per pass, which
// is faster than axpy when there is a single row.

/** The arrays the fused reference runs on: Float32Array in the bench, Float64Array in gradient checks. */
export type FloatArray = Float32Array | Float64Array;

/**
 * C += A · B, 8 rows of A × 8 of k per pass; leftover rows one at a time, 8 of k per pass.
 * @param A [M, K]
 * @param B [K, N]
 * @param C [M, N], accumulated into
 */
export function matmulAB(A: FloatArray, B: FloatArray, C: FloatArray, M: number, N: number, K: number): void {
  let i = 0;
  for (; i + 7 < M; i += 8) {
    const a0 = i * K,
      a1 = a0 + K,
      a2 = a1 + K,
      a3 = a2 + K,
      a4 = a3 + K,
      a5 = a4 + K,
      a6 = a5 + K,
      a7 = a6 + K;
    const c0 = i * N,
      c1 = c0 + N,
      c2 = c1 + N,
      c3 = c2 + N,
      c4 = c3 + N,
      c5 = c4 + N,
      c6 = c5 + N,
      c7 = c6 + N;
    let k = 0;
    for (; k + 7 < K; k += 8) {
      // x<r><q> = A[i + r, k + q]
      const x00 = A[a0 + k],
        x01 = A[a0 + k + 1],
        x02 = A[a0 + k + 2],
        x03 = A[a0 + k + 3],
        x04 = A[a0 + k + 4],
        x05 = A[a0 + k + 5],
        x06 = A[a0 + k + 6],
        x07 = A[a0 + k + 7];
      const x10 = A[a1 + k],
        x11 = A[a1 + k + 1],
        x12 = A[a1 + k + 2],
        x13 = A[a1 + k + 3],
        x14 = A[a1 + k + 4],
        x15 = A[a1 + k + 5],
        x16 = A[a1 + k + 6],
        x17 = A[a1 + k + 7];
      const x20 = A[a2 + k],
        x21 = A[a2 + k + 1],
        x22 = A[a2 + k + 2],
        x23 = A[a2 + k + 3],
        x24 = A[a2 + k + 4],
        x25 = A[a2 + k + 5],
        x26 = A[a2 + k + 6],
        x27 = A[a2 + k + 7];
      const x30 = A[a3 + k],
        x31 = A[a3 + k + 1],
        x32 = A[a3 + k + 2],
        x33 = A[a3 + k + 3],
        x34 = A[a3 + k + 4],
        x35 = A[a3 + k + 5],
        x36 = A[a3 + k + 6],
        x37 = A[a3 + k + 7];
      const x40 = A[a4 + k],
        x41 = A[a4 + k + 1],
        x42 = A[a4 + k + 2],
        x43 = A[a4 + k + 3],
        x44 = A[a4 + k + 4],
        x45 = A[a4 + k + 5],
        x46 = A[a4 + k + 6],
        x47 = A[a4 + k + 7];
      const x50 = A[a5 + k],
        x51 = A[a5 + k + 1],
        x52 = A[a5 + k + 2],
        x53 = A[a5 + k + 3],
        x54 = A[a5 + k + 4],
        x55 = A[a5 + k + 5],
        x56 = A[a5 + k + 6],
        x57 = A[a5 + k + 7];
      const x60 = A[a6 + k],
        x61 = A[a6 + k + 1],
        x62 = A[a6 + k + 2],
        x63 = A[a6 + k + 3],
        x64 = A[a6 + k + 4],
        x65 = A[a6 + k + 5],
        x66 = A[a6 + k + 6],
        x67 = A[a6 + k + 7];
      const x70 = A[a7 + k],
        x71 = A[a7 + k + 1],
        x72 = A[a7 + k + 2],
        x73 = A[a7 + k + 3],
        x74 = A[a7 + k + 4],
        x75 = A[a7 + k + 5],
        x76 = A[a7 + k + 6],
        x77 = A[a7 + k + 7];
      const b0 = k * N,
        b1 = b0 + N,
        b2 = b1 + N,
        b3 = b2 + N,
        b4 = b3 + N,
        b5 = b4 + N,
        b6 = b5 + N,
        b7 = b6 + N;
      for (let j = 0; j < N; j++) {
        const w0 = B[b0 + j],
          w1 = B[b1 + j],
          w2 = B[b2 + j],
          w3 = B[b3 + j],
          w4 = B[b4 + j],
          w5 = B[b5 + j],
          w6 = B[b6 + j],
          w7 = B[b7 + j];
        C[c0 + j] += x00 * w0 + x01 * w1 + x02 * w2 + x03 * w3 + x04 * w4 + x05 * w5 + x06 * w6 + x07 * w7;
        C[c1 + j] += x10 * w0 + x11 * w1 + x12 * w2 + x13 * w3 + x14 * w4 + x15 * w5 + x16 * w6 + x17 * w7;
        C[c2 + j] += x20 * w0 + x21 * w1 + x22 * w2 + x23 * w3 + x24 * w4 + x25 * w5 + x26 * w6 + x27 * w7;
        C[c3 + j] += x30 * w0 + x31 * w1 + x32 * w2 + x33 * w3 + x34 * w4 + x35 * w5 + x36 * w6 + x37 * w7;
        C[c4 + j] += x40 * w0 + x41 * w1 + x42 * w2 + x43 * w3 + x44 * w4 + x45 * w5 + x46 * w6 + x47 * w7;
        C[c5 + j] += x50 * w0 + x51 * w1 + x52 * w2 + x53 * w3 + x54 * w4 + x55 * w5 + x56 * w6 + x57 * w7;
        C[c6 + j] += x60 * w0 + x61 * w1 + x62 * w2 + x63 * w3 + x64 * w4 + x65 * w5 + x66 * w6 + x67 * w7;
        C[c7 + j] += x70 * w0 + x71 * w1 + x72 * w2 + x73 * w3 + x74 * w4 + x75 * w5 + x76 * w6 + x77 * w7;
      }
    }
    for (; k < K; k++) {
      const x0 = A[a0 + k],
        x1 = A[a1 + k],
        x2 = A[a2 + k],
        x3 = A[a3 + k],
        x4 = A[a4 + k],
        x5 = A[a5 + k],
        x6 = A[a6 + k],
        x7 = A[a7 + k];
      const b0 = k * N;
      for (let j = 0; j < N; j++) {
        const w = B[b0 + j];
        C[c0 + j] += x0 * w;
        C[c1 + j] += x1 * w;
        C[c2 + j] += x2 * w;
        C[c3 + j] += x3 * w;
        C[c4 + j] += x4 * w;
        C[c5 + j] += x5 * w;
        C[c6 + j] += x6 * w;
        C[c7 + j] += x7 * w;
      }
    }
  }
  for (; i < M; i++) {
    const a0 = i * K;
    const c0 = i * N;
    let k = 0;
    for (; k + 7 < K; k += 8) {
      const x0 = A[a0 + k],
        x1 = A[a0 + k + 1],
        x2 = A[a0 + k + 2],
        x3 = A[a0 + k + 3],
        x4 = A[a0 + k + 4],
        x5 = A[a0 + k + 5],
        x6 = A[a0 + k + 6],
        x7 = A[a0 + k + 7];
      const b0 = k * N,
        b1 = b0 + N,
        b2 = b1 + N,
        b3 = b2 + N,
        b4 = b3 + N,
        b5 = b4 + N,
        b6 = b5 + N,
        b7 = b6 + N;
      for (let j = 0; j < N; j++) {
        C[c0 + j] +=
          x0 * B[b0 + j] +
          x1 * B[b1 + j] +
          x2 * B[b2 + j] +
          x3 * B[b3 + j] +
          x4 * B[b4 + j] +
          x5 * B[b5 + j] +
          x6 * B[b6 + j] +
          x7 * B[b7 + j];
      }
    }
    for (; k < K; k++) {
      const x = A[a0 + k];
      const b0 = k * N;
      for (let j = 0; j < N; j++) C[c0 + j] += x * B[b0 + j];
    }
  }
}

/**
 * C += Aᵀ · B, for weight gradients summed over all T·B rows at once: the same 8 × 8 axpy block as
 * matmulAB, with k (the summed rows) in the outer loop, so A's block is read along its rows.
 * @param A [K, M]
 * @param B [K, N]
 * @param C [M, N], accumulated into
 */
export function matmulAtB(A: FloatArray, B: FloatArray, C: FloatArray, M: number, N: number, K: number): void {
  let k = 0;
  for (; k + 7 < K; k += 8) {
    const a0 = k * M,
      a1 = a0 + M,
      a2 = a1 + M,
      a3 = a2 + M,
      a4 = a3 + M,
      a5 = a4 + M,
      a6 = a5 + M,
      a7 = a6 + M;
    const b0 = k * N,
      b1 = b0 + N,
      b2 = b1 + N,
      b3 = b2 + N,
      b4 = b3 + N,
      b5 = b4 + N,
      b6 = b5 + N,
      b7 = b6 + N;
    let m = 0;
    for (; m + 7 < M; m += 8) {
      // x<r><q> = Aᵀ[m + r, k + q] = A[k + q, m + r]
      const x00 = A[a0 + m],
        x01 = A[a1 + m],
        x02 = A[a2 + m],
        x03 = A[a3 + m],
        x04 = A[a4 + m],
        x05 = A[a5 + m],
        x06 = A[a6 + m],
        x07 = A[a7 + m];
      const x10 = A[a0 + m + 1],
        x11 = A[a1 + m + 1],
        x12 = A[a2 + m + 1],
        x13 = A[a3 + m + 1],
        x14 = A[a4 + m + 1],
        x15 = A[a5 + m + 1],
        x16 = A[a6 + m + 1],
        x17 = A[a7 + m + 1];
      const x20 = A[a0 + m + 2],
        x21 = A[a1 + m + 2],
        x22 = A[a2 + m + 2],
        x23 = A[a3 + m + 2],
        x24 = A[a4 + m + 2],
        x25 = A[a5 + m + 2],
        x26 = A[a6 + m + 2],
        x27 = A[a7 + m + 2];
      const x30 = A[a0 + m + 3],
        x31 = A[a1 + m + 3],
        x32 = A[a2 + m + 3],
        x33 = A[a3 + m + 3],
        x34 = A[a4 + m + 3],
        x35 = A[a5 + m + 3],
        x36 = A[a6 + m + 3],
        x37 = A[a7 + m + 3];
      const x40 = A[a0 + m + 4],
        x41 = A[a1 + m + 4],
        x42 = A[a2 + m + 4],
        x43 = A[a3 + m + 4],
        x44 = A[a4 + m + 4],
        x45 = A[a5 + m + 4],
        x46 = A[a6 + m + 4],
        x47 = A[a7 + m + 4];
      const x50 = A[a0 + m + 5],
        x51 = A[a1 + m + 5],
        x52 = A[a2 + m + 5],
        x53 = A[a3 + m + 5],
        x54 = A[a4 + m + 5],
        x55 = A[a5 + m + 5],
        x56 = A[a6 + m + 5],
        x57 = A[a7 + m + 5];
      const x60 = A[a0 + m + 6],
        x61 = A[a1 + m + 6],
        x62 = A[a2 + m + 6],
        x63 = A[a3 + m + 6],
        x64 = A[a4 + m + 6],
        x65 = A[a5 + m + 6],
        x66 = A[a6 + m + 6],
        x67 = A[a7 + m + 6];
      const x70 = A[a0 + m + 7],
        x71 = A[a1 + m + 7],
        x72 = A[a2 + m + 7],
        x73 = A[a3 + m + 7],
        x74 = A[a4 + m + 7],
        x75 = A[a5 + m + 7],
        x76 = A[a6 + m + 7],
        x77 = A[a7 + m + 7];
      const c0 = m * N,
        c1 = c0 + N,
        c2 = c1 + N,
        c3 = c2 + N,
        c4 = c3 + N,
        c5 = c4 + N,
        c6 = c5 + N,
        c7 = c6 + N;
      for (let j = 0; j < N; j++) {
        const w0 = B[b0 + j],
          w1 = B[b1 + j],
          w2 = B[b2 + j],
          w3 = B[b3 + j],
          w4 = B[b4 + j],
          w5 = B[b5 + j],
          w6 = B[b6 + j],
          w7 = B[b7 + j];
        C[c0 + j] += x00 * w0 + x01 * w1 + x02 * w2 + x03 * w3 + x04 * w4 + x05 * w5 + x06 * w6 + x07 * w7;
        C[c1 + j] += x10 * w0 + x11 * w1 + x12 * w2 + x13 * w3 + x14 * w4 + x15 * w5 + x16 * w6 + x17 * w7;
        C[c2 + j] += x20 * w0 + x21 * w1 + x22 * w2 + x23 * w3 + x24 * w4 + x25 * w5 + x26 * w6 + x27 * w7;
        C[c3 + j] += x30 * w0 + x31 * w1 + x32 * w2 + x33 * w3 + x34 * w4 + x35 * w5 + x36 * w6 + x37 * w7;
        C[c4 + j] += x40 * w0 + x41 * w1 + x42 * w2 + x43 * w3 + x44 * w4 + x45 * w5 + x46 * w6 + x47 * w7;
        C[c5 + j] += x50 * w0 + x51 * w1 + x52 * w2 + x53 * w3 + x54 * w4 + x55 * w5 + x56 * w6 + x57 * w7;
        C[c6 + j] += x60 * w0 + x61 * w1 + x62 * w2 + x63 * w3 + x64 * w4 + x65 * w5 + x66 * w6 + x67 * w7;
        C[c7 + j] += x70 * w0 + x71 * w1 + x72 * w2 + x73 * w3 + x74 * w4 + x75 * w5 + x76 * w6 + x77 * w7;
      }
    }
    for (; m < M; m++) {
      const x0 = A[a0 + m],
        x1 = A[a1 + m],
        x2 = A[a2 + m],
        x3 = A[a3 + m],
        x4 = A[a4 + m],
        x5 = A[a5 + m],
        x6 = A[a6 + m],
        x7 = A[a7 + m];
      const c0 = m * N;
      for (let j = 0; j < N; j++) {
        C[c0 + j] +=
          x0 * B[b0 + j] +
          x1 * B[b1 + j] +
          x2 * B[b2 + j] +
          x3 * B[b3 + j] +
          x4 * B[b4 + j] +
          x5 * B[b5 + j] +
          x6 * B[b6 + j] +
          x7 * B[b7 + j];
      }
    }
  }
  for (; k < K; k++) {
    const a0 = k * M;
    const b0 = k * N;
    for (let m = 0; m < M; m++) {
      const x = A[a0 + m];
      const c0 = m * N;
      for (let j = 0; j < N; j++) C[c0 + j] += x * B[b0 + j];
    }
  }
}

/**
 * C += A · Bᵀ in dot-product form, one row of A at a time against 8 rows of B: for the char RNN's
 * matrix-vector products (batch 1), where axpy blocking has no second row to share B's loads.
 * @param A [M, K]
 * @param B [N, K]
 * @param C [M, N], accumulated into
 */
export function matmulABt(A: FloatArray, B: FloatArray, C: FloatArray, M: number, N: number, K: number): void {
  for (let i = 0; i < M; i++) {
    const a0 = i * K;
    const c0 = i * N;
    let j = 0;
    for (; j + 7 < N; j += 8) {
      const b0 = j * K,
        b1 = b0 + K,
        b2 = b1 + K,
        b3 = b2 + K,
        b4 = b3 + K,
        b5 = b4 + K,
        b6 = b5 + K,
        b7 = b6 + K;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0,
        s4 = 0,
        s5 = 0,
        s6 = 0,
        s7 = 0;
      for (let k = 0; k < K; k++) {
        const x = A[a0 + k];
        s0 += x * B[b0 + k];
        s1 += x * B[b1 + k];
        s2 += x * B[b2 + k];
        s3 += x * B[b3 + k];
        s4 += x * B[b4 + k];
        s5 += x * B[b5 + k];
        s6 += x * B[b6 + k];
        s7 += x * B[b7 + k];
      }
      C[c0 + j] += s0;
      C[c0 + j + 1] += s1;
      C[c0 + j + 2] += s2;
      C[c0 + j + 3] += s3;
      C[c0 + j + 4] += s4;
      C[c0 + j + 5] += s5;
      C[c0 + j + 6] += s6;
      C[c0 + j + 7] += s7;
    }
    for (; j < N; j++) {
      const b0 = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a0 + k] * B[b0 + k];
      C[c0 + j] += s;
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
