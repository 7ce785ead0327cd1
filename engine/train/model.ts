// The one network shape every task trains: an input layer (one-hot, Embedding or real features) → RNN/LSTM/GRU
// → Linear, named as the outline's PyTorch model (`embedding`, `rnn`, `fc`), read out at every step or at the end.
import { Embedding, Linear } from '../nn/linear';
import { Module } from '../nn/module';
import { select } from '../ops/shape';
import type { Rng } from '../random';
import { Tensor } from '../tensor';
import { makeRecurrent, oneHot, type AnyRecurrent } from './common';
import type { CellType, Nonlinearity } from './task';

/** How the network reads its input. */
export type InputSpec =
  /** Token indices, each turned into a one-hot vector (the engine's linear takes the sparse path). */
  | { kind: 'one-hot'; vocabSize: number }
  /** Token indices looked up in a learned table, `nn.Embedding(vocabSize, embeddingDim, padding_idx)`. */
  | { kind: 'embedding'; vocabSize: number; embeddingDim: number; paddingIdx?: number | null }
  /** Real-valued features per step. */
  | { kind: 'dense'; inputSize: number };

/** Options of `RecurrentNet`. */
export interface RecurrentNetOptions {
  input: InputSpec;
  cell: CellType;
  hiddenSize: number;
  /** Default 1. */
  numLayers?: number;
  /** Dropout between stacked layers, in training (default 0). */
  dropout?: number;
  /** The plain RNN's nonlinearity (default tanh). */
  nonlinearity?: Nonlinearity;
  /** Features of the Linear head: vocabulary size, classes, or 1 for regression. */
  outputSize: number;
  /** Initial weights (embedding, then rnn, then fc, as PyTorch's registration order) and dropout masks. */
  rng: Rng;
  /**
   * LSTM only: start every forget gate's bias (b_if + b_hf) at this value instead of PyTorch's small
   * random one, as Keras's `unit_forget_bias` does with 1 (Jozefowicz et al. 2015): f starts near
   * σ(1) ≈ 0.73 instead of 0.5, so the cell state, and its gradient, survive more steps at first.
   */
  forgetBias?: number;
}

/** A recurrent state to carry between calls: h, and c for the LSTM. */
export interface RecurrentState {
  /** [numLayers, B, H] */
  h: Tensor;
  /** [numLayers, B, H], LSTM only */
  c: Tensor | null;
}

/** Embedding/one-hot/dense → RNN/LSTM/GRU (time-major) → Linear. */
export class RecurrentNet extends Module {
  readonly embedding: Embedding | null;
  readonly rnn: AnyRecurrent;
  readonly fc: Linear;
  readonly input: InputSpec;

  constructor(options: RecurrentNetOptions) {
    super();
    const { input, cell, hiddenSize, numLayers = 1, dropout = 0, nonlinearity = 'tanh', outputSize, rng } = options;
    this.input = input;
    this.embedding =
      input.kind === 'embedding'
        ? this.registerModule(
            'embedding',
            new Embedding(input.vocabSize, input.embeddingDim, { rng, paddingIdx: input.paddingIdx ?? null }),
          )
        : null;
    const inputSize =
      input.kind === 'one-hot' ? input.vocabSize : input.kind === 'embedding' ? input.embeddingDim : input.inputSize;
    this.rnn = this.registerModule(
      'rnn',
      makeRecurrent(cell, inputSize, hiddenSize, { numLayers, dropout, nonlinearity, rng }),
    );
    this.fc = this.registerModule('fc', new Linear(hiddenSize, outputSize, { rng }));
    if (options.forgetBias !== undefined && cell === 'lstm') {
      // Gate blocks are i f g o, so rows H…2H−1 of each bias belong to f.
      for (const layer of this.rnn.cells) {
        for (const p of layer) {
          p.biasIH?.data.fill(options.forgetBias, hiddenSize, 2 * hiddenSize);
          p.biasHH?.data.fill(0, hiddenSize, 2 * hiddenSize);
        }
      }
    }
  }

  /**
   * Turns raw input into the recurrent layer's input.
   * @param x [T·B] token indices (time-major) for one-hot/embedding, or [T·B·inputSize] features
   * @returns [T, B, features]
   */
  encode(x: Int32Array | Float32Array, T: number, B: number): Tensor {
    const spec = this.input;
    if (spec.kind === 'dense') {
      if (!(x instanceof Float32Array)) throw new Error('RecurrentNet: dense input must be a Float32Array');
      return new Tensor(x, [T, B, spec.inputSize]);
    }
    if (!(x instanceof Int32Array)) throw new Error('RecurrentNet: token input must be an Int32Array');
    if (spec.kind === 'one-hot') return oneHot(x, [T, B], spec.vocabSize);
    return (this.embedding as Embedding).forward(new Tensor(Float32Array.from(x), [T, B]));
  }

  /**
   * Runs the recurrent layer over encoded input.
   * @param x [T, B, features] from `encode`
   * @param state the state to start from (zeros when null)
   * @param lengths [B] valid lengths (packed-sequence semantics), or null when all are T
   * @returns output [T, B, H] (the top layer's h_t) and the final state
   */
  run(
    x: Tensor,
    state: RecurrentState | null,
    lengths: ArrayLike<number> | null = null,
  ): { output: Tensor; state: RecurrentState } {
    const r = this.rnn.forward(x, { h0: state?.h ?? null, c0: state?.c ?? null, lengths });
    return { output: r.output, state: { h: r.hN, c: 'cN' in r ? (r.cN as Tensor) : null } };
  }

  /**
   * The top layer's final hidden state, `hidden[-1]` in PyTorch.
   * @returns [B, H]
   */
  top(state: RecurrentState): Tensor {
    return select(state.h, 0, -1);
  }
}

/** A state cut from the graph, so the next chunk's backward stops here (truncated BPTT). */
export function detachState(state: RecurrentState): RecurrentState {
  return { h: state.h.detach(), c: state.c === null ? null : state.c.detach() };
}
