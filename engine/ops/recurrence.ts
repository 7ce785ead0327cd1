// One layer, one direction of an RNN, LSTM or GRU over a whole sequence, as a single op: the
// forward loops over time with a gemm and a cell kernel per step; the backward is BPTT written by
// hand (reverse loop, then one big gemm each for ∂L/∂W_hh and the input projections).
// PyTorch's packed-sequence semantics come from `lengths`; an optional trace records the insides.

import { anyNeedsGrad, record } from '../autodiff/tape';
import { kernelsFor } from '../kernels/index';
import { allocate, fmtShape, Tensor, type TensorData } from '../tensor';
import { gateCount, type RecurrentMode, type TraceSink } from './recurrentLayout';
import { commonDtype, empty } from './util';

export { gateCount, type RecurrentMode } from './recurrentLayout';

/** Options of `recurrence`. */
export interface RecurrenceOptions {
  /** Run from t = T−1 down to 0 (the reverse direction of a bidirectional layer). */
  reverse?: boolean;
  /** Valid length of each batch element (0 ≤ length ≤ T); later steps are padding. Null: all T. */
  lengths?: Int32Array | null;
  /** Filled with the states, gates and (after backward) gradients of this pass; null: record nothing. */
  trace?: TraceSink | null;
}

/** What `recurrence` returns. */
export interface RecurrenceResult {
  /** [T, B, H] h_t at every step; zero at padded steps. */
  output: Tensor;
  /** [B, H] the state after each sequence's last valid step. */
  hN: Tensor;
  /** [B, H] the LSTM cell state after the last valid step; null for RNN and GRU. */
  cN: Tensor | null;
}

/**
 * Runs a recurrent cell over a sequence whose input projections are already computed.
 * @param xProj [T, B, G·H] W_ih x_t + b_ih for every step (G = gateCount(mode))
 * @param weightHH [G·H, H] W_hh, gate blocks in PyTorch's order
 * @param biasHH [G·H] b_hh, or null for a layer without bias
 * @param h0 [B, H] initial state, or null for zeros
 * @param c0 [B, H] initial LSTM cell state, or null for zeros
 */
