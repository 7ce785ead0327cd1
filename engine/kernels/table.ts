// The Kernels interface: every hot loop of the engine behind one table, implemented per dtype in JS
// (*.f32.ts, *.f64.ts) and for float32 also in WebAssembly (wasm/table.ts). Its own module so that a
// table can name the type without importing the choice of table (index.ts).

import type { TensorData } from '../storage';
import type { SequenceBackward, SequenceForward } from './sequence';

/**
 * The hot loops, on flat row-major arrays with element offsets. All arrays passed to one call
 * must have the table's dtype. Shapes are in the JSDoc of gemm.f32.ts and cells.f32.ts; the
 * optimizer loops (optim.f32.ts) update n elements of a parameter and its state in place.
 */
export interface Kernels {
  /** C[M,N] = [C +] A[M,K]·B[N,K]ᵀ [+ bias[N]] */
  gemmNT(
    M: number,
    N: number,
    K: number,
    A: TensorData,
    aOff: number,
    B: TensorData,
    bOff: number,
    C: TensorData,
    cOff: number,
    bias: TensorData | null,
    accumulate: boolean,
  ): void;
  /** C[M,N] = [C +] A[M,K]·B[K,N] */
  gemmNN(
    M: number,
    N: number,
    K: number,
    A: TensorData,
    aOff: number,
    B: TensorData,
    bOff: number,
    C: TensorData,
    cOff: number,
    accumulate: boolean,
  ): void;
  /** C[M,N] = [C +] A[K,M]ᵀ·B[K,N] */
  gemmTN(
    M: number,
    N: number,
    K: number,
    A: TensorData,
    aOff: number,
    B: TensorData,
    bOff: number,
    C: TensorData,
    cOff: number,
    accumulate: boolean,
  ): void;
  /** Nonzero count of A [M,K] (−1 past `limit`), and its compressed rows when the arrays are given */
  compressRows(
    M: number,
    K: number,
    A: TensorData,
    limit: number,
    rowStart: Int32Array | null,
    col: Int32Array | null,
    val: TensorData | null,
  ): number;
  /** C[M,N] = [C +] A·Bᵀ [+ bias] for A [M,K] in compressed rows (rowStart, col, val) and B [N,K] */
  sparseGemmNT(
    M: number,
    N: number,
    K: number,
    rowStart: Int32Array,
    col: Int32Array,
    val: TensorData,
    B: TensorData,
    C: TensorData,
    bias: TensorData | null,
    accumulate: boolean,
  ): void;
  /** C[N,K] += Dᵀ·A for D [M,N] and A [M,K] in compressed rows */
  sparseGemmTN(
    M: number,
    N: number,
    K: number,
    rowStart: Int32Array,
    col: Int32Array,
    val: TensorData,
    D: TensorData,
    C: TensorData,
  ): void;
  /** dst[C,R] at dstOff = src[R,C] at srcOff, transposed */
  transpose(R: number, C: number, src: TensorData, srcOff: number, dst: TensorData, dstOff: number): void;
  /** C[M,N] at cOff: every row += v[N] */
  addRows(M: number, N: number, C: TensorData, cOff: number, v: TensorData): void;
  /** out[N] += column sums of A[M,N] */
  addColumnSums(M: number, N: number, A: TensorData, aOff: number, out: TensorData): void;
  /** One recurrent layer and direction over a whole sequence, forward (see sequence.ts). */
  recurrenceForward(args: SequenceForward<TensorData>): void;
  /** Its backward: BPTT, then ∂L/∂W_hh and ∂L/∂b_hh (see sequence.ts). */
  recurrenceBackward(args: SequenceBackward<TensorData>): void;
  rnnForward(
    B: number,
    H: number,
    relu: boolean,
    Hs: TensorData,
    prevOff: number,
    newOff: number,
    lengths: Int32Array | null,
    t: number,
  ): void;
  rnnBackward(
    B: number,
    H: number,
    relu: boolean,
    Hs: TensorData,
    newOff: number,
    dOut: TensorData | null,
    dOutOff: number,
    dh: TensorData,
    dA: TensorData,
    dAOff: number,
    lengths: Int32Array | null,
    t: number,
  ): void;
  lstmForward(
    B: number,
    H: number,
    G: TensorData,
    gOff: number,
    Hs: TensorData,
    Cs: TensorData,
    prevOff: number,
    newOff: number,
    TC: TensorData,
    tcOff: number,
    lengths: Int32Array | null,
    t: number,
  ): void;
  lstmBackward(
    B: number,
    H: number,
    G: TensorData,
    gOff: number,
    Cs: TensorData,
    prevOff: number,
    TC: TensorData,
    tcOff: number,
    dOut: TensorData | null,
    dOutOff: number,
    dh: TensorData,
    dc: TensorData,
    dG: TensorData,
    dGOff: number,
    lengths: Int32Array | null,
    t: number,
  ): void;
  gruForward(
    B: number,
    H: number,
    G: TensorData,
    gOff: number,
    Hp: TensorData,
    Hs: TensorData,
    prevOff: number,
    newOff: number,
    HN: TensorData,
    hnOff: number,
    lengths: Int32Array | null,
    t: number,
  ): void;
  gruBackward(
    B: number,
    H: number,
    G: TensorData,
    gOff: number,
    Hs: TensorData,
    prevOff: number,
    HN: TensorData,
    hnOff: number,
    dOut: TensorData | null,
    dOutOff: number,
    dh: TensorData,
    dX: TensorData,
    dXOff: number,
    dHp: TensorData,
    dHpOff: number,
    lengths: Int32Array | null,
    t: number,
  ): void;
  /** out = grad + λ·param (weight decay) */
  addScaled(n: number, grad: TensorData, param: TensorData, lambda: number, out: TensorData): void;
  adamUpdate(
    n: number,
    param: TensorData,
    g: TensorData,
    m: TensorData,
    v: TensorData,
    beta1: number,
    beta2: number,
    stepSize: number,
    bias2Sqrt: number,
    eps: number,
  ): void;
  amsgradUpdate(
    n: number,
    param: TensorData,
    g: TensorData,
    m: TensorData,
    v: TensorData,
    vMax: TensorData,
    beta1: number,
    beta2: number,
    stepSize: number,
    bias2Sqrt: number,
    eps: number,
  ): void;
  rmspropUpdate(
    n: number,
    param: TensorData,
    g: TensorData,
    s: TensorData,
    alpha: number,
    lr: number,
    eps: number,
  ): void;
  rmspropMomentumUpdate(
    n: number,
    param: TensorData,
    g: TensorData,
    s: TensorData,
    buf: TensorData,
    alpha: number,
    mu: number,
    lr: number,
    eps: number,
  ): void;
  rmspropCenteredUpdate(
    n: number,
    param: TensorData,
    g: TensorData,
    s: TensorData,
    gAvg: TensorData,
    alpha: number,
    lr: number,
    eps: number,
  ): void;
  rmspropCenteredMomentumUpdate(
    n: number,
    param: TensorData,
    g: TensorData,
    s: TensorData,
    gAvg: TensorData,
    buf: TensorData,
    alpha: number,
    mu: number,
    lr: number,
    eps: number,
  ): void;
  sgdUpdate(n: number, param: TensorData, g: TensorData, lr: number): void;
  sgdMomentumUpdate(
    n: number,
    param: TensorData,
    g: TensorData,
    buf: TensorData,
    keep: number,
    take: number,
    lr: number,
  ): void;
  sgdNesterovUpdate(
    n: number,
    param: TensorData,
    g: TensorData,
    buf: TensorData,
    keep: number,
    take: number,
    mu: number,
    lr: number,
  ): void;
}
