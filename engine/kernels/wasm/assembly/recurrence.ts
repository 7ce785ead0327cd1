// One layer, one direction of an RNN, LSTM or GRU over a whole sequence in one call: the loops of
// ops/recurrence.ts (read it for the layout of states, gates and gradients), with W_hh packed once
// per call for the per-step products, so a step costs no call out of WebAssembly and no copy.
// mode: 0 rnn_tanh, 1 rnn_relu, 2 lstm, 3 gru. Pointers are byte addresses; 0 means absent.

import { gruBackward, gruForward, lstmBackward, lstmForward, rnnBackward, rnnForward } from './cells';
import { addRows, gemm, gemmPacked, gemmWorkSize, packB, packedBSize } from './gemm';

export const RNN_TANH = 0;
export const RNN_RELU = 1;
export const LSTM = 2;
export const GRU = 3;

function gates(mode: i32): i32 {
  return mode === LSTM ? 4 : mode === GRU ? 3 : 1;
}

/** Floats of `work` that recurrenceForward and recurrenceBackward need. */
export function recurrenceWorkSize(mode: i32, T: i32, B: i32, H: i32): i32 {
  const GH = gates(mode) * H;
  const forward = packedBSize(GH, H) + 32;
  const backward = packedBSize(H, GH) + 32 + gemmWorkSize(GH, H, T * B);
  return max(forward, backward);
}

/** out[N] += the column sums of A[M, N] (row-major). */
export function addColumnSums(M: i32, N: i32, a: usize, out: usize): void {
  for (let i = 0; i < M; i++) {
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      const at = out + (<usize>j << 2);
      v128.store(at, f32x4.add(v128.load(at), v128.load(a + (<usize>j << 2))));
    }
    for (; j < N; j++) {
      const at = out + (<usize>j << 2);
      store<f32>(at, load<f32>(at) + load<f32>(a + (<usize>j << 2)));
    }
    a += <usize>N << 2;
  }
}

/**
 * The forward loop. On entry G holds W_ih x_t + b_ih for every step (LSTM, GRU), or the new-state
 * slots of Hs do (RNN), and Hs's (and Cs's) first slot holds h_0 (c_0).
 * @param W [G·H, H] W_hh
 * @param bias [G·H] b_hh, or 0
 * @param Hs [(T+1), B, H] states; Cs the same for the LSTM's cell state
 * @param TC [T, B, H] tanh(c_t) (LSTM); HN [T, B, H] W_hn h + b_hn and Hp [B, 3H] scratch (GRU)
 * @param work recurrenceWorkSize floats
 */
export function recurrenceForward(
  mode: i32,
  T: i32,
  B: i32,
  H: i32,
  reverse: bool,
  lengths: usize,
  W: usize,
  bias: usize,
  Hs: usize,
  Cs: usize,
  G: usize,
  TC: usize,
  HN: usize,
  Hp: usize,
  work: usize,
): void {
  const GH = gates(mode) * H;
  const S = <usize>(B * H) << 2; // bytes of one state slot
  const step = <usize>(B * GH) << 2; // bytes of one step's gates
  const Wt = work; // W_hhᵀ [H, G·H] packed: h_{t−1}·W_hhᵀ is then the kernel's A·B
  const tmp = Wt + (<usize>packedBSize(GH, H) << 2);
  packB(H, GH, W, 1, H, Wt);
  for (let q = 0; q < T; q++) {
    const t = reverse ? T - 1 - q : q;
    const prev = Hs + <usize>(reverse ? t + 1 : t) * S;
    const next = Hs + <usize>(reverse ? t : t + 1) * S;
    if (mode === LSTM) {
      const g = G + <usize>t * step;
      if (bias !== 0) addRows(B, GH, g, bias);
      gemmPacked(B, GH, H, prev, H, false, Wt, g, GH, tmp);
      const cOff = <usize>(reverse ? t + 1 : t) * S;
      const cNext = <usize>(reverse ? t : t + 1) * S;
      lstmForward(B, H, g, prev, Cs + cOff, next, Cs + cNext, TC + <usize>t * S, lengths, t);
    } else if (mode === GRU) {
      memory.fill(Hp, 0, step);
      if (bias !== 0) addRows(B, GH, Hp, bias);
      gemmPacked(B, GH, H, prev, H, false, Wt, Hp, GH, tmp);
      gruForward(B, H, G + <usize>t * step, Hp, prev, next, HN + <usize>t * S, lengths, t);
    } else {
      if (bias !== 0) addRows(B, H, next, bias);
      gemmPacked(B, H, H, prev, H, false, Wt, next, H, tmp);
      rnnForward(B, H, mode === RNN_RELU, prev, next, lengths, t);
    }
  }
}

