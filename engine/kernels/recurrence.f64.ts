// GENERATED from recurrence.f32.ts by generate.mjs: edit that file, then run node engine/kernels/generate.mjs.
// Float64 whole-sequence loops of the recurrent layers: per step a gemm (h_{t−1}·W_hhᵀ) and a cell
// kernel forward; a cell backward and a gemm (∂L/∂h_{t−1}) per step backward, then ∂L/∂W_hh and
// ∂L/∂b_hh over all steps at once. recurrence.f64.ts is this file, generated (see gemm.f32.ts).

import { gruBackward, gruForward, lstmBackward, lstmForward, rnnBackward, rnnForward } from './cells.f64';
import { addColumnSums, addRows, gemmNN, gemmTN, transpose } from './gemm.f64';
import type { SequenceBackward, SequenceForward } from './sequence';

type Arr = Float64Array;

/** W_hhᵀ for the forward loop, rewritten each call; grows to the largest weight seen. */
let transposed: Arr = new Float64Array(0);

/** The forward loop over T steps (buffers: SequenceForward). */
export function recurrenceForward(a: SequenceForward<Arr>): void {
  const { mode, T, B, H, reverse, lengths, W, bias, xProj, Hs } = a;
  const GN = mode === 'lstm' ? 4 : mode === 'gru' ? 3 : 1;
  const GH = GN * H;
  const S = B * H;
  if (transposed.length < W.length) transposed = new Float64Array(W.length);
  // W_hh h_{t−1} at every step as the row-major product h_{t−1}·W_hhᵀ, with W_hhᵀ made once here
  // (the kernels' fast layout is A·B). addHidden: C[cOff…] (B rows of G·H) += b_hh + W_hh h_{t−1}.
  const Wt = transposed;
  transpose(GH, H, W, 0, Wt, 0);
  const addHidden = (prevOff: number, C: Arr, cOff: number): void => {
    if (bias !== null) addRows(B, GH, C, cOff, bias);
    gemmNN(B, GH, H, Hs, prevOff, Wt, 0, C, cOff, true);
  };
  const Hp = mode === 'gru' ? new Float64Array(B * GH) : null;
  // The gates start as the input projections; the RNN's pre-activations a_t start in the new-state slots.
  if (a.G !== null) a.G.set(xProj);
  else Hs.set(xProj, reverse ? 0 : S);

  for (let q = 0; q < T; q++) {
    const t = reverse ? T - 1 - q : q;
    const prevOff = reverse ? (t + 1) * S : t * S;
    const newOff = reverse ? t * S : (t + 1) * S;
    const gOff = t * B * GH;
    if (mode === 'lstm') {
      const G = a.G as Arr;
      addHidden(prevOff, G, gOff); // gates += W_hh h_{t−1} + b_hh
      lstmForward(B, H, G, gOff, Hs, a.Cs as Arr, prevOff, newOff, a.TC as Arr, t * S, lengths, t);
    } else if (mode === 'gru') {
      (Hp as Arr).fill(0);
      addHidden(prevOff, Hp as Arr, 0); // W_hh h_{t−1} + b_hh, kept apart for r ⊙ (·)
      gruForward(B, H, a.G as Arr, gOff, Hp as Arr, Hs, prevOff, newOff, a.HN as Arr, t * S, lengths, t);
    } else {
      addHidden(prevOff, Hs, newOff); // a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh
      rnnForward(B, H, mode === 'rnn_relu', Hs, prevOff, newOff, lengths, t);
    }
  }
}

/** BPTT over T steps (buffers: SequenceBackward). */
export function recurrenceBackward(a: SequenceBackward<Arr>): void {
  const { mode, T, B, H, reverse, lengths, W, Hs, dOut, dh, dX, dHp, dhSteps } = a;
  const GN = mode === 'lstm' ? 4 : mode === 'gru' ? 3 : 1;
  const GH = GN * H;
  const S = B * H;
  for (let q = T - 1; q >= 0; q--) {
    const t = reverse ? T - 1 - q : q;
    const prevOff = reverse ? (t + 1) * S : t * S;
    const newOff = reverse ? t * S : (t + 1) * S;
    const gOff = t * B * GH;
    if (dhSteps !== null) dhSteps.set(dh, t * S);
    if (mode === 'lstm')
      lstmBackward(
        B,
        H,
        a.G as Arr,
        gOff,
        a.Cs as Arr,
        prevOff,
        a.TC as Arr,
        t * S,
        dOut,
        t * S,
        dh,
        a.dc as Arr,
        dX,
        gOff,
        lengths,
        t,
      );
    else if (mode === 'gru')
      gruBackward(
        B,
        H,
        a.G as Arr,
        gOff,
        Hs,
        prevOff,
        a.HN as Arr,
        t * S,
        dOut,
        t * S,
        dh,
        dX,
        gOff,
        dHp,
        gOff,
        lengths,
        t,
      );
    else rnnBackward(B, H, mode === 'rnn_relu', Hs, newOff, dOut, t * S, dh, dX, gOff, lengths, t);
    gemmNN(B, H, GH, dHp, gOff, W, 0, dh, 0, true); // ∂L/∂h_{t−1} += ∂L/∂(W_hh h_{t−1}) · W_hh
  }
  // ∂L/∂W_hh = Σ_t (∂L/∂(W_hh h_{t−1}))ᵀ h_{t−1}: previous states are contiguous slots, so one gemm.
  if (a.dW !== null) gemmTN(GH, H, T * B, dHp, 0, Hs, reverse ? S : 0, a.dW, 0, true);
  if (a.db !== null) addColumnSums(T * B, GH, dHp, 0, a.db);
}
