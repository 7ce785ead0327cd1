// Float32 matrix products in WebAssembly SIMD: C[M,N] += A·B for A and B in any of the layouts
// backprop needs, by packing B (and a transposed A) into panels and running one register-blocked
// micro-kernel over them.
//
// - B is copied into panels of 8 columns, k-major: panel p holds B(k, 8p … 8p+7) for every k, so
//   the micro-kernel reads it as one contiguous stream whatever B's layout (zero past column N).
// - A is read in place when its rows are contiguous (A·B, A·Bᵀ); Aᵀ·B packs it into panels of 4
//   rows the same way, since reading down its columns would stride by M floats (a power of two in
//   the course's models, which maps every access to the same few cache sets).
// - The micro-kernel keeps a 4 × 8 block of C in eight registers: per k it loads 8 values of B (two
//   vectors) and broadcasts 4 of A, eight multiply-adds. K is cut into blocks of KC so that the
//   block's panels stay in the first-level cache.
// Addresses are byte offsets into the one memory; strides are in elements unless named in bytes.

import { madd } from './vector';

const KC: i32 = 256;
const MC: i32 = 64;

/** Floats of scratch a product needs for its packed B: N rounded up to 8, times K. */
// @ts-ignore: decorator
@inline
export function packedBSize(N: i32, K: i32): i32 {
  return ((N + 7) & ~7) * K;
}

/** Floats of scratch for a packed A: M rounded up to 4, times K. */
// @ts-ignore: decorator
@inline
export function packedASize(M: i32, K: i32): i32 {
  return ((M + 3) & ~3) * K;
}

/**
 * dst = B [K, N] in panels of 8 columns (see the top of the file), B(k, j) at b + 4·(k·rs + j·cs).
 * @param dst packedBSize(N, K) floats
 */
export function packB(K: i32, N: i32, b: usize, rs: i32, cs: i32, dst: usize): void {
  const panels = (N + 7) >> 3;
  for (let p = 0; p < panels; p++) {
    const j0 = p << 3;
    const width = min(8, N - j0);
    let d = dst + ((<usize>p * <usize>K) << 5);
    if (cs === 1 && width === 8) {
      let s = b + (<usize>j0 << 2);
      const step = <usize>rs << 2;
      for (let k = 0; k < K; k++) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
        s += step;
        d += 32;
      }
    } else {
      for (let k = 0; k < K; k++) {
        for (let q = 0; q < 8; q++) {
          const v: f32 = q < width ? load<f32>(b + ((<usize>k * rs + <usize>(j0 + q) * cs) << 2)) : 0;
          store<f32>(d + (<usize>q << 2), v);
        }
        d += 32;
      }
    }
  }
}

/**
 * dst = A [M, K] in panels of 4 rows, k-major: panel t holds A(4t … 4t+3, k) for every k (zero past
 * row M), A(i, k) at a + 4·(i·rs + k·cs).
 * @param dst packedASize(M, K) floats
 */
export function packA(M: i32, K: i32, a: usize, rs: i32, cs: i32, dst: usize): void {
  if (rs === 1) packATransposed(M, K, a, cs, dst);
  const tiles = (M + 3) >> 2;
  for (let t = 0; t < tiles; t++) {
    const i0 = t << 2;
    const height = min(4, M - i0);
    let d = dst + ((<usize>t * <usize>K) << 4);
    if (rs === 1 && height === 4) {
      // Aᵀ·B: four neighbours in each row of the stored [K, M]; filled by packATransposed below.
      continue;
    } else {
      for (let k = 0; k < K; k++) {
        for (let r = 0; r < 4; r++) {
          const v: f32 = r < height ? load<f32>(a + ((<usize>(i0 + r) * rs + <usize>k * cs) << 2)) : 0;
          store<f32>(d + (<usize>r << 2), v);
        }
        d += 16;
      }
    }
  }
}

/**
 * The full panels of packA for a row-major [K, M] source (A(i, k) at a + 4·(k·cs + i)): sixteen rows
 * of the source at a time, each read once from memory while it feeds every panel (going down one
 * panel's column instead would stride by M floats, pulling each cache line in four times).
 */
