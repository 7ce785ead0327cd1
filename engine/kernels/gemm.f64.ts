// GENERATED from gemm.f32.ts by generate.mjs: edit that file, then run node engine/kernels/generate.mjs.
// Float64 matrix-multiply kernels: the three layouts backprop needs, bias fused into A·Bᵀ.
// gemm.f64.ts is this file, generated (node engine/kernels/generate.mjs): V8 slows a kernel
// 2-4x once it has seen two array types, so each dtype gets its own copy of the same source.
//
// Blocking, measured on Node 20 here (bench/fused/kernels.ts measured the same): V8 spends most
// of a plain loop's time on per-iteration work (bounds and map checks, float32 → float64
// conversions), so the fast form is the one that does the most multiply-adds per loaded element.
// - Eight rows and up: axpy form with a block of 8 output rows × 8 values of k per pass over a row
//   of B; the 64 coefficients stay put while the inner loop over columns loads 8 values of B and
//   updates 8 of C, so each B value feeds 8 rows and each C load/store carries 8 multiply-adds.
//   About 0.5–0.6× the time of the 2 rows × 4 blocking used before. A·Bᵀ gets there by copying B
//   transposed into a scratch buffer (N·K copies against M·N·K multiply-adds).
// - Fewer rows (batch size 1, leftovers): one row at a time as dot products against eight columns,
//   an inner loop that only reads.

type Arr = Float64Array;

/** Reused by gemmNT for Bᵀ; grows to the largest B seen. */
let scratch: Arr = new Float64Array(0);

/**
 * C = [C +] A·Bᵀ [+ bias], the layout of F.linear and of h·W_hhᵀ.
 * @param A [M, K] at aOff
 * @param B [N, K] at bOff
 * @param C [M, N] at cOff
 * @param bias [N] added to every row, or null
 * @param accumulate add into C instead of overwriting it
 */
export function gemmNT(
  M: number,
  N: number,
  K: number,
  A: Arr,
  aOff: number,
  B: Arr,
  bOff: number,
  C: Arr,
  cOff: number,
  bias: Arr | null,
  accumulate: boolean,
): void {
  if (M < 8) {
    for (let i = 0; i < M; i++) ntRow(N, K, A, aOff + i * K, B, bOff, C, cOff + i * N, bias, accumulate);
    return;
  }
  // C starts as bias (or zero, or itself), then C += A·(Bᵀ) with Bᵀ [K, N] in the scratch buffer.
  if (!accumulate) C.fill(0, cOff, cOff + M * N);
  if (bias !== null) addRows(M, N, C, cOff, bias);
  if (scratch.length < N * K) scratch = new Float64Array(N * K);
  transpose(N, K, B, bOff, scratch, 0);
  gemmNN(M, N, K, A, aOff, scratch, 0, C, cOff, true);
}

/**
 * One row of gemmNT (every matrix-vector product h·W_hhᵀ at batch size 1): eight dot products
 * at a time over one pass of the row of A.
 */
function ntRow(
  N: number,
  K: number,
  A: Arr,
  a0: number,
  B: Arr,
  bOff: number,
  C: Arr,
  c0: number,
  bias: Arr | null,
  accumulate: boolean,
): void {
  let j = 0;
  for (; j + 7 < N; j += 8) {
    const b0 = bOff + j * K,
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
    if (bias !== null) {
      s0 += bias[j];
      s1 += bias[j + 1];
      s2 += bias[j + 2];
      s3 += bias[j + 3];
      s4 += bias[j + 4];
      s5 += bias[j + 5];
      s6 += bias[j + 6];
      s7 += bias[j + 7];
    }
    const c = c0 + j;
    if (accumulate) {
      C[c] += s0;
      C[c + 1] += s1;
      C[c + 2] += s2;
      C[c + 3] += s3;
      C[c + 4] += s4;
      C[c + 5] += s5;
      C[c + 6] += s6;
      C[c + 7] += s7;
    } else {
      C[c] = s0;
      C[c + 1] = s1;
      C[c + 2] = s2;
      C[c + 3] = s3;
      C[c + 4] = s4;
      C[c + 5] = s5;
      C[c + 6] = s6;
      C[c + 7] = s7;
    }
  }
  for (; j < N; j++) {
    const b0 = bOff + j * K;
    let s = bias !== null ? bias[j] : 0;
    for (let k = 0; k < K; k++) s += A[a0 + k] * B[b0 + k];
    C[c0 + j] = accumulate ? C[c0 + j] + s : s;
  }
}

