// The float32 kernel table on the WebAssembly module: each call lays its arrays out in the one
// memory, grows it first if they do not fit, copies the inputs in, runs, and copies the results out.
// The copies are per call of a kernel, and a recurrent layer's whole time loop is one call
// (recurrenceForward/Backward), so a sequence of T steps costs one copy of its buffers, not T; the
// loops whose work is no bigger than their data (transposes, row sums, sparse inputs, the per-step
// cells) stay on the JS kernels, where a copy would cost more than the loop.

import type { TensorData } from '../../storage';
import type { SequenceBackward, SequenceForward } from '../sequence';
import type { Kernels } from '../table';

/** The module's exports (assembly/index.ts); addresses are byte offsets into the memory, 0 for none. */
export interface KernelExports {
  gemm(
    M: number,
    N: number,
    K: number,
    a: number,
    rsA: number,
    csA: number,
    b: number,
    rsB: number,
    csB: number,
    c: number,
    bias: number,
    accumulate: boolean,
    work: number,
  ): void;
  gemmWorkSize(M: number, N: number, K: number): number;
  recurrenceWorkSize(mode: number, T: number, B: number, H: number): number;
  recurrenceForward(
    mode: number,
    T: number,
    B: number,
    H: number,
    reverse: boolean,
    lengths: number,
    W: number,
    bias: number,
    Hs: number,
    Cs: number,
    G: number,
    TC: number,
    HN: number,
    Hp: number,
    work: number,
  ): void;
  recurrenceBackward(
    mode: number,
    T: number,
    B: number,
    H: number,
    reverse: boolean,
    lengths: number,
    W: number,
    Hs: number,
    Cs: number,
    G: number,
    TC: number,
    HN: number,
    dOut: number,
    dh: number,
    dc: number,
    dX: number,
    dHp: number,
    dW: number,
    db: number,
    dhSteps: number,
    work: number,
  ): void;
  adamUpdate(
    n: number,
    param: number,
    g: number,
    m: number,
    v: number,
    beta1: number,
    beta2: number,
    stepSize: number,
    bias2Sqrt: number,
    eps: number,
  ): void;
  amsgradUpdate(
    n: number,
    param: number,
    g: number,
    m: number,
    v: number,
    vMax: number,
    beta1: number,
    beta2: number,
    stepSize: number,
    bias2Sqrt: number,
    eps: number,
  ): void;
  rmspropUpdate(
    n: number,
    param: number,
    g: number,
    s: number,
    gAvg: number,
    buf: number,
    alpha: number,
    mu: number,
    lr: number,
    eps: number,
  ): void;
  sgdUpdate(
    n: number,
    param: number,
    g: number,
    buf: number,
    keep: number,
    take: number,
    mu: number,
    nesterov: boolean,
    lr: number,
  ): void;
}

/** The part of WebAssembly.Memory the table uses. */
export interface GrowableMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE = 65536;
const MODES = { rnn_tanh: 0, rnn_relu: 1, lstm: 2, gru: 3 } as const;

/**
 * One call's arrays in the memory: `alloc` lays them out from the bottom (16-byte aligned, address 0
 * kept free to mean "none"), `commit` grows the memory once for all of them, then `put`/`get` copy.
 * Growing detaches every view of the old buffer, so views are taken only after commit.
 */
class Layout {
  private top = 16;
  private f32: Float32Array;

  constructor(private readonly memory: GrowableMemory) {
    this.f32 = new Float32Array(memory.buffer);
  }

  /** Starts a call's layout. */
  begin(): void {
    this.top = 16;
  }

  /** Room for n floats (or int32s); returns its byte address. */
  alloc(n: number): number {
    const at = this.top;
    this.top += (n * 4 + 15) & ~15;
    return at;
  }

  /** Makes the memory big enough for everything allocated since begin(). */
  commit(): void {
    const missing = this.top - this.memory.buffer.byteLength;
    if (missing > 0) this.memory.grow(Math.ceil(missing / PAGE));
    if (this.f32.buffer !== this.memory.buffer) this.f32 = new Float32Array(this.memory.buffer);
  }