function packATransposed(M: i32, K: i32, a: usize, cs: i32, dst: usize): void {
  const tiles = M >> 2;
  const rowBytes = <usize>cs << 2;
  for (let k0 = 0; k0 < K; k0 += 16) {
    const k1 = min(K, k0 + 16);
    for (let t = 0; t < tiles; t++) {
      let s = a + <usize>k0 * rowBytes + (<usize>t << 4);
      let d = dst + ((<usize>t * <usize>K + <usize>k0) << 4);
      for (let k = k0; k < k1; k++) {
        v128.store(d, v128.load(s));
        s += rowBytes;
        d += 16;
      }
    }
  }
}

/**
 * C[rows, cols] += the 4 × 8 block A(4 rows, K)·panel: A's row r at a + r·ra, its k-th value
 * ca bytes further on; panel 32 bytes per k. Only `rows` × `cols` of the block are written
 * (the rest goes through `tmp`, 32 floats), so edge blocks never touch memory past C's edge.
 */
function micro4(
  K: i32,
  a: usize,
  ra: usize,
  ca: usize,
  bp: usize,
  c: usize,
  ldc: usize,
  rows: i32,
  cols: i32,
  tmp: usize,
): void {
  let c00 = f32x4.splat(0),
    c01 = f32x4.splat(0),
    c10 = f32x4.splat(0),
    c11 = f32x4.splat(0),
    c20 = f32x4.splat(0),
    c21 = f32x4.splat(0),
    c30 = f32x4.splat(0),
    c31 = f32x4.splat(0);
  const a1 = ra,
    a2 = ra + ra,
    a3 = a2 + ra;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let x = v128.load32_splat(a);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(a + a1);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(a + a2);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(a + a3);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    a += ca;
    bp += 32;
  }
  if (rows === 4 && cols === 8) {
    v128.store(c, f32x4.add(v128.load(c), c00));
    v128.store(c, f32x4.add(v128.load(c, 16), c01), 16);
    c += ldc;
    v128.store(c, f32x4.add(v128.load(c), c10));
    v128.store(c, f32x4.add(v128.load(c, 16), c11), 16);
    c += ldc;
    v128.store(c, f32x4.add(v128.load(c), c20));
    v128.store(c, f32x4.add(v128.load(c, 16), c21), 16);
    c += ldc;
    v128.store(c, f32x4.add(v128.load(c), c30));
    v128.store(c, f32x4.add(v128.load(c, 16), c31), 16);
    return;
  }
  v128.store(tmp, c00);
  v128.store(tmp, c01, 16);
  v128.store(tmp, c10, 32);
  v128.store(tmp, c11, 48);
  v128.store(tmp, c20, 64);
  v128.store(tmp, c21, 80);
  v128.store(tmp, c30, 96);
  v128.store(tmp, c31, 112);
  addEdge(tmp, c, ldc, rows, cols);
}

/** C[1, cols] += one row of A (k-th value ca bytes apart) times a panel: the 1 × 8 block of micro4. */
function micro1(K: i32, a: usize, ca: usize, bp: usize, c: usize, cols: i32, tmp: usize): void {
  let c0 = f32x4.splat(0),
    c1 = f32x4.splat(0);
  for (let k = 0; k < K; k++) {
    const x = v128.load32_splat(a);
    c0 = madd(x, v128.load(bp), c0);
    c1 = madd(x, v128.load(bp, 16), c1);
    a += ca;
    bp += 32;
  }
  if (cols === 8) {
    v128.store(c, f32x4.add(v128.load(c), c0));
    v128.store(c, f32x4.add(v128.load(c, 16), c1), 16);
    return;
  }
  v128.store(tmp, c0);
  v128.store(tmp, c1, 16);
  addEdge(tmp, c, 0, 1, cols);
}

/** C[r, q] += tmp[r·8 + q] for the rows × cols corner of a block that sticks out of C. */
function addEdge(tmp: usize, c: usize, ldc: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < cols; q++) {
      const at = c + (<usize>q << 2);
      store<f32>(at, load<f32>(at) + load<f32>(tmp + ((<usize>(r * 8 + q)) << 2)));
    }
    c += ldc;
  }
}

/**
 * C[M, N] (row stride ldc floats) += A·B for B packed by packB. A is either in place, row i at
 * a + i·rsA floats and contiguous along k (packedA false), or packed by packA (packedA true).
 * @param tmp 32 floats of scratch for edge blocks
 */