export function recurrence(
  mode: RecurrentMode,
  xProj: Tensor,
  weightHH: Tensor,
  biasHH: Tensor | null,
  h0: Tensor | null,
  c0: Tensor | null,
  opts: RecurrenceOptions = {},
): RecurrenceResult {
  const op = `recurrence(${mode})`;
  const GN = gateCount(mode);
  if (weightHH.ndim !== 2 || weightHH.shape[0] !== GN * weightHH.shape[1]) {
    throw new Error(`${op}: weight_hh must be [${GN}·H, H], got ${fmtShape(weightHH.shape)}`);
  }
  const H = weightHH.shape[1];
  const GH = GN * H;
  if (xProj.ndim !== 3 || xProj.shape[2] !== GH)
    throw new Error(
      `${op}: shapes ${fmtShape(xProj.shape)} and ${fmtShape(weightHH.shape)} do not match (input projection must be [T, B, ${GH}])`,
    );
  const T = xProj.shape[0];
  const B = xProj.shape[1];
  if (biasHH !== null && (biasHH.ndim !== 1 || biasHH.shape[0] !== GH))
    throw new Error(`${op}: bias_hh must be [${GH}], got ${fmtShape(biasHH.shape)}`);
  for (const [name, s] of [
    ['h0', h0],
    ['c0', c0],
  ] as const) {
    if (s !== null && (s.ndim !== 2 || s.shape[0] !== B || s.shape[1] !== H))
      throw new Error(`${op}: ${name} must be [${B}, ${H}], got ${fmtShape(s.shape)}`);
  }
  if (c0 !== null && mode !== 'lstm') throw new Error(`${op}: c0 is only for lstm`);
  const lengths = opts.lengths ?? null;
  if (lengths !== null) {
    if (lengths.length !== B) throw new Error(`${op}: ${lengths.length} lengths for a batch of ${B}`);
    for (const L of lengths) if (L < 0 || L > T) throw new Error(`${op}: length ${L} outside [0, ${T}]`);
  }
  const inputs = [xProj, weightHH, ...(biasHH ? [biasHH] : []), ...(h0 ? [h0] : []), ...(c0 ? [c0] : [])];
  const dtype = commonDtype(op, ...inputs);
  const k = kernelsFor(dtype);
  const reverse = opts.reverse ?? false;
  const S = B * H; // one state slot
  const W = weightHH.data;
  const bias = biasHH === null ? null : biasHH.data;

  // States live in slots 0..T: forward reads slot t and writes t+1; reverse reads t+1 and writes t.
  const Hs = allocate(dtype, (T + 1) * S);
  const Cs = mode === 'lstm' ? allocate(dtype, (T + 1) * S) : null;
  const first = reverse ? T * S : 0;
  if (h0 !== null) Hs.set(h0.data, first);
  if (Cs !== null && c0 !== null) Cs.set(c0.data, first);
  // Gate activations [T, B, G·H] (LSTM, GRU), tanh(c_t) (LSTM), W_hn h + b_hn (GRU).
  const G = mode === 'lstm' || mode === 'gru' ? allocate(dtype, T * B * GH) : null;
  const TC = mode === 'lstm' ? allocate(dtype, T * S) : null;
  const HN = mode === 'gru' ? allocate(dtype, T * S) : null;
  k.recurrenceForward({ mode, T, B, H, reverse, lengths, W, bias, xProj: xProj.data, Hs, Cs, G, TC, HN });

  // The output is h_1 … h_T (h_{T−1} … h_0 in reverse) as they lie in Hs, viewed without a copy; with
  // lengths it is a copy whose padded steps are zeroed (Hs keeps the carried states).
  const states = Hs.subarray(reverse ? 0 : S, reverse ? T * S : (T + 1) * S);
  let output: Tensor;
  if (lengths === null) {
    output = new Tensor(states, [T, B, H]);
  } else {
    output = empty(dtype, [T, B, H]);
    output.data.set(states);
    for (let t = 0; t < T; t++)
      for (let b = 0; b < B; b++) if (t >= lengths[b]) output.data.fill(0, t * S + b * H, t * S + b * H + H);
  }
  const last = reverse ? 0 : T * S;
  const hN = new Tensor(Hs.subarray(last, last + S), [B, H]); // views of the final slots, as the output
  const cN = Cs === null ? null : new Tensor(Cs.subarray(last, last + S), [B, H]);
  const trace = opts.trace ?? null;
  trace?.recordForward({ mode, T, B, H, reverse, lengths, weightHH: W.slice(), Hs, Cs, G, TC, HN });

  if (anyNeedsGrad(inputs)) {
    // output, h_n and c_n come from one computation: h_n and c_n hand their gradients to the closure
    // on output (recorded first, so it runs last) and make sure it runs.
    let dhN: TensorData | null = null;
    let dcN: TensorData | null = null;
    record(output, op, inputs, () => {
      const dOut = output.grad as TensorData;
      const dh = allocate(dtype, S);
      const dc = mode === 'lstm' ? allocate(dtype, S) : null;
      if (dhN !== null) dh.set(dhN);
      if (dc !== null && dcN !== null) dc.set(dcN);
      dhN = null;
      dcN = null;
      // ∂L/∂(input projection) is written straight into xProj's gradient when that is still unused.
      const direct = xProj.requiresGrad && xProj.grad === null;
      const dX = direct ? xProj.ensureGrad() : allocate(dtype, T * B * GH);
      const dHp = mode === 'gru' ? allocate(dtype, T * B * GH) : dX; // ∂L/∂(W_hh h + b_hh); differs from dX only for GRU
      const dhTrace = trace === null ? null : allocate(dtype, T * S);
      const terms = trace === null ? null : allocate(dtype, T * GH * H);

      k.recurrenceBackward({
        mode,
        T,
        B,
        H,
        reverse,
        lengths,
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
        dW: weightHH.requiresGrad ? weightHH.ensureGrad() : null,
        db: biasHH !== null && biasHH.requiresGrad ? biasHH.ensureGrad() : null,
        dhSteps: dhTrace,
      });
      // A trace also gets the total ∂L/∂h_t of each step and each step's term of ∂L/∂W_hh.
      if (dhTrace !== null && terms !== null) {
        for (let t = 0; t < T; t++) {
          addOutputGrad(dhTrace, dOut, t * S, B, H, lengths, t);
          k.gemmTN(GH, H, B, dHp, t * B * GH, Hs, reverse ? (t + 1) * S : t * S, terms, t * GH * H, false);
        }
      }
      if (xProj.requiresGrad && !direct) addInto(xProj.ensureGrad(), dX);
      if (h0 !== null && h0.requiresGrad) addInto(h0.ensureGrad(), dh);
      if (c0 !== null && c0.requiresGrad && dc !== null) addInto(c0.ensureGrad(), dc);
      trace?.recordBackward(dhTrace as TensorData, terms as TensorData);
    });
    record(hN, `${op}.hN`, [output], () => {
      dhN = hN.grad;
      output.ensureGrad();
    });
    if (cN !== null) {
      record(cN, `${op}.cN`, [output], () => {
        dcN = cN.grad;
        output.ensureGrad();
      });
    }
  }
  return { output, hN, cN };
}

/** dst[b] += dOut[b] at the valid rows of step t (dst at off holds ∂L/∂h_t from step t+1; the sum is the total ∂L/∂h_t). */
function addOutputGrad(
  dst: TensorData,
  dOut: TensorData,
  off: number,
  B: number,
  H: number,
  lengths: Int32Array | null,
  t: number,
): void {
  for (let b = 0; b < B; b++) {
    if (lengths !== null && t >= lengths[b]) continue;
    for (let j = 0; j < H; j++) dst[off + b * H + j] = dst[off + b * H + j] + dOut[off + b * H + j];
  }
}

function addInto(dst: TensorData, src: TensorData): void {
  for (let i = 0; i < src.length; i++) dst[i] = dst[i] + src[i];
}
