// RNNCell, LSTMCell and GRUCell: one time step of a recurrent layer, with torch.nn's names, parameter
// shapes, initialisation and call signatures. A step is the layers' own computation for T = 1: one
// `linear` (W_ih x + b_ih), then the `recurrence` op, so the gate equations and their backward are shared.

import { linear } from '../ops/matmul';
import { gateCount, recurrence, type RecurrentMode } from '../ops/recurrence';
import { reshape } from '../ops/shape';
import { Rng } from '../random';
import { fmtShape, uniform, type Tensor } from '../tensor';
import type { InitOptions } from './linear';
import { Module } from './module';

/** Constructor options, as torch.nn.RNNCell / LSTMCell / GRUCell. */
export interface CellOptions extends InitOptions {
  /** Whether bias_ih and bias_hh exist. Default true. */
  bias?: boolean;
}

/** Shared machinery of the cells (torch.nn.RNNCellBase). */
export abstract class CellBase extends Module {
  readonly bias: boolean;
  /** [G·H, inputSize], gate blocks in PyTorch's order (G = gateCount(mode)) */
  readonly weightIH: Tensor;
  /** [G·H, H] */
  readonly weightHH: Tensor;
  /** [G·H], or null with `bias: false` */
  readonly biasIH: Tensor | null;
  /** [G·H], or null with `bias: false` */
  readonly biasHH: Tensor | null;

  /** Parameters `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`, each U(−1/√H, 1/√H), drawn in that order as PyTorch does. */
  constructor(
    readonly mode: RecurrentMode,
    readonly inputSize: number,
    readonly hiddenSize: number,
    opts: CellOptions = {},
  ) {
    super();
    this.bias = opts.bias ?? true;
    const rng = opts.rng ?? new Rng(0);
    const GH = gateCount(mode) * hiddenSize;
    const bound = 1 / Math.sqrt(hiddenSize);
    const param = (name: string, shape: number[]): Tensor =>
      this.registerParameter(name, uniform(shape, -bound, bound, rng, { dtype: opts.dtype }));
    this.weightIH = param('weight_ih', [GH, inputSize]);
    this.weightHH = param('weight_hh', [GH, hiddenSize]);
    this.biasIH = this.bias ? param('bias_ih', [GH]) : null;
    this.biasHH = this.bias ? param('bias_hh', [GH]) : null;
  }

  /** The class name for error messages. */
  protected get name(): string {
    return this.mode === 'lstm' ? 'LSTMCell' : this.mode === 'gru' ? 'GRUCell' : 'RNNCell';
  }

  /**
   * One step from state h (and c for the LSTM); zeros where a state is null.
   * @param input [B, inputSize], or [inputSize] unbatched
   * @param h [B, H] ([H] unbatched) or null
   * @param c [B, H] ([H] unbatched) or null; LSTM only
   * @returns h' and, for the LSTM, c' (null otherwise), in the input's batching
   */
  protected step(input: Tensor, h: Tensor | null, c: Tensor | null): { h: Tensor; c: Tensor | null } {
    const { name, inputSize: I, hiddenSize: H } = this;
    if ((input.ndim !== 1 && input.ndim !== 2) || input.shape[input.ndim - 1] !== I)
      throw new Error(`${name}: input must be [B, ${I}] (or [${I}] unbatched), got ${fmtShape(input.shape)}`);
    const unbatched = input.ndim === 1;
    const B = unbatched ? 1 : input.shape[0];
    const state = (s: Tensor | null, label: string): Tensor | null => {
      if (s === null) return null;
      const want = unbatched ? [H] : [B, H];
      if (s.ndim !== want.length || s.shape.some((v, i) => v !== want[i]))
        throw new Error(
          `${name}: ${label} must be ${fmtShape(want)} for input ${fmtShape(input.shape)}, got ${fmtShape(s.shape)}`,
        );
      return unbatched ? reshape(s, [1, H]) : s;
    };
    const h0 = state(h, 'hx');
    const c0 = state(c, 'cx');
    // W_ih x + b_ih as a one-step sequence [1, B, G·H], then the recurrent half of the step.
    const xProj = reshape(linear(input, this.weightIH, this.biasIH), [1, B, gateCount(this.mode) * H]);
    const r = recurrence(this.mode, xProj, this.weightHH, this.biasHH, h0, c0);
    return unbatched ? { h: reshape(r.hN, [H]), c: r.cN && reshape(r.cN, [H]) } : { h: r.hN, c: r.cN };
  }
}

/** h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu), as torch.nn.RNNCell. */
export class RNNCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, opts: CellOptions & { nonlinearity?: 'tanh' | 'relu' } = {}) {
    super(opts.nonlinearity === 'relu' ? 'rnn_relu' : 'rnn_tanh', inputSize, hiddenSize, opts);
  }

  /**
   * @param input [B, inputSize] ([inputSize] unbatched)
   * @param hx [B, H] ([H] unbatched); zeros when omitted
   * @returns h' [B, H] ([H] unbatched)
   */
  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    return this.step(input, hx, null).h;
  }
}

/**
 * One LSTM step with gates i, f, g, o (torch.nn.LSTMCell): c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c').
 */
export class LSTMCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, opts: CellOptions = {}) {
    super('lstm', inputSize, hiddenSize, opts);
  }

  /**
   * @param input [B, inputSize] ([inputSize] unbatched)
   * @param hx the pair (h, c), each [B, H] ([H] unbatched); zeros when omitted
   * @returns the pair (h', c'), each [B, H] ([H] unbatched)
   */
  forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    const { h, c } = this.step(input, hx?.[0] ?? null, hx?.[1] ?? null);
    return [h, c as Tensor];
  }
}

/**
 * One GRU step with gates r, z, n (torch.nn.GRUCell): n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),
 * h' = (1 − z) ⊙ n + z ⊙ h.
 */
export class GRUCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, opts: CellOptions = {}) {
    super('gru', inputSize, hiddenSize, opts);
  }

  /**
   * @param input [B, inputSize] ([inputSize] unbatched)
   * @param hx [B, H] ([H] unbatched); zeros when omitted
   * @returns h' [B, H] ([H] unbatched)
   */
  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    return this.step(input, hx, null).h;
  }
}
