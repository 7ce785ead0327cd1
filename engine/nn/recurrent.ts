// RNN, LSTM and GRU modules with PyTorch's constructor options, parameter names and shapes,
// initialisation and output shapes. Each layer and direction is one `recurrence` op over the
// whole sequence, after one `linear` that projects every step's input at once.

import type { RecurrentTrace } from '../introspect/trace';
import { dropout } from '../ops/dropout';
import { linear } from '../ops/matmul';
import { gateCount, recurrence, type RecurrentMode } from '../ops/recurrence';
import { concat, reshape, select, stack, transpose } from '../ops/shape';
import { Rng } from '../random';
import { fmtShape, uniform, type Tensor } from '../tensor';
import type { InitOptions } from './linear';
import { Module } from './module';

/** Constructor options, as torch.nn.RNN / LSTM / GRU. */
export interface RecurrentOptions extends InitOptions {
  /** Stacked layers; layer l > 0 reads layer l−1's output. Default 1. */
  numLayers?: number;
  /** Whether b_ih and b_hh exist. Default true. */
  bias?: boolean;
  /** Input and output as [B, T, features] instead of [T, B, features]. Default false. */
  batchFirst?: boolean;
  /** Dropout probability on each layer's output except the last's, in training. Default 0. */
  dropout?: number;
  /** Add a layer running from the end of the sequence; outputs are concatenated. Default false. */
  bidirectional?: boolean;
}

/** Per-call options of `forward`. */
export interface RecurrentForwardOptions {
  /** [numLayers·D, B, H] initial states (D = 2 if bidirectional); zeros when omitted. [numLayers·D, H] for unbatched input. */
  h0?: Tensor | null;
  /** [numLayers·D, B, H] initial LSTM cell states; zeros when omitted. */
  c0?: Tensor | null;
  /**
   * Valid length of each sequence in the batch, 1..T (pack_padded_sequence semantics, any order):
   * padded steps leave the state unchanged, get no gradient, and output zeros.
   */
  lengths?: ArrayLike<number> | null;
  /** Record states, gates and gradients for inspection (see RecurrentTrace). */
  trace?: RecurrentTrace | null;
}

/** One layer and direction's parameters, PyTorch's `*_l{k}[_reverse]`. */
export interface DirectionParameters {
  /** [G·H, inputSize] for layer 0, [G·H, D·H] above */
  weightIH: Tensor;
  /** [G·H, H] */
  weightHH: Tensor;
  /** [G·H] or null without bias */
  biasIH: Tensor | null;
  /** [G·H] or null without bias */
  biasHH: Tensor | null;
}

/** What forward returns, in PyTorch's shapes. */
export interface RecurrentOutput {
  /** [T, B, D·H] ([B, T, D·H] batchFirst, [T, D·H] unbatched): the last layer's h_t, both directions concatenated. */
  output: Tensor;
  /** [numLayers·D, B, H] ([numLayers·D, H] unbatched): each layer and direction's final state. */
  hN: Tensor;
}

/** PyTorch's suffix of layer `layer`, direction `direction` (1 = reverse): `_l0`, `_l1_reverse`. */
function parameterSuffix(layer: number, direction: number): string {
  return `_l${layer}${direction === 1 ? '_reverse' : ''}`;
}

/**
 * The state_dict names and shapes of a recurrent layer's parameters, in PyTorch's order, without
 * allocating anything: the layer's constructor registers exactly these. G = gateCount(mode), D = 2
 * if bidirectional: `weight_ih_l{k}[_reverse]` [G·H, inputSize] for k = 0 and [G·H, D·H] above,
 * `weight_hh_…` [G·H, H], and with bias `bias_ih_…`, `bias_hh_…` [G·H].
 */
export function recurrentParameterShapes(
  mode: RecurrentMode,
  inputSize: number,
  hiddenSize: number,
  opts: Pick<RecurrentOptions, 'numLayers' | 'bias' | 'bidirectional'> = {},
): Map<string, number[]> {
  const GH = gateCount(mode) * hiddenSize;
  const D = opts.bidirectional ? 2 : 1;
  const shapes = new Map<string, number[]>();
  for (let l = 0; l < (opts.numLayers ?? 1); l++) {
    for (let d = 0; d < D; d++) {
      const suffix = parameterSuffix(l, d);
      shapes.set(`weight_ih${suffix}`, [GH, l === 0 ? inputSize : D * hiddenSize]);
      shapes.set(`weight_hh${suffix}`, [GH, hiddenSize]);
      if (opts.bias ?? true) {
        shapes.set(`bias_ih${suffix}`, [GH]);
        shapes.set(`bias_hh${suffix}`, [GH]);
      }
    }
  }
  return shapes;
}