/**
 * BPTT: the reverse loop (cell backward, then ∂L/∂h_{t−1} += ∂L/∂(W_hh h_{t−1})·W_hh), then
 * ∂L/∂W_hh and ∂L/∂b_hh over all steps at once.
 * @param dOut [T, B, H] the output's gradient, or 0
 * @param dh [B, H] ∂L/∂h at the last step on entry (from h_n), ∂L/∂h_0 on exit; dc the same for c
 * @param dX [T, B, G·H] written: ∂L/∂(input projection)
 * @param dHp [T, B, G·H] written: ∂L/∂(W_hh h + b_hh); the same address as dX but for the GRU
 * @param dW [G·H, H] += ∂L/∂W_hh, or 0; db [G·H] += ∂L/∂b_hh, or 0
 * @param dhSteps [T, B, H] written, or 0: dh as each step t found it (∂L/∂h_t from step t+1), for a trace
 * @param work recurrenceWorkSize floats
 */
export function recurrenceBackward(
  mode: i32,
  T: i32,
  B: i32,
  H: i32,
  reverse: bool,
  lengths: usize,
  W: usize,
  Hs: usize,
  Cs: usize,
  G: usize,
  TC: usize,
  HN: usize,
  dOut: usize,
  dh: usize,
  dc: usize,
  dX: usize,
  dHp: usize,
  dW: usize,
  db: usize,
  dhSteps: usize,
  work: usize,
): void {
  const GH = gates(mode) * H;
  const S = <usize>(B * H) << 2;
  const step = <usize>(B * GH) << 2;
  const Wp = work; // W_hh [G·H, H] packed as the B of ∂L/∂(W_hh h)·W_hh
  const tmp = Wp + (<usize>packedBSize(H, GH) << 2);
  packB(GH, H, W, H, 1, Wp);
  for (let q = T - 1; q >= 0; q--) {
    const t = reverse ? T - 1 - q : q;
    const prevSlot = <usize>(reverse ? t + 1 : t) * S;
    const out: usize = dOut === 0 ? 0 : dOut + <usize>t * S;
    const g = <usize>t * step;
    if (dhSteps !== 0) memory.copy(dhSteps + <usize>t * S, dh, S);
    if (mode === LSTM) lstmBackward(B, H, G + g, Cs + prevSlot, TC + <usize>t * S, out, dh, dc, dX + g, lengths, t);
    else if (mode === GRU) gruBackward(B, H, G + g, Hs + prevSlot, HN + <usize>t * S, out, dh, dX + g, dHp + g, lengths, t);
    else {
      const newSlot = <usize>(reverse ? t : t + 1) * S;
      rnnBackward(B, H, mode === RNN_RELU, Hs + newSlot, out, dh, dX + g, lengths, t);
    }
    gemmPacked(B, H, GH, dHp + g, GH, false, Wp, dh, H, tmp);
  }
  // Previous states are the contiguous slots 0 … T−1 (forward) or 1 … T (reverse): one product.
  if (dW !== 0) gemm(GH, H, T * B, dHp, 1, GH, Hs + (reverse ? S : 0), H, 1, dW, 0, true, tmp + 128);
  if (db !== 0) addColumnSums(T * B, GH, dHp, db);
}