/**
 * dst [C, R] at dstOff = src [R, C] at srcOff, transposed: four rows of src per pass, so each step
 * writes four neighbouring elements of dst (about twice as fast as one row at a time).
 */
export function transpose(R: number, C: number, src: Arr, srcOff: number, dst: Arr, dstOff: number): void {
  let r = 0;
  for (; r + 3 < R; r += 4) {
    const s0 = srcOff + r * C,
      s1 = s0 + C,
      s2 = s1 + C,
      s3 = s2 + C;
    for (let c = 0; c < C; c++) {
      const d = dstOff + c * R + r;
      dst[d] = src[s0 + c];
      dst[d + 1] = src[s1 + c];
      dst[d + 2] = src[s2 + c];
      dst[d + 3] = src[s3 + c];
    }
  }
  for (; r < R; r++) {
    const s0 = srcOff + r * C;
    for (let c = 0; c < C; c++) dst[dstOff + c * R + r] = src[s0 + c];
  }
}

/**
 * C = [C +] A·B, the layout of ∂L/∂x = ∂L/∂y · W: 8 rows × 8 of k per pass (axpy form), leftover rows
 * as dot products.
 * @param A [M, K] at aOff
 * @param B [K, N] at bOff
 * @param C [M, N] at cOff
 */
export function gemmNN(
  M: number,
  N: number,
  K: number,
  A: Arr,
  aOff: number,
  B: Arr,
  bOff: number,
  C: Arr,
  cOff: number,
  accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, cOff, cOff + M * N);
  let i = 0;
  for (; i + 7 < M; i += 8) nnEightRows(N, K, A, aOff + i * K, B, bOff, C, cOff + i * N);
  for (; i < M; i++) nnRow(N, K, A, aOff + i * K, B, bOff, C, cOff + i * N);
}

