// The layout of a recurrent layer's computation, shared by the recurrence op that fills it and the
// introspection that reads it: modes and gate counts, the buffers a forward pass keeps, and where a trace goes.
import type { TensorData } from '../storage';

/** Which cell: Elman RNN with tanh or relu, LSTM, or GRU (the modes of PyTorch's RNNBase), in that order. */
export const RECURRENT_MODES = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'] as const;

/** One of RECURRENT_MODES. */
export type RecurrentMode = (typeof RECURRENT_MODES)[number];

/**
 * The cells the course trains and compares, by the names its pages use: 'rnn' is torch.nn.RNN with tanh
 * (mode 'rnn_tanh'), 'lstm' and 'gru' as in PyTorch. Every list of cell types (a task's settings, a widget's
 * choices) comes from this one.
 */
export const CELL_TYPES = ['rnn', 'lstm', 'gru'] as const;

/** One of CELL_TYPES. */
export type CellType = (typeof CELL_TYPES)[number];

/** Number of gate blocks stacked in W_ih and W_hh: 1 (RNN), 4 (LSTM: i f g o), 3 (GRU: r z n). */
export function gateCount(mode: RecurrentMode): number {
  return mode === 'lstm' ? 4 : mode === 'gru' ? 3 : 1;
}

/** Gate names as on the page: LSTM i f g o, GRU r z n (PyTorch's order in the weights). */
export type GateName = 'i' | 'f' | 'g' | 'o' | 'r' | 'z' | 'n';

/** The gates of each mode, in weight order. */
export const GATES: Record<RecurrentMode, readonly GateName[]> = {
  rnn_tanh: [],
  rnn_relu: [],
  lstm: ['i', 'f', 'g', 'o'],
  gru: ['r', 'z', 'n'],
};

/** The kernel buffers of a forward pass, kept by reference (backward only reads them). */
export interface ForwardRecord {
  mode: RecurrentMode;
  T: number;
  B: number;
  H: number;
  reverse: boolean;
  lengths: Int32Array | null;
  /** [G·H, H] a copy of W_hh at the time of the pass. */
  weightHH: TensorData;
  /** [(T+1), B, H] state slots (see ops/recurrence.ts). */
  Hs: TensorData;
  Cs: TensorData | null;
  /** [T, B, G·H] gate activations. */
  G: TensorData | null;
  /** [T, B, H] tanh(c_t). */
  TC: TensorData | null;
  /** [T, B, H] W_hn h_{t−1} + b_hn (GRU). */
  HN: TensorData | null;
}

/** Where the recurrence op reports a pass when asked to (introspect/trace.ts's DirectionTrace is one). */
export interface TraceSink {
  /** Called at the end of the forward pass with the buffers it kept. */
  recordForward(rec: ForwardRecord): void;
  /** Called at the end of the backward pass: [T, B, H] ∂L/∂h_t and [T, H, H] each step's term of ∂L/∂W_hh. */
  recordBackward(dh: TensorData, terms: TensorData): void;
}