  /** Copies src[off, off + n) to address `at`. */
  put(src: TensorData, off: number, n: number, at: number): void {
    this.f32.set(off === 0 && src.length === n ? src : src.subarray(off, off + n), at >> 2);
  }

  /** Copies n floats at address `at` to dst[off…]. */
  get(dst: TensorData, off: number, n: number, at: number): void {
    dst.set(this.f32.subarray(at >> 2, (at >> 2) + n), off);
  }

  /** Copies int32s (sequence lengths) to address `at`. */
  putInt(src: Int32Array, at: number): void {
    new Int32Array(this.memory.buffer, at, src.length).set(src);
  }
}

/**
 * The float32 kernels on an instantiated module.
 * @param ex the module's exports
 * @param memory the memory the module imports (grown here as calls need)
 * @param js the JS float32 kernels, for the loops kept in JS and for traced sequences
 */
export function wasmKernels(ex: KernelExports, memory: GrowableMemory, js: Kernels): Kernels {
  const mem = new Layout(memory);

  /** C[M, N] = [C +] A·B [+ bias] with A(i, k) at aOff + i·rsA + k·csA and B(k, j) at bOff + k·rsB + j·csB. */
  const product = (
    M: number,
    N: number,
    K: number,
    A: TensorData,
    aOff: number,
    rsA: number,
    csA: number,
    B: TensorData,
    bOff: number,
    rsB: number,
    csB: number,
    C: TensorData,
    cOff: number,
    bias: TensorData | null,
    accumulate: boolean,
  ): void => {
    if (M === 0 || N === 0) return;
    mem.begin();
    const a = mem.alloc(M * K);
    const b = mem.alloc(K * N);
    const c = mem.alloc(M * N);
    const v = bias === null ? 0 : mem.alloc(N);
    const work = mem.alloc(ex.gemmWorkSize(M, N, K));
    mem.commit();
    mem.put(A, aOff, M * K, a);
    mem.put(B, bOff, K * N, b);
    if (accumulate) mem.put(C, cOff, M * N, c);
    if (bias !== null) mem.put(bias, 0, N, v);
    ex.gemm(M, N, K, a, rsA, csA, b, rsB, csB, c, v, accumulate, work);
    mem.get(C, cOff, M * N, c);
  };

  /** n elements of each array in, the update, the written ones out (`written` indexes into `arrays`). */
  const update = (n: number, arrays: (TensorData | null)[], written: number[], run: (at: number[]) => void): void => {
    if (n === 0) return;
    mem.begin();
    const at = arrays.map((x) => (x === null ? 0 : mem.alloc(n)));
    mem.commit();
    arrays.forEach((x, i) => {
      if (x !== null) mem.put(x, 0, n, at[i]);
    });
    run(at);
    for (const i of written) mem.get(arrays[i] as TensorData, 0, n, at[i]);
  };

  const recurrenceForward = (s: SequenceForward<TensorData>): void => {
    const { mode, T, B, H, reverse, lengths } = s;
    const GH = (mode === 'lstm' ? 4 : mode === 'gru' ? 3 : 1) * H;
    const S = B * H;
    const first = reverse ? T * S : 0;
    mem.begin();
    const W = mem.alloc(GH * H);
    const bias = s.bias === null ? 0 : mem.alloc(GH);
    const Hs = mem.alloc((T + 1) * S);
    const Cs = s.Cs === null ? 0 : mem.alloc((T + 1) * S);
    const G = s.G === null ? 0 : mem.alloc(T * B * GH);
    const TC = s.TC === null ? 0 : mem.alloc(T * S);
    const HN = s.HN === null ? 0 : mem.alloc(T * S);
    const Hp = mode === 'gru' ? mem.alloc(B * GH) : 0;
    const len = lengths === null ? 0 : mem.alloc(B);
    const work = mem.alloc(ex.recurrenceWorkSize(MODES[mode], T, B, H));
    mem.commit();
    mem.put(s.W, 0, GH * H, W);
    if (s.bias !== null) mem.put(s.bias, 0, GH, bias);
    // The gates start as the input projections; the RNN's pre-activations start in the new-state slots.
    if (s.G !== null) mem.put(s.xProj, 0, T * B * GH, G);
    else mem.put(s.xProj, 0, T * S, Hs + (reverse ? 0 : S) * 4);
    mem.put(s.Hs, first, S, Hs + first * 4);
    if (s.Cs !== null) mem.put(s.Cs, first, S, Cs + first * 4);
    if (lengths !== null) mem.putInt(lengths, len);
    ex.recurrenceForward(MODES[mode], T, B, H, reverse, len, W, bias, Hs, Cs, G, TC, HN, Hp, work);
    mem.get(s.Hs, 0, (T + 1) * S, Hs);
    if (s.Cs !== null) mem.get(s.Cs, 0, (T + 1) * S, Cs);
    if (s.G !== null) mem.get(s.G, 0, T * B * GH, G);
    if (s.TC !== null) mem.get(s.TC, 0, T * S, TC);
    if (s.HN !== null) mem.get(s.HN, 0, T * S, HN);
  };

  const recurrenceBackward = (s: SequenceBackward<TensorData>): void => {
    const { mode, T, B, H, reverse, lengths } = s;
    const GH = (mode === 'lstm' ? 4 : mode === 'gru' ? 3 : 1) * H;
    const S = B * H;
    mem.begin();
    const W = mem.alloc(GH * H);
    const Hs = mem.alloc((T + 1) * S);
    const Cs = s.Cs === null ? 0 : mem.alloc((T + 1) * S);
    const G = s.G === null ? 0 : mem.alloc(T * B * GH);
    const TC = s.TC === null ? 0 : mem.alloc(T * S);
    const HN = s.HN === null ? 0 : mem.alloc(T * S);
    const dOut = s.dOut === null ? 0 : mem.alloc(T * S);
    const dh = mem.alloc(S);
    const dc = s.dc === null ? 0 : mem.alloc(S);
    const dX = mem.alloc(T * B * GH);
    const dHp = s.dHp === s.dX ? dX : mem.alloc(T * B * GH);
    const dW = s.dW === null ? 0 : mem.alloc(GH * H);
    const db = s.db === null ? 0 : mem.alloc(GH);
    const dhSteps = s.dhSteps === null ? 0 : mem.alloc(T * S);
    const len = lengths === null ? 0 : mem.alloc(B);
    const work = mem.alloc(ex.recurrenceWorkSize(MODES[mode], T, B, H));
    mem.commit();
    mem.put(s.W, 0, GH * H, W);
    mem.put(s.Hs, 0, (T + 1) * S, Hs);
    if (s.Cs !== null) mem.put(s.Cs, 0, (T + 1) * S, Cs);
    if (s.G !== null) mem.put(s.G, 0, T * B * GH, G);
    if (s.TC !== null) mem.put(s.TC, 0, T * S, TC);
    if (s.HN !== null) mem.put(s.HN, 0, T * S, HN);
    if (s.dOut !== null) mem.put(s.dOut, 0, T * S, dOut);
    mem.put(s.dh, 0, S, dh);
    if (s.dc !== null) mem.put(s.dc, 0, S, dc);
    if (s.dW !== null) mem.put(s.dW, 0, GH * H, dW);
    if (s.db !== null) mem.put(s.db, 0, GH, db);
    if (lengths !== null) mem.putInt(lengths, len);
    ex.recurrenceBackward(
      MODES[mode],
      T,
      B,
      H,
      reverse,
      len,
      W,
      Hs,
      Cs,
      G,
      TC,
      HN,
      dOut,
      dh,
      dc,
      dX,
      dHp,
      dW,
      db,
      dhSteps,
      work,
    );
    mem.get(s.dX, 0, T * B * GH, dX);
    if (s.dhSteps !== null) {
      mem.get(s.dhSteps, 0, T * S, dhSteps);
      if (dHp !== dX) mem.get(s.dHp, 0, T * B * GH, dHp); // the GRU's own, for the trace's terms of ∂L/∂W_hh
    }
    mem.get(s.dh, 0, S, dh);
    if (s.dc !== null) mem.get(s.dc, 0, S, dc);
    if (s.dW !== null) mem.get(s.dW, 0, GH * H, dW);
    if (s.db !== null) mem.get(s.db, 0, GH, db);
  };

  return {
    ...js,
    gemmNT: (M, N, K, A, aOff, B, bOff, C, cOff, bias, accumulate) =>
      product(M, N, K, A, aOff, K, 1, B, bOff, 1, K, C, cOff, bias, accumulate),
    gemmNN: (M, N, K, A, aOff, B, bOff, C, cOff, accumulate) =>
      product(M, N, K, A, aOff, K, 1, B, bOff, N, 1, C, cOff, null, accumulate),
    gemmTN: (M, N, K, A, aOff, B, bOff, C, cOff, accumulate) =>
      product(M, N, K, A, aOff, 1, M, B, bOff, N, 1, C, cOff, null, accumulate),
    recurrenceForward,
    recurrenceBackward,
    adamUpdate: (n, param, g, m, v, beta1, beta2, stepSize, bias2Sqrt, eps) =>
      update(n, [param, g, m, v], [0, 2, 3], ([p, gg, mm, vv]) =>
        ex.adamUpdate(n, p, gg, mm, vv, beta1, beta2, stepSize, bias2Sqrt, eps),
      ),
    amsgradUpdate: (n, param, g, m, v, vMax, beta1, beta2, stepSize, bias2Sqrt, eps) =>
      update(n, [param, g, m, v, vMax], [0, 2, 3, 4], ([p, gg, mm, vv, vm]) =>
        ex.amsgradUpdate(n, p, gg, mm, vv, vm, beta1, beta2, stepSize, bias2Sqrt, eps),
      ),
    rmspropUpdate: (n, param, g, s, alpha, lr, eps) =>
      update(n, [param, g, s], [0, 2], ([p, gg, ss]) => ex.rmspropUpdate(n, p, gg, ss, 0, 0, alpha, 0, lr, eps)),
    rmspropMomentumUpdate: (n, param, g, s, buf, alpha, mu, lr, eps) =>
      update(n, [param, g, s, buf], [0, 2, 3], ([p, gg, ss, bb]) =>
        ex.rmspropUpdate(n, p, gg, ss, 0, bb, alpha, mu, lr, eps),
      ),
    rmspropCenteredUpdate: (n, param, g, s, gAvg, alpha, lr, eps) =>
      update(n, [param, g, s, gAvg], [0, 2, 3], ([p, gg, ss, aa]) =>
        ex.rmspropUpdate(n, p, gg, ss, aa, 0, alpha, 0, lr, eps),
      ),
    rmspropCenteredMomentumUpdate: (n, param, g, s, gAvg, buf, alpha, mu, lr, eps) =>
      update(n, [param, g, s, gAvg, buf], [0, 2, 3, 4], ([p, gg, ss, aa, bb]) =>
        ex.rmspropUpdate(n, p, gg, ss, aa, bb, alpha, mu, lr, eps),
      ),
    sgdUpdate: (n, param, g, lr) =>
      update(n, [param, g], [0], ([p, gg]) => ex.sgdUpdate(n, p, gg, 0, 0, 0, 0, false, lr)),
    sgdMomentumUpdate: (n, param, g, buf, keep, take, lr) =>
      update(n, [param, g, buf], [0, 2], ([p, gg, bb]) => ex.sgdUpdate(n, p, gg, bb, keep, take, 0, false, lr)),
    sgdNesterovUpdate: (n, param, g, buf, keep, take, mu, lr) =>
      update(n, [param, g, buf], [0, 2], ([p, gg, bb]) => ex.sgdUpdate(n, p, gg, bb, keep, take, mu, true, lr)),
  };
}
