// Jacobian norms ‖∂h_t/∂h_k‖ of a traced recurrent layer. Row m of ∂h_t/∂h_k is the gradient of
// h_t[m] with respect to h_k, so the whole Jacobian is backpropagation of the H unit vectors at
// once: the same backward cell kernels as training, run on H copies of one sample's step.

import { kernelsFor } from '../kernels/index';
import type { TensorData } from '../tensor';
import type { ForwardRecord } from '../ops/recurrentLayout';

/**
 * ‖∂h_t/∂h_k‖_F for k = 0..T−1 (zero where h_t does not depend on h_k), for batch element `batch`.
 * @returns [T]
 */
export function jacobianNorms(rec: ForwardRecord, t: number, batch: number): Float64Array {
  const { mode, T, B, H, reverse, lengths, weightHH } = rec;
  if (!Number.isInteger(t) || t < 0 || t >= T) throw new Error(`jacobianNorms: t = ${t} outside [0, ${T})`);
  if (!Number.isInteger(batch) || batch < 0 || batch >= B)
    throw new Error(`jacobianNorms: batch = ${batch} outside [0, ${B})`);
  const k = kernelsFor('float64');
  const GH = (mode === 'lstm' ? 4 : mode === 'gru' ? 3 : 1) * H;
  const S = B * H;
  const W = Float64Array.from(weightHH);
  const HH = H * H;
  // Cotangents, one row per output unit m: dh = ∂h_t[m]/∂h_s, dc = ∂h_t[m]/∂c_s (LSTM); start at s = t.
  const dh = new Float64Array(HH);
  for (let m = 0; m < H; m++) dh[m * H + m] = 1;
  const dc = new Float64Array(HH);
  // One sample's step, copied to each of H rows: [H, G·H] gates, two state slots (prev, new), etc.
  const G = new Float64Array(H * GH);
  const Hs = new Float64Array(2 * HH);
  const Cs = new Float64Array(2 * HH);
  const TC = new Float64Array(HH);
  const HN = new Float64Array(HH);
  const dG = new Float64Array(H * GH);
  const dHp = new Float64Array(H * GH);
  const replicate = (
    dst: Float64Array,
    dstOff: number,
    src: TensorData | null,
    srcOff: number,
    width: number,
  ): void => {
    if (src === null) return;
    for (let m = 0; m < H; m++) for (let j = 0; j < width; j++) dst[dstOff + m * width + j] = src[srcOff + j];
  };

  const norms = new Float64Array(T);
  norms[t] = Math.sqrt(H);
  // Walk the steps that led to h_t, latest first; step s maps the state before it to h_s.
  const step = reverse ? 1 : -1;
  for (let s = t; reverse ? s < T - 1 : s > 0; s += step) {
    const before = s + step; // the output index of the state step s started from
    const valid = lengths === null || s < lengths[batch];
    if (valid) {
      const prevOff = (reverse ? s + 1 : s) * S + batch * H;
      const newOff = (reverse ? s : s + 1) * S + batch * H;
      replicate(Hs, 0, rec.Hs, prevOff, H);
      replicate(Hs, HH, rec.Hs, newOff, H);
      replicate(Cs, 0, rec.Cs, prevOff, H);
      replicate(G, 0, rec.G, (s * B + batch) * GH, GH);
      replicate(TC, 0, rec.TC, s * S + batch * H, H);
      replicate(HN, 0, rec.HN, s * S + batch * H, H);
      if (mode === 'lstm') k.lstmBackward(H, H, G, 0, Cs, 0, TC, 0, null, 0, dh, dc, dG, 0, null, 0);
      else if (mode === 'gru') k.gruBackward(H, H, G, 0, Hs, 0, HN, 0, null, 0, dh, dG, 0, dHp, 0, null, 0);
      else k.rnnBackward(H, H, mode === 'rnn_relu', Hs, HH, null, 0, dh, dG, 0, null, 0);
      k.gemmNN(H, H, GH, mode === 'gru' ? dHp : dG, 0, W, 0, dh, 0, true);
    }
    // At a padded step the state is carried, so the Jacobian through it is the identity.
    let f = 0;
    for (let i = 0; i < HH; i++) f += dh[i] * dh[i];
    norms[before] = Math.sqrt(f);
  }
  return norms;
}
