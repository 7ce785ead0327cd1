// Hand-fused training step of min-char-rnn's model, no autodiff: h_t = tanh(Wxh x_t + bxh + Whh h_{t−1} + bhh),
// y_t = Why h_t + by, softmax cross-entropy at every step, BPTT, Adam. The ceiling for plain JS.
import type { Batch } from '../data';
import type { InitialWeights, ModelConfig } from '../model';
import { FlatAdam, type AdamOptions } from './adam';
import { flatParams, type Dtype } from './flatParams';
import { matmulAB, matmulABt, matmulAtB, transpose, type FloatArray } from './kernels';
import { softmaxCrossEntropy } from './softmaxCrossEntropy';

/**
 * Parameters, as min-char-rnn names them plus PyTorch's second bias. Wxh is stored transposed
 * (WxhT [V, H]): with a one-hot x_t, Wxh x_t is column x_t of Wxh, so row x_t of WxhT. Whh and Why
 * keep PyTorch's layout; transposed scratch copies, refreshed at the start of each step, give the
 * backward's matrix-vector products (∂L/∂h = ∂L/∂a · Whh) and the output layer their fast forms.
 */
export type CharRnnParam = 'WxhT' | 'Whh' | 'bxh' | 'bhh' | 'Why' | 'by';

/** A tanh RNN language model with every buffer allocated once. */
export class FusedCharRnn {
  readonly params: Record<CharRnnParam, FloatArray>;
  readonly grads: Record<CharRnnParam, FloatArray>;
  private readonly flatGrads: FloatArray;
  private readonly adam: FlatAdam;
  private readonly V: number;
  private readonly H: number;
  private readonly T: number;
  private readonly B: number;
  /** [(T+1)·B, H]: h_0 = 0 in the first B rows, then h_1 … h_T */
  private readonly hs: FloatArray;
  /** hsAt[t] = h_t, [B, H] views into hs */
  private readonly hsAt: FloatArray[];
  /** [T·B, V] */
  private readonly logits: FloatArray;
  private readonly dlogits: FloatArray;
  /** [T·B, H]: ∂L/∂h_t from the output layer */
  private readonly dHs: FloatArray;
  /** [T·B, H]: ∂L/∂a_t, a_t the pre-activation; dAAt[t] are [B, H] views */
  private readonly dA: FloatArray;
  private readonly dAAt: FloatArray[];
  /** [B, H]: ∂L/∂h_t arriving through h_{t+1} */
  private readonly dhNext: FloatArray;
  /** [H, H] and [H, V]: Whhᵀ and Whyᵀ, refreshed from the parameters at the start of each step */
  private readonly WhhT: FloatArray;
  private readonly WhyT: FloatArray;
  /** [H]: bxh + bhh, refreshed each step */
  private readonly bias: FloatArray;
  /** [T·B, H]: h_1 … h_T, a view into hs */
  private readonly hsOut: FloatArray;

  /**
   * @param config sizes; config.cell must be 'rnn_tanh'
   * @param weights PyTorch-layout initial weights (copied, Wxh transposed)
   */
  constructor(config: ModelConfig, weights: InitialWeights, adam: AdamOptions, dtype: Dtype = 'float32') {
    if (config.cell !== 'rnn_tanh') throw new Error(`FusedCharRnn: cell must be rnn_tanh, got ${config.cell}`);
    const { vocabSize: V, hiddenSize: H, seqLen: T, batchSize: B } = config;
    this.V = V;
    this.H = H;
    this.T = T;
    this.B = B;
    const flat = flatParams<CharRnnParam>({ WxhT: V * H, Whh: H * H, bxh: H, bhh: H, Why: V * H, by: V }, dtype);
    this.params = flat.params;
    this.grads = flat.grads;
    this.flatGrads = flat.flatGrads;
    const p = this.params;
    for (let j = 0; j < H; j++) for (let v = 0; v < V; v++) p.WxhT[v * H + j] = weights.weight_ih_l0[j * V + v];
    p.Whh.set(weights.weight_hh_l0);
    p.bxh.set(weights.bias_ih_l0);
    p.bhh.set(weights.bias_hh_l0);
    p.Why.set(weights.fc_weight);
    p.by.set(weights.fc_bias);
    this.adam = new FlatAdam(flat.flatParams, flat.flatGrads, adam);

    const Ctor = dtype === 'float64' ? Float64Array : Float32Array;
    this.hs = new Ctor((T + 1) * B * H);
    this.hsAt = Array.from({ length: T + 1 }, (_, t) => this.hs.subarray(t * B * H, (t + 1) * B * H));
    this.logits = new Ctor(T * B * V);
    this.dlogits = new Ctor(T * B * V);
    this.dHs = new Ctor(T * B * H);
    this.dA = new Ctor(T * B * H);
    this.dAAt = Array.from({ length: T }, (_, t) => this.dA.subarray(t * B * H, (t + 1) * B * H));
    this.dhNext = new Ctor(B * H);
    this.WhhT = new Ctor(H * H);
    this.WhyT = new Ctor(H * V);
    this.bias = new Ctor(H);
    this.hsOut = this.hs.subarray(B * H);
  }

