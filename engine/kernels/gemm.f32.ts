// Float32 matrix-multiply kernels: the three layouts backprop needs, with bias fused and two output
// rows by four (columns or k) per inner iteration, the fastest plain-JS blocking we measured here.
// A single row (batch size 1, or an odd last row) goes to its own function, eight dot products
// at a time, whose inner loop only reads.
// gemm.f64.ts is generated from this file (node engine/kernels/generate.mjs): V8 slows a kernel
// 2-4x once it has seen two array types, so each dtype gets its own copy of the same source.

type Arr = Float32Array;

/**
 * C = [C +] A·Bᵀ [+ bias], the layout of F.linear and of h·W_hhᵀ.
 * @param A [M, K] at aOff
 * @param B [N, K] at bOff
 * @param C [M, N] at cOff
 * @param bias [N] added to every row, or null
 * @param accumulate add into C instead of overwriting it
 */
export function gemmNT(M: number, N: number, K: number, A: Arr, aOff: number, B: Arr, bOff: number, C: Arr, cOff: number, bias: Arr | null, accumulate: boolean): void {
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const a0 = aOff + i * K;
    const a1 = a0 + K;
    const c0 = cOff + i * N;
    const c1 = c0 + N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const b0 = bOff + j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let k = 0; k < K; k++) {
        const x = A[a0 + k], y = A[a1 + k];
        const w0 = B[b0 + k], w1 = B[b1 + k], w2 = B[b2 + k], w3 = B[b3 + k];
        s0 += x * w0; s1 += x * w1; s2 += x * w2; s3 += x * w3;
        t0 += y * w0; t1 += y * w1; t2 += y * w2; t3 += y * w3;
      }
      if (bias !== null) {
        const p0 = bias[j], p1 = bias[j + 1], p2 = bias[j + 2], p3 = bias[j + 3];
        s0 += p0; s1 += p1; s2 += p2; s3 += p3;
        t0 += p0; t1 += p1; t2 += p2; t3 += p3;
      }
      if (accumulate) {
        C[c0 + j] += s0; C[c0 + j + 1] += s1; C[c0 + j + 2] += s2; C[c0 + j + 3] += s3;
        C[c1 + j] += t0; C[c1 + j + 1] += t1; C[c1 + j + 2] += t2; C[c1 + j + 3] += t3;
      } else {
        C[c0 + j] = s0; C[c0 + j + 1] = s1; C[c0 + j + 2] = s2; C[c0 + j + 3] = s3;
        C[c1 + j] = t0; C[c1 + j + 1] = t1; C[c1 + j + 2] = t2; C[c1 + j + 3] = t3;
      }
    }
    for (; j < N; j++) {
      const b0 = bOff + j * K;
      let s = bias !== null ? bias[j] : 0;
      let t = s;
      for (let k = 0; k < K; k++) {
        s += A[a0 + k] * B[b0 + k];
        t += A[a1 + k] * B[b0 + k];
      }
      C[c0 + j] = accumulate ? C[c0 + j] + s : s;
      C[c1 + j] = accumulate ? C[c1 + j] + t : t;
    }
  }
  if (i < M) ntRow(N, K, A, aOff + i * K, B, bOff, C, cOff + i * N, bias, accumulate);
}

/**
 * One row of gemmNT (the odd last row, and every matrix-vector product h·W_hhᵀ at batch size 1):
 * eight columns at a time, eight dot products over one pass of the row of A.
 */
