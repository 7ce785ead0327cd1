// What a widget can see inside a recurrent layer: a trace records, per layer and direction, the
// states and gate activations of a forward pass and the gradients of the backward pass through it.
// It is opt-in (pass one to forward); without it the layers record and copy nothing extra.

import { GATES, type ForwardRecord, type GateName, type TraceSink } from '../ops/recurrentLayout';
import { allocate, fromArray, type Tensor, type DType, type TensorData } from '../tensor';
import { jacobianNorms } from './jacobian';

/**
 * The trace of one layer in one direction. Tensors are [T, B, H] indexed by time t as in the input.
 * Gradients are those of the latest backward pass through the layer (use one scalar loss).
 */
export class DirectionTrace implements TraceSink {
  /** Null until the forward pass has run. */
  forward: ForwardRecord | null = null;
  private dh: TensorData | null = null;
  private terms: TensorData | null = null;

  constructor(
    readonly layer: number,
    readonly direction: 'forward' | 'reverse',
  ) {}

  /** Called by the recurrence op at the end of its forward pass. */
  recordForward(rec: ForwardRecord): void {
    this.forward = rec;
    this.dh = null;
    this.terms = null;
  }

  /** Called by the recurrence op at the end of its backward pass; a later pass replaces an earlier one. */
  recordBackward(dh: TensorData, terms: TensorData): void {
    this.dh = dh;
    this.terms = terms;
  }

  private get fwd(): ForwardRecord {
    if (this.forward === null) throw new Error('trace: no forward pass recorded yet');
    return this.forward;
  }

  get dtype(): DType {
    return this.fwd.Hs instanceof Float64Array ? 'float64' : 'float32';
  }

  /** [T, B, H] the state h_t after step t (carried unchanged through a sequence's padded steps). */
  h(): Tensor {
    const { T, B, H, reverse, Hs } = this.fwd;
    const S = B * H;
    return fromArray(Hs.slice(reverse ? 0 : S, reverse ? T * S : (T + 1) * S), [T, B, H]);
  }

  /** [B, H] the initial state h_0 (zeros unless given). */
  h0(): Tensor {
    const { T, B, H, reverse, Hs } = this.fwd;
    const at = reverse ? T * B * H : 0;
    return fromArray(Hs.slice(at, at + B * H), [B, H]);
  }

  /** [T, B, H] the LSTM cell state c_t; throws for other modes. */
  c(): Tensor {
    const { T, B, H, reverse, Cs, mode } = this.fwd;
    if (Cs === null) throw new Error(`trace: ${mode} has no cell state`);
    const S = B * H;
    return fromArray(Cs.slice(reverse ? 0 : S, reverse ? T * S : (T + 1) * S), [T, B, H]);
  }

  /** [T, B, H] one gate's activation (i f g o for LSTM, r z n for GRU); zero at padded steps. */
  gate(name: GateName): Tensor {
    const { T, B, H, G, mode } = this.fwd;
    const names = GATES[mode];
    const g = names.indexOf(name);
    if (g < 0 || G === null)
      throw new Error(`trace: ${mode} has no gate '${name}' (it has: ${names.join(' ') || 'none'})`);
    const GH = names.length * H;
    const out = fromArray(allocate(this.dtype, T * B * H), [T, B, H]);
    for (let r = 0; r < T * B; r++) out.data.set(G.subarray(r * GH + g * H, r * GH + g * H + H), r * H);
    return out;
  }

  /** The names of the gates `gate()` accepts for this layer. */
  gateNames(): readonly GateName[] {
    return GATES[this.fwd.mode];
  }

  /** [T, B, H] ∂L/∂h_t: everything that flows into h_t, from the output at t (and the layers above) and from step t+1. */
  gradH(): Tensor {
    const { T, B, H } = this.fwd;
    if (this.dh === null) throw new Error('trace: no backward pass recorded yet');
    return fromArray(this.dh.slice(), [T, B, H]);
  }

  /**
   * [T, G·H, H] step t's term of backpropagation through time, (∂L/∂(W_hh h_{t−1}))ᵀ h_{t−1};
   * their sum over t is this pass's contribution to weight_hh's gradient.
   */
  weightHHGradTerms(): Tensor {
    const { T, H, mode } = this.fwd;
    if (this.terms === null) throw new Error('trace: no backward pass recorded yet');
    const GH = GATES[mode].length === 0 ? H : GATES[mode].length * H;
    return fromArray(this.terms.slice(), [T, GH, H]);
  }

  /**
   * Frobenius norms ‖∂h_t/∂h_k‖_F for one batch element and every k, through the whole state
   * (the LSTM's c included, the gates' dependence on h included). Entry k is 0 where h_t does not
   * depend on h_k (k after t going forward, before t in the reverse direction); entry t is √H.
   * @returns [T]
   */
  jacobianNorms(t: number, batch = 0): Float64Array {
    return jacobianNorms(this.fwd, t, batch);
  }
}

/**
 * The trace of a whole recurrent module: one DirectionTrace per layer and direction, created as
 * the module runs. Pass it as `{ trace }` to RNN/LSTM/GRU forward; read it after forward and backward.
 */
export class RecurrentTrace {
  /** [layer][direction], direction 0 forward, 1 reverse. */
  readonly layers: DirectionTrace[][] = [];

  /** The trace of a layer and direction (0 forward, 1 reverse), made on first use. */
  at(layer: number, direction: 0 | 1 = 0): DirectionTrace {
    let row = this.layers[layer];
    if (row === undefined) {
      row = [];
      this.layers[layer] = row;
    }
    let d = row[direction];
    if (d === undefined) {
      d = new DirectionTrace(layer, direction === 0 ? 'forward' : 'reverse');
      row[direction] = d;
    }
    return d;
  }
}