  /**
   * Forward and BPTT from h_0 = 0; leaves the gradients of the mean loss in `grads`.
   * @param batch inputs and targets, [T·B] time-major
   * @returns the mean cross-entropy over all T·B predictions
   */
  forwardBackward(batch: Batch): number {
    const {
      V,
      H,
      T,
      B,
      params: p,
      grads: g,
      hs,
      hsAt,
      hsOut,
      logits,
      dlogits,
      dHs,
      dA,
      dAAt,
      dhNext,
      WhhT,
      WhyT,
      bias,
    } = this;
    const { inputs, targets } = batch;
    const TB = T * B;
    transpose(p.Whh, WhhT, H, H);
    transpose(p.Why, WhyT, V, H);
    for (let j = 0; j < H; j++) bias[j] = p.bxh[j] + p.bhh[j];

    // Forward: a_t = WxhT[x_t] + bxh + bhh + h_{t−1} Whhᵀ; h_t = tanh(a_t).
    for (let t = 0; t < T; t++) {
      const h = hsAt[t + 1];
      for (let b = 0; b < B; b++) {
        const x = inputs[t * B + b] * H;
        const row = b * H;
        for (let j = 0; j < H; j++) h[row + j] = p.WxhT[x + j] + bias[j];
      }
      matmulABt(hsAt[t], p.Whh, h, B, H, H);
      for (let k = 0; k < B * H; k++) h[k] = Math.tanh(h[k]);
    }
    // y_t = Why h_t + by for all steps in one matmul.
    for (let r = 0; r < TB; r++) logits.set(p.by, r * V);
    matmulAB(hsOut, WhyT, logits, TB, V, H);
    const loss = softmaxCrossEntropy(logits, targets, dlogits, TB, V);

    // Backward.
    this.flatGrads.fill(0);
    matmulAtB(dlogits, hsOut, g.Why, V, H, TB);
    for (let r = 0; r < TB; r++) for (let v = 0; v < V; v++) g.by[v] += dlogits[r * V + v];
    dHs.fill(0);
    matmulAB(dlogits, p.Why, dHs, TB, H, V);
    dhNext.fill(0);
    for (let t = T - 1; t >= 0; t--) {
      const h = hsAt[t + 1];
      for (let b = 0; b < B; b++) {
        const x = inputs[t * B + b] * H;
        const row = b * H;
        const o = (t * B + b) * H;
        for (let j = 0; j < H; j++) {
          const hj = h[row + j];
          // ∂L/∂a = (1 − h²) ⊙ (∂L/∂h from y_t + ∂L/∂h from h_{t+1})
          const da = (1 - hj * hj) * (dHs[o + j] + dhNext[row + j]);
          dA[o + j] = da;
          g.bxh[j] += da;
          g.WxhT[x + j] += da;
        }
      }
      if (t > 0) {
        dhNext.fill(0);
        // ∂L/∂h_{t−1} = ∂L/∂a_t · Whh, as dot products with the rows of Whhᵀ
        matmulABt(dAAt[t], WhhT, dhNext, B, H, H);
      }
    }
    g.bhh.set(g.bxh);
    // ∂L/∂Whh = Σ_t (∂L/∂a_t)ᵀ h_{t−1}, all steps in one matmul.
    matmulAtB(dA, hs, g.Whh, H, H, TB);
    return loss;
  }

  /**
   * One training step: forward, BPTT, Adam.
   * @returns the loss before the update
   */
  step(batch: Batch): number {
    const loss = this.forwardBackward(batch);
    this.adam.step();
    return loss;
  }
}