function ntRow(N: number, K: number, A: Arr, a0: number, B: Arr, bOff: number, C: Arr, c0: number, bias: Arr | null, accumulate: boolean): void {
  let j = 0;
  for (; j + 7 < N; j += 8) {
    const b0 = bOff + j * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K, b4 = b3 + K, b5 = b4 + K, b6 = b5 + K, b7 = b6 + K;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let k = 0; k < K; k++) {
      const x = A[a0 + k];
      s0 += x * B[b0 + k]; s1 += x * B[b1 + k]; s2 += x * B[b2 + k]; s3 += x * B[b3 + k];
      s4 += x * B[b4 + k]; s5 += x * B[b5 + k]; s6 += x * B[b6 + k]; s7 += x * B[b7 + k];
    }
    if (bias !== null) {
      s0 += bias[j]; s1 += bias[j + 1]; s2 += bias[j + 2]; s3 += bias[j + 3];
      s4 += bias[j + 4]; s5 += bias[j + 5]; s6 += bias[j + 6]; s7 += bias[j + 7];
    }
    const c = c0 + j;
    if (accumulate) {
      C[c] += s0; C[c + 1] += s1; C[c + 2] += s2; C[c + 3] += s3; C[c + 4] += s4; C[c + 5] += s5; C[c + 6] += s6; C[c + 7] += s7;
    } else {
      C[c] = s0; C[c + 1] = s1; C[c + 2] = s2; C[c + 3] = s3; C[c + 4] = s4; C[c + 5] = s5; C[c + 6] = s6; C[c + 7] = s7;
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
 * C = [C +] A·B, the layout of ∂L/∂x = ∂L/∂y · W; each C row is built as a sum of B rows (axpy form).
 * @param A [M, K] at aOff
 * @param B [K, N] at bOff
 * @param C [M, N] at cOff
 */
export function gemmNN(M: number, N: number, K: number, A: Arr, aOff: number, B: Arr, bOff: number, C: Arr, cOff: number, accumulate: boolean): void {
  if (!accumulate) for (let i = 0; i < M * N; i++) C[cOff + i] = 0;
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const a0 = aOff + i * K;
    const a1 = a0 + K;
    const c0 = cOff + i * N;
    const c1 = c0 + N;
    let k = 0;
    for (; k + 3 < K; k += 4) {
      const x0 = A[a0 + k], x1 = A[a0 + k + 1], x2 = A[a0 + k + 2], x3 = A[a0 + k + 3];
      const y0 = A[a1 + k], y1 = A[a1 + k + 1], y2 = A[a1 + k + 2], y3 = A[a1 + k + 3];
      const b0 = bOff + k * N;
      const b1 = b0 + N;
      const b2 = b1 + N;
      const b3 = b2 + N;
      for (let j = 0; j < N; j++) {
        const w0 = B[b0 + j], w1 = B[b1 + j], w2 = B[b2 + j], w3 = B[b3 + j];
        C[c0 + j] += x0 * w0 + x1 * w1 + x2 * w2 + x3 * w3;
        C[c1 + j] += y0 * w0 + y1 * w1 + y2 * w2 + y3 * w3;
      }
    }
    for (; k < K; k++) {
      const x = A[a0 + k], y = A[a1 + k];
      const b0 = bOff + k * N;
      for (let j = 0; j < N; j++) {
        C[c0 + j] += x * B[b0 + j];
        C[c1 + j] += y * B[b0 + j];
      }
    }
  }
  if (i < M) nnRow(N, K, A, aOff + i * K, B, bOff, C, cOff + i * N);
}

/**
 * One row of gemmNN, C[j] += Σ_k A[k]·B[k, j] (the odd last row, and every ∂L/∂h_{t−1} = ∂L/∂a_t · W_hh
 * at batch size 1). Dot products down eight columns of B at a time: the inner loop only reads,
 * which V8 runs about 1.5× faster here than the axpy form's read-modify-write of C.
 */
function nnRow(N: number, K: number, A: Arr, a0: number, B: Arr, bOff: number, C: Arr, c0: number): void {
  let j = 0;
  for (; j + 7 < N; j += 8) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let k = 0, b = bOff + j; k < K; k++, b += N) {
      const x = A[a0 + k];
      s0 += x * B[b]; s1 += x * B[b + 1]; s2 += x * B[b + 2]; s3 += x * B[b + 3];
      s4 += x * B[b + 4]; s5 += x * B[b + 5]; s6 += x * B[b + 6]; s7 += x * B[b + 7];
    }
    const c = c0 + j;
    C[c] += s0; C[c + 1] += s1; C[c + 2] += s2; C[c + 3] += s3; C[c + 4] += s4; C[c + 5] += s5; C[c + 6] += s6; C[c + 7] += s7;
  }
  for (; j < N; j++) {
    let s = 0;
    for (let k = 0, b = bOff + j; k < K; k++, b += N) s += A[a0 + k] * B[b];
    C[c0 + j] += s;
  }
}

/**
 * C = [C +] Aᵀ·B, the layout of ∂L/∂W = (∂L/∂y)ᵀ · x summed over a batch; four batch rows per pass over C.
 * @param A [K, M] at aOff
 * @param B [K, N] at bOff
 * @param C [M, N] at cOff
 */