/** Shared machinery of RNN, LSTM and GRU (torch.nn.RNNBase). */
export abstract class RecurrentBase extends Module {
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  /** [layer][direction] parameters, direction 0 forward, 1 reverse. */
  readonly cells: DirectionParameters[][] = [];
  private readonly rng: Rng;

  /**
   * Every weight and bias starts U(−1/√H, 1/√H), drawn in state_dict order as PyTorch does.
   */
  constructor(
    readonly mode: RecurrentMode,
    readonly inputSize: number,
    readonly hiddenSize: number,
    opts: RecurrentOptions = {},
  ) {
    super();
    this.numLayers = opts.numLayers ?? 1;
    this.bias = opts.bias ?? true;
    this.batchFirst = opts.batchFirst ?? false;
    this.dropout = opts.dropout ?? 0;
    this.bidirectional = opts.bidirectional ?? false;
    this.rng = opts.rng ?? new Rng(0);
    if (!Number.isInteger(this.numLayers) || this.numLayers < 1)
      throw new Error(`${this.name}: numLayers must be a positive integer, got ${this.numLayers}`);
    if (!(this.dropout >= 0 && this.dropout <= 1))
      throw new Error(`${this.name}: dropout must be in [0, 1], got ${this.dropout}`);
    const bound = 1 / Math.sqrt(hiddenSize);
    const init = (shape: number[]): Tensor => uniform(shape, -bound, bound, this.rng, { dtype: opts.dtype });
    // Registered (and drawn) in state_dict order, the order recurrentParameterShapes lists them in.
    const made = new Map<string, Tensor>();
    for (const [name, shape] of recurrentParameterShapes(mode, inputSize, hiddenSize, opts))
      made.set(name, this.registerParameter(name, init(shape)));
    const D = this.bidirectional ? 2 : 1;
    for (let l = 0; l < this.numLayers; l++) {
      const row: DirectionParameters[] = [];
      for (let d = 0; d < D; d++) {
        const suffix = parameterSuffix(l, d);
        row.push({
          weightIH: made.get(`weight_ih${suffix}`) as Tensor,
          weightHH: made.get(`weight_hh${suffix}`) as Tensor,
          biasIH: made.get(`bias_ih${suffix}`) ?? null,
          biasHH: made.get(`bias_hh${suffix}`) ?? null,
        });
      }
      this.cells.push(row);
    }
  }

  /** The class name for error messages. */
  protected get name(): string {
    return this.mode === 'lstm' ? 'LSTM' : this.mode === 'gru' ? 'GRU' : 'RNN';
  }

