// What a whole-sequence recurrent kernel (recurrence.f32.ts, recurrence.f64.ts and the WebAssembly
// table) is given: one layer, one direction over T steps, the buffers of ops/recurrence.ts.

/** The cell: Elman RNN with tanh or relu, LSTM or GRU (ops/recurrentLayout.ts RecurrentMode). */
export type SequenceMode = 'rnn_tanh' | 'rnn_relu' | 'lstm' | 'gru';

/**
 * The forward loop's buffers (G = gate count: 1, 4, 3). States live in slots 0..T of Hs (and Cs):
 * the forward direction reads slot t and writes t+1, the reverse reads t+1 and writes t.
 */
export interface SequenceForward<A> {
  mode: SequenceMode;
  T: number;
  B: number;
  H: number;
  reverse: boolean;
  /** [B] valid length of each sequence, or null: all T. */
  lengths: Int32Array | null;
  /** [G·H, H] W_hh */
  W: A;
  /** [G·H] b_hh, or null */
  bias: A | null;
  /** [T, B, G·H] W_ih x_t + b_ih for every step (read) */
  xProj: A;
  /** [T+1, B, H] states, h_0 in the first slot on entry (slot 0, or T in reverse); written */
  Hs: A;
  /** [T+1, B, H] LSTM cell states, c_0 in the first slot on entry; null otherwise */
  Cs: A | null;
  /** [T, B, G·H] gate activations, written (LSTM, GRU); null for the RNN */
  G: A | null;
  /** [T, B, H] tanh(c_t), written (LSTM); null otherwise */
  TC: A | null;
  /** [T, B, H] W_hn h_{t−1} + b_hn, written (GRU); null otherwise */
  HN: A | null;
}

/** The backward loop's buffers: the forward's (read) and the gradients. */
export interface SequenceBackward<A> {
  mode: SequenceMode;
  T: number;
  B: number;
  H: number;
  reverse: boolean;
  lengths: Int32Array | null;
  W: A;
  Hs: A;
  Cs: A | null;
  G: A | null;
  TC: A | null;
  HN: A | null;
  /** [T, B, H] the output's gradient, or null */
  dOut: A | null;
  /** [B, H] ∂L/∂h at the last step on entry (from h_n), ∂L/∂h_0 on return; dc the same for c (LSTM) */
  dh: A;
  dc: A | null;
  /** [T, B, G·H] written: ∂L/∂(W_ih x_t + b_ih) */
  dX: A;
  /** [T, B, G·H] written: ∂L/∂(W_hh h_{t−1} + b_hh); dX itself but for the GRU (whose own is filled only for a trace, when dhSteps is given) */
  dHp: A;
  /** [G·H, H] += ∂L/∂W_hh, or null */
  dW: A | null;
  /** [G·H] += ∂L/∂b_hh, or null */
  db: A | null;
  /** [T, B, H] written, or null: dh as each step t found it (∂L/∂h_t from step t+1, before the output's share), for a trace */
  dhSteps: A | null;
}