/** Rows a0… and c0… (8 of each) of gemmNN: C += A·B, 8 values of k per pass over the columns. */
function nnEightRows(N: number, K: number, A: Arr, a0: number, B: Arr, bOff: number, C: Arr, c0: number): void {
  const a1 = a0 + K,
    a2 = a1 + K,
    a3 = a2 + K,
    a4 = a3 + K,
    a5 = a4 + K,
    a6 = a5 + K,
    a7 = a6 + K;
  const c1 = c0 + N,
    c2 = c1 + N,
    c3 = c2 + N,
    c4 = c3 + N,
    c5 = c4 + N,
    c6 = c5 + N,
    c7 = c6 + N;
  let k = 0;
  for (; k + 7 < K; k += 8) {
    // x<r><q> = A[row r, k + q]
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
    const b0 = bOff + k * N,
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
    const b0 = bOff + k * N;
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

/**
 * One row of gemmNN, C[j] += Σ_k A[k]·B[k, j] (leftover rows, and every ∂L/∂h_{t−1} = ∂L/∂a_t · W_hh
 * at batch size 1): dot products down eight columns of B at a time, an inner loop that only reads.
 */
function nnRow(N: number, K: number, A: Arr, a0: number, B: Arr, bOff: number, C: Arr, c0: number): void {
  let j = 0;
  for (; j + 7 < N; j += 8) {
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0,
      s4 = 0,
      s5 = 0,
      s6 = 0,
      s7 = 0;
    for (let k = 0, b = bOff + j; k < K; k++, b += N) {
      const x = A[a0 + k];
      s0 += x * B[b];
      s1 += x * B[b + 1];
      s2 += x * B[b + 2];
      s3 += x * B[b + 3];
      s4 += x * B[b + 4];
      s5 += x * B[b + 5];
      s6 += x * B[b + 6];
      s7 += x * B[b + 7];
    }
    const c = c0 + j;
    C[c] += s0;
    C[c + 1] += s1;
    C[c + 2] += s2;
    C[c + 3] += s3;
    C[c + 4] += s4;
    C[c + 5] += s5;
    C[c + 6] += s6;
    C[c + 7] += s7;
  }
  for (; j < N; j++) {
    let s = 0;
    for (let k = 0, b = bOff + j; k < K; k++, b += N) s += A[a0 + k] * B[b];
    C[c0 + j] += s;
  }
}

/**
 * C = [C +] Aᵀ·B, the layout of ∂L/∂W = (∂L/∂y)ᵀ · x summed over a batch: the axpy block of gemmNN
 * with k (the summed rows) outside, 8 of them per pass over C.
 * @param A [K, M] at aOff
 * @param B [K, N] at bOff
 * @param C [M, N] at cOff
 */
export function gemmTN(
  M: number,
  N: number,
  K: number,
  A: Arr,
  aOff: number,
  B: Arr,
  bOff: number,
  C: Arr,
  cOff: number,
  accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, cOff, cOff + M * N);
  let k = 0;
  for (; k + 7 < K; k += 8) tnEightK(M, N, A, aOff + k * M, B, bOff + k * N, C, cOff);
  for (; k < K; k++) {
    const a0 = aOff + k * M;
    const b0 = bOff + k * N;
    for (let m = 0; m < M; m++) {
      const x = A[a0 + m];
      const c0 = cOff + m * N;
      for (let j = 0; j < N; j++) C[c0 + j] += x * B[b0 + j];
    }
  }
}

/** Eight rows of A and B (from a0 and b0) of gemmTN: C += their Aᵀ·B, 8 rows of C per pass. */
function tnEightK(M: number, N: number, A: Arr, a0: number, B: Arr, b0: number, C: Arr, cOff: number): void {
  const a1 = a0 + M,
    a2 = a1 + M,
    a3 = a2 + M,
    a4 = a3 + M,
    a5 = a4 + M,
    a6 = a5 + M,
    a7 = a6 + M;
  const b1 = b0 + N,
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
    const c0 = cOff + m * N,
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
    const c0 = cOff + m * N;
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

/**
 * C[i, j] += v[j] for every row: a bias added to M rows.
 * @param C [M, N] at cOff
 * @param v [N]
 */
export function addRows(M: number, N: number, C: Arr, cOff: number, v: Arr): void {
  for (let i = 0; i < M; i++) {
    const c0 = cOff + i * N;
    for (let j = 0; j < N; j++) C[c0 + j] += v[j];
  }
}

/**
 * out[j] += Σ_i A[i, j]: the bias gradient, summing ∂L/∂y over the batch.
 * @param A [M, N] at aOff
 * @param out [N]
 */
export function addColumnSums(M: number, N: number, A: Arr, aOff: number, out: Arr): void {
  let i = 0;
  for (; i + 3 < M; i += 4) {
    // four rows per pass: one load and store of out for four additions
    const a0 = aOff + i * N,
      a1 = a0 + N,
      a2 = a1 + N,
      a3 = a2 + N;
    for (let j = 0; j < N; j++) out[j] += A[a0 + j] + A[a1 + j] + A[a2 + j] + A[a3 + j];
  }
  for (; i < M; i++) {
    const a0 = aOff + i * N;
    for (let j = 0; j < N; j++) out[j] += A[a0 + j];
  }
}

/**
 * Counts the nonzeros of A [M, K], stopping (returning −1) once there are more than `limit`, and
 * otherwise fills rowStart [M+1], col and val (each at least the count long, or null to only count).
 */
export function compressRows(
  M: number,
  K: number,
  A: Arr,
  limit: number,
  rowStart: Int32Array | null,
  col: Int32Array | null,
  val: Arr | null,
): number {
  let nnz = 0;
  for (let i = 0; i < M * K; i++) if (A[i] !== 0 && ++nnz > limit) return -1;
  if (rowStart === null || col === null || val === null) return nnz;
  let p = 0;
  rowStart[0] = 0;
  for (let i = 0; i < M; i++) {
    for (let k = 0; k < K; k++) {
      const v = A[i * K + k];
      if (v !== 0) {
        col[p] = k;
        val[p] = v;
        p++;
      }
    }
    rowStart[i + 1] = p;
  }
  return nnz;
}

/**
 * C = [C +] A·Bᵀ [+ bias] for a sparse A given by its nonzeros row by row (A's row i holds val[p] at
 * column col[p] for p in rowStart[i]..rowStart[i+1]−1). A one-hot row costs one column of B:
 * W x = column x of W. With at least K nonzeros, B is first transposed into the scratch buffer so
 * that each nonzero adds a contiguous row (reading a column of B strides by K floats).
 * @param B [N, K]
 * @param C [M, N]
 */
export function sparseGemmNT(
  M: number,
  N: number,
  K: number,
  rowStart: Int32Array,
  col: Int32Array,
  val: Arr,
  B: Arr,
  C: Arr,
  bias: Arr | null,
  accumulate: boolean,
): void {
  const transposed = rowStart[M] >= K;
  if (transposed) {
    if (scratch.length < N * K) scratch = new Float64Array(N * K);
    transpose(N, K, B, 0, scratch, 0);
  }
  const Bt = scratch;
  for (let i = 0; i < M; i++) {
    const c0 = i * N;
    const p0 = rowStart[i];
    if (transposed && !accumulate && rowStart[i + 1] === p0 + 1) {
      // one nonzero (a one-hot row): the row is written in one pass, bias and column together
      const v = val[p0];
      const b0 = col[p0] * N;
      if (bias !== null) for (let j = 0; j < N; j++) C[c0 + j] = bias[j] + v * Bt[b0 + j];
      else for (let j = 0; j < N; j++) C[c0 + j] = v * Bt[b0 + j];
      continue;
    }
    if (!accumulate) {
      if (bias !== null) for (let j = 0; j < N; j++) C[c0 + j] = bias[j];
      else for (let j = 0; j < N; j++) C[c0 + j] = 0;
    } else if (bias !== null) {
      for (let j = 0; j < N; j++) C[c0 + j] += bias[j];
    }
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const v = val[p];
      const k = col[p];
      if (transposed) {
        const b0 = k * N;
        for (let j = 0; j < N; j++) C[c0 + j] += v * Bt[b0 + j];
      } else {
        for (let j = 0; j < N; j++) C[c0 + j] += v * B[j * K + k];
      }
    }
  }
}

/**
 * C += Dᵀ·A for a dense D [M, N] and the sparse A [M, K] of sparseGemmNT: the weight gradient of a
 * layer with sparse input; each nonzero A[i, k] adds column i of Dᵀ, scaled, into column k of C.
 * With at least K nonzeros the columns are summed as contiguous rows of Cᵀ in the scratch buffer,
 * then added into C transposed.
 * @param D [M, N]
 * @param C [N, K]
 */
export function sparseGemmTN(
  M: number,
  N: number,
  K: number,
  rowStart: Int32Array,
  col: Int32Array,
  val: Arr,
  D: Arr,
  C: Arr,
): void {
  if (rowStart[M] < K) {
    for (let i = 0; i < M; i++) {
      const d0 = i * N;
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
        const v = val[p];
        const k = col[p];
        for (let j = 0; j < N; j++) C[j * K + k] += v * D[d0 + j];
      }
    }
    return;
  }
  if (scratch.length < N * K) scratch = new Float64Array(N * K);
  const Ct = scratch;
  Ct.fill(0, 0, N * K);
  for (let i = 0; i < M; i++) {
    const d0 = i * N;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const v = val[p];
      const c0 = col[p] * N;
      for (let j = 0; j < N; j++) Ct[c0 + j] += v * D[d0 + j];
    }
  }
  for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) C[j * K + k] += Ct[k * N + j];
}