export function gemmTN(M: number, N: number, K: number, A: Arr, aOff: number, B: Arr, bOff: number, C: Arr, cOff: number, accumulate: boolean): void {
  if (!accumulate) for (let i = 0; i < M * N; i++) C[cOff + i] = 0;
  let k = 0;
  for (; k + 3 < K; k += 4) {
    const a0 = aOff + k * M;
    const a1 = a0 + M;
    const a2 = a1 + M;
    const a3 = a2 + M;
    const b0 = bOff + k * N;
    const b1 = b0 + N;
    const b2 = b1 + N;
    const b3 = b2 + N;
    let m = 0;
    for (; m + 1 < M; m += 2) {
      const x0 = A[a0 + m], x1 = A[a1 + m], x2 = A[a2 + m], x3 = A[a3 + m];
      const y0 = A[a0 + m + 1], y1 = A[a1 + m + 1], y2 = A[a2 + m + 1], y3 = A[a3 + m + 1];
      const c0 = cOff + m * N;
      const c1 = c0 + N;
      for (let j = 0; j < N; j++) {
        const w0 = B[b0 + j], w1 = B[b1 + j], w2 = B[b2 + j], w3 = B[b3 + j];
        C[c0 + j] += x0 * w0 + x1 * w1 + x2 * w2 + x3 * w3;
        C[c1 + j] += y0 * w0 + y1 * w1 + y2 * w2 + y3 * w3;
      }
    }
    for (; m < M; m++) {
      const x0 = A[a0 + m], x1 = A[a1 + m], x2 = A[a2 + m], x3 = A[a3 + m];
      const c0 = cOff + m * N;
      for (let j = 0; j < N; j++) C[c0 + j] += x0 * B[b0 + j] + x1 * B[b1 + j] + x2 * B[b2 + j] + x3 * B[b3 + j];
    }
  }
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

/**
 * out[j] += Σ_i A[i, j]: the bias gradient, summing ∂L/∂y over the batch.
 * @param A [M, N] at aOff
 * @param out [N]
 */
export function addColumnSums(M: number, N: number, A: Arr, aOff: number, out: Arr): void {
  for (let i = 0; i < M; i++) {
    const a0 = aOff + i * N;
    for (let j = 0; j < N; j++) out[j] += A[a0 + j];
  }
}

/**
 * Counts the nonzeros of A [M, K], stopping (returning −1) once there are more than `limit`, and
 * otherwise fills rowStart [M+1], col and val (each at least the count long, or null to only count).
 */
export function compressRows(M: number, K: number, A: Arr, limit: number, rowStart: Int32Array | null, col: Int32Array | null, val: Arr | null): number {
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
 * W x = column x of W, read with stride K.
 * @param B [N, K]
 * @param C [M, N]
 */
export function sparseGemmNT(M: number, N: number, K: number, rowStart: Int32Array, col: Int32Array, val: Arr, B: Arr, C: Arr, bias: Arr | null, accumulate: boolean): void {
  for (let i = 0; i < M; i++) {
    const c0 = i * N;
    if (!accumulate) {
      if (bias !== null) for (let j = 0; j < N; j++) C[c0 + j] = bias[j];
      else for (let j = 0; j < N; j++) C[c0 + j] = 0;
    } else if (bias !== null) {
      for (let j = 0; j < N; j++) C[c0 + j] += bias[j];
    }
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const v = val[p];
      const k = col[p];
      for (let j = 0; j < N; j++) C[c0 + j] += v * B[j * K + k];
    }
  }
}

/**
 * C += Dᵀ·A for a dense D [M, N] and the sparse A [M, K] of sparseGemmNT: the weight gradient of a
 * layer with sparse input; each nonzero A[i, k] adds column i of Dᵀ, scaled, into column k of C.
 * @param D [M, N]
 * @param C [N, K]
 */
export function sparseGemmTN(M: number, N: number, K: number, rowStart: Int32Array, col: Int32Array, val: Arr, D: Arr, C: Arr): void {
  for (let i = 0; i < M; i++) {
    const d0 = i * N;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const v = val[p];
      const k = col[p];
      for (let j = 0; j < N; j++) C[j * K + k] += v * D[d0 + j];
    }
  }
}
