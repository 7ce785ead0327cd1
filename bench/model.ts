// The models every contestant trains, and their shared initial weights in PyTorch's layout, so
// all contestants start from the same numbers.
import { fillUniform, mulberry32 } from './random';

/** Which recurrent cell: min-char-rnn's tanh RNN, or an LSTM with PyTorch's gate order i, f, g, o. */
export type CellType = 'rnn_tanh' | 'lstm';

/** A one-layer recurrent language model: one-hot input, recurrent cell, Linear to logits, cross-entropy at every step. */
export interface ModelConfig {
  cell: CellType;
  vocabSize: number;
  hiddenSize: number;
  seqLen: number;
  batchSize: number;
}

/**
 * Initial weights, named and laid out as PyTorch's state_dict (nn.RNN / nn.LSTM, then nn.Linear
 * as `fc`); G = 1 for the RNN and 4 for the LSTM.
 */
export interface InitialWeights {
  /** [G·H, V] */
  weight_ih_l0: Float32Array;
  /** [G·H, H] */
  weight_hh_l0: Float32Array;
  /** [G·H] */
  bias_ih_l0: Float32Array;
  /** [G·H] */
  bias_hh_l0: Float32Array;
  /** [V, H] */
  fc_weight: Float32Array;
  /** [V] */
  fc_bias: Float32Array;
}

/** Number of gate blocks stacked in weight_ih / weight_hh. */
export function gateCount(cell: CellType): number {
  return cell === 'lstm' ? 4 : 1;
}

/**
 * PyTorch's default initialisation: every recurrent weight and bias from U(−1/√H, 1/√H), and the
 * Linear's weight and bias from U(−1/√fan_in, 1/√fan_in) with fan_in = H.
 */
export function initialWeights(config: ModelConfig, seed = 1234): InitialWeights {
  const { vocabSize: V, hiddenSize: H } = config;
  const GH = gateCount(config.cell) * H;
  const rand = mulberry32(seed);
  const bound = 1 / Math.sqrt(H);
  const make = (n: number): Float32Array => {
    const a = new Float32Array(n);
    fillUniform(a, bound, rand);
    return a;
  };
  return {
    weight_ih_l0: make(GH * V),
    weight_hh_l0: make(GH * H),
    bias_ih_l0: make(GH),
    bias_hh_l0: make(GH),
    fc_weight: make(V * H),
    fc_bias: make(V),
  };
}