export function gemmPacked(
  M: i32,
  N: i32,
  K: i32,
  a: usize,
  rsA: i32,
  packedA: bool,
  bp: usize,
  c: usize,
  ldc: i32,
  tmp: usize,
): void {
  const panels = (N + 7) >> 3;
  const ldcBytes = <usize>ldc << 2;
  // In place: rows ra bytes apart, k 4 bytes apart, a tile of 4 rows 4·ra further. Packed: a panel is
  // 16 bytes per k, its rows 4 bytes apart.
  const ra: usize = packedA ? 4 : <usize>rsA << 2;
  const ca: usize = packedA ? 16 : 4;
  const fullTiles = packedA ? (M + 3) >> 2 : M >> 2;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    for (let t0 = 0; t0 < fullTiles; t0 += MC >> 2) {
      const t1 = min(fullTiles, t0 + (MC >> 2));
      for (let p = 0; p < panels; p++) {
        const cols = min(8, N - (p << 3));
        const panel = bp + ((<usize>p * <usize>K + <usize>k0) << 5);
        for (let t = t0; t < t1; t++) {
          const aTile = packedA
            ? a + ((<usize>t * <usize>K + <usize>k0) << 4)
            : a + <usize>(t << 2) * ra + (<usize>k0 << 2);
          const rows = min(4, M - (t << 2));
          micro4(kc, aTile, ra, ca, panel, c + <usize>(t << 2) * ldcBytes + (<usize>p << 5), ldcBytes, rows, cols, tmp);
        }
      }
    }
    // Rows past the last full tile of an in-place A, one at a time.
    for (let i = fullTiles << 2; i < M; i++) {
      const aRow = a + <usize>i * ra + (<usize>k0 << 2);
      for (let p = 0; p < panels; p++) {
        const cols = min(8, N - (p << 3));
        micro1(kc, aRow, 4, bp + ((<usize>p * <usize>K + <usize>k0) << 5), c + <usize>i * ldcBytes + (<usize>p << 5), cols, tmp);
      }
    }
  }
}

/** C[M, N] (row-major) += v[N] on every row. */
export function addRows(M: i32, N: i32, c: usize, v: usize): void {
  for (let i = 0; i < M; i++) {
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      const at = c + (<usize>j << 2);
      v128.store(at, f32x4.add(v128.load(at), v128.load(v + (<usize>j << 2))));
    }
    for (; j < N; j++) {
      const at = c + (<usize>j << 2);
      store<f32>(at, load<f32>(at) + load<f32>(v + (<usize>j << 2)));
    }
    c += <usize>N << 2;
  }
}

/**
 * C[M, N] = [C +] A·B [+ bias], the layouts given by strides (elements): A(i, k) at a + 4·(i·rsA + k·csA),
 * B(k, j) at b + 4·(k·rsB + j·csB), C row-major. A·B: rsA = K, csA = 1, rsB = N, csB = 1; A·Bᵀ:
 * rsB = 1, csB = K; Aᵀ·B: rsA = 1, csA = M.
 * @param bias N floats added to every row (0: none)
 * @param work scratch: packedBSize(N, K) + packedASize(M, K) + 32 floats
 */
export function gemm(
  M: i32,
  N: i32,
  K: i32,
  a: usize,
  rsA: i32,
  csA: i32,
  b: usize,
  rsB: i32,
  csB: i32,
  c: usize,
  bias: usize,
  accumulate: bool,
  work: usize,
): void {
  if (!accumulate) memory.fill(c, 0, (<usize>M * <usize>N) << 2);
  if (bias !== 0) addRows(M, N, c, bias);
  if (M === 0 || N === 0 || K === 0) return;
  const bp = work;
  const tmp = bp + ((<usize>packedBSize(N, K)) << 2);
  packB(K, N, b, rsB, csB, bp);
  if (csA === 1) {
    gemmPacked(M, N, K, a, rsA, false, bp, c, N, tmp);
  } else {
    const ap = tmp + 128;
    packA(M, K, a, rsA, csA, ap);
    gemmPacked(M, N, K, ap, 0, true, bp, c, N, tmp);
  }
}

/** Floats of `work` that gemm needs. */
export function gemmWorkSize(M: i32, N: i32, K: i32): i32 {
  return packedBSize(N, K) + 32 + packedASize(M, K);
}