  /** Runs every layer and direction; the subclasses' forward narrows the result type. */
  protected run(input: Tensor, opts: RecurrentForwardOptions): RecurrentOutput & { cN: Tensor | null } {
    const { name, numLayers: L, hiddenSize: H, mode } = this;
    const D = this.bidirectional ? 2 : 1;
    const unbatched = input.ndim === 2;
    if (input.ndim !== 2 && input.ndim !== 3)
      throw new Error(
        `${name}: input must be [T, B, ${this.inputSize}] (or 2-D unbatched), got ${fmtShape(input.shape)}`,
      );
    if (input.shape[input.ndim - 1] !== this.inputSize)
      throw new Error(`${name}: input shape ${fmtShape(input.shape)} does not match input_size ${this.inputSize}`);
    let x = unbatched
      ? reshape(input, [input.shape[0], 1, this.inputSize])
      : this.batchFirst
        ? transpose(input, 0, 1)
        : input;
    const T = x.shape[0];
    const B = x.shape[1];
    const state = (s: Tensor | null | undefined, label: string): Tensor | null => {
      if (s === null || s === undefined) return null;
      const want = unbatched ? [L * D, H] : [L * D, B, H];
      if (s.shape.length !== want.length || s.shape.some((v, i) => v !== want[i]))
        throw new Error(`${name}: ${label} must be ${fmtShape(want)}, got ${fmtShape(s.shape)}`);
      return unbatched ? reshape(s, [L * D, 1, H]) : s;
    };
    const h0 = state(opts.h0, 'h0');
    const c0 = state(opts.c0, 'c0');
    if (c0 !== null && mode !== 'lstm') throw new Error(`${name}: c0 is only for LSTM`);
    const lengths = this.checkLengths(opts.lengths ?? null, T, B);

    const hNs: Tensor[] = [];
    const cNs: Tensor[] = [];
    for (let l = 0; l < L; l++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < D; d++) {
        const p = this.cells[l][d];
        const xProj = linear(x, p.weightIH, p.biasIH); // W_ih x_t + b_ih for all t at once: [T, B, G·H]
        const r = recurrence(
          mode,
          xProj,
          p.weightHH,
          p.biasHH,
          h0 && select(h0, 0, l * D + d),
          c0 && select(c0, 0, l * D + d),
          {
            reverse: d === 1,
            lengths,
            trace: opts.trace?.at(l, d as 0 | 1) ?? null,
          },
        );
        outs.push(r.output);
        hNs.push(r.hN);
        if (r.cN !== null) cNs.push(r.cN);
      }
      x = D === 2 ? concat(outs, 2) : outs[0];
      if (l < L - 1 && this.dropout > 0) x = dropout(x, this.dropout, { rng: this.rng, training: this.training });
    }
    let output = x;
    // One layer and direction (the common case) needs no copy: its state, viewed as [1, B, H].
    const stackStates = (states: Tensor[]): Tensor =>
      states.length === 1 ? reshape(states[0], [1, B, H]) : stack(states, 0);
    let hN = stackStates(hNs);
    let cN = cNs.length > 0 ? stackStates(cNs) : null;
    if (unbatched) {
      output = reshape(output, [T, D * H]);
      hN = reshape(hN, [L * D, H]);
      cN = cN && reshape(cN, [L * D, H]);
    } else if (this.batchFirst) {
      output = transpose(output, 0, 1);
    }
    return { output, hN, cN };
  }

  private checkLengths(lengths: ArrayLike<number> | null, T: number, B: number): Int32Array | null {
    if (lengths === null) return null;
    if (lengths.length !== B) throw new Error(`${this.name}: ${lengths.length} lengths for a batch of ${B}`);
    const out = new Int32Array(B);
    for (let b = 0; b < B; b++) {
      const v = lengths[b];
      if (!Number.isInteger(v) || v < 1 || v > T)
        throw new Error(`${this.name}: lengths[${b}] = ${v} must be an integer in [1, ${T}]`);
      out[b] = v;
    }
    return out;
  }
}

/**
 * Elman RNN, h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) (or relu), as torch.nn.RNN.
 */
export class RNN extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, opts: RecurrentOptions & { nonlinearity?: 'tanh' | 'relu' } = {}) {
    super(opts.nonlinearity === 'relu' ? 'rnn_relu' : 'rnn_tanh', inputSize, hiddenSize, opts);
  }

  /** @param input [T, B, inputSize] ([B, T, inputSize] batchFirst, [T, inputSize] unbatched) */
  forward(input: Tensor, opts: RecurrentForwardOptions = {}): RecurrentOutput {
    const { output, hN } = this.run(input, opts);
    return { output, hN };
  }
}

/**
 * LSTM with gates i, f, g, o (torch.nn.LSTM): c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t).
 */
export class LSTM extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, opts: RecurrentOptions = {}) {
    super('lstm', inputSize, hiddenSize, opts);
  }

  /**
   * @param input [T, B, inputSize] ([B, T, inputSize] batchFirst, [T, inputSize] unbatched)
   * @returns output and h_n as RNN, and c_n [numLayers·D, B, H]
   */
  forward(input: Tensor, opts: RecurrentForwardOptions = {}): RecurrentOutput & { cN: Tensor } {
    const { output, hN, cN } = this.run(input, opts);
    return { output, hN, cN: cN as Tensor };
  }
}

/**
 * GRU with gates r, z, n (torch.nn.GRU): n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),
 * h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
 */
export class GRU extends RecurrentBase {
  constructor(inputSize: number, hiddenSize: number, opts: RecurrentOptions = {}) {
    super('gru', inputSize, hiddenSize, opts);
  }

  /** @param input [T, B, inputSize] ([B, T, inputSize] batchFirst, [T, inputSize] unbatched) */
  forward(input: Tensor, opts: RecurrentForwardOptions = {}): RecurrentOutput {
    const { output, hN } = this.run(input, opts);
    return { output, hN };
  }
}
