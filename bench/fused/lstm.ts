// Hand-fused training step of an LSTM language model, no autodiff: gates i, f, g, o (PyTorch's
// order), a Linear to logits, cross-entropy at every step averaged, BPTT, Adam. The plain-JS ceiling.
import type { Batch } from '../data';
import type { InitialWeights, ModelConfig } from '../model';
import { FlatAdam, type AdamOptions } from './adam';
import { flatParams, type Dtype } from './flatParams';
import { matmulAB, matmulAtB, transpose, type FloatArray } from './kernels';
import { softmaxCrossEntropy } from './softmaxCrossEntropy';

/**
 * Parameters. W_ih is stored transposed (WihT [V, 4H]) because with a one-hot x_t, W_ih x_t is
 * column x_t of W_ih, so row x_t of WihT; Whh [4H, H] and Why [V, H] keep PyTorch's layout (the
 * backward's ∂L/∂h = ∂L/∂z · W_hh reads them as they are) and are transposed into scratch copies at
 * the start of each step for the forward's products, so that every matmul is an axpy-form kernel.
 */
export type LstmParam = 'WihT' | 'Whh' | 'bih' | 'bhh' | 'Why' | 'by';

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** An LSTM language model with every buffer allocated once. */
export class FusedLstm {
  readonly params: Record<LstmParam, FloatArray>;
  readonly grads: Record<LstmParam, FloatArray>;
  private readonly flatGrads: FloatArray;
  private readonly adam: FlatAdam;
  private readonly V: number;
  private readonly H: number;
  private readonly T: number;
  private readonly B: number;
  /** [(T+1)·B, H]: h_0 = 0, then h_1 … h_T; hsAt[t] are [B, H] views */
  private readonly hs: FloatArray;
  private readonly hsAt: FloatArray[];
  /** [(T+1)·B, H]: c_0 = 0, then c_1 … c_T */
  private readonly cs: FloatArray;
  /** [T·B, 4H]: activated gates i, f, g, o per row; gatesAt[t] are [B, 4H] views */
  private readonly gatesAt: FloatArray[];
  /** [T·B, H]: tanh(c_t) */
  private readonly tanhC: FloatArray;
  private readonly logits: FloatArray;
  private readonly dlogits: FloatArray;
  /** [T·B, H]: ∂L/∂h_t from the output layer */
  private readonly dHs: FloatArray;
  /** [T·B, 4H]: ∂L/∂z_t, z_t the gates' pre-activations; dZAt[t] are [B, 4H] views */
  private readonly dZ: FloatArray;
  private readonly dZAt: FloatArray[];
  /** [B, H]: ∂L/∂h_t and ∂L/∂c_t arriving from step t+1 */
  private readonly dhNext: FloatArray;
  private readonly dcNext: FloatArray;
  /** [H, 4H] and [H, V]: W_hhᵀ and W_yᵀ, refreshed from the parameters at the start of each step */
  private readonly WhhT: FloatArray;
  private readonly WhyT: FloatArray;
  /** [4H]: b_ih + b_hh, refreshed each step */
  private readonly bias: FloatArray;
  /** [T·B, H]: h_1 … h_T, a view into hs */
  private readonly hsOut: FloatArray;

  /**
   * @param config sizes; config.cell must be 'lstm'
   * @param weights PyTorch-layout initial weights (copied, W_ih transposed)
   */
  constructor(config: ModelConfig, weights: InitialWeights, adam: AdamOptions, dtype: Dtype = 'float32') {
    if (config.cell !== 'lstm') throw new Error(`FusedLstm: cell must be lstm, got ${config.cell}`);
    const { vocabSize: V, hiddenSize: H, seqLen: T, batchSize: B } = config;
    this.V = V;
    this.H = H;
    this.T = T;
    this.B = B;
    const G = 4 * H;
    const flat = flatParams<LstmParam>({ WihT: V * G, Whh: G * H, bih: G, bhh: G, Why: V * H, by: V }, dtype);
    this.params = flat.params;
    this.grads = flat.grads;
    this.flatGrads = flat.flatGrads;
    const p = this.params;
    for (let j = 0; j < G; j++) for (let v = 0; v < V; v++) p.WihT[v * G + j] = weights.weight_ih_l0[j * V + v];
    p.Whh.set(weights.weight_hh_l0);
    p.bih.set(weights.bias_ih_l0);
    p.bhh.set(weights.bias_hh_l0);
    p.Why.set(weights.fc_weight);
    p.by.set(weights.fc_bias);
    this.adam = new FlatAdam(flat.flatParams, flat.flatGrads, adam);

    const Ctor = dtype === 'float64' ? Float64Array : Float32Array;
    const rows = (buffer: FloatArray, count: number, width: number): FloatArray[] =>
      Array.from({ length: count }, (_, t) => buffer.subarray(t * B * width, (t + 1) * B * width));
    this.hs = new Ctor((T + 1) * B * H);
    this.hsAt = rows(this.hs, T + 1, H);
    this.cs = new Ctor((T + 1) * B * H);
    this.gatesAt = rows(new Ctor(T * B * G), T, G);
    this.tanhC = new Ctor(T * B * H);
    this.logits = new Ctor(T * B * V);
    this.dlogits = new Ctor(T * B * V);
    this.dHs = new Ctor(T * B * H);
    this.dZ = new Ctor(T * B * G);
    this.dZAt = rows(this.dZ, T, G);
    this.dhNext = new Ctor(B * H);
    this.dcNext = new Ctor(B * H);
    this.WhhT = new Ctor(H * G);
    this.WhyT = new Ctor(H * V);
    this.bias = new Ctor(G);
    this.hsOut = this.hs.subarray(B * H);
  }

  /**
   * Forward and BPTT from h_0 = c_0 = 0; leaves the gradients of the mean loss in `grads`.
   * @param batch inputs and targets, [T·B] time-major
   * @returns the mean cross-entropy over all T·B predictions
   */
  forwardBackward(batch: Batch): number {
    const { V, H, T, B, params: p, grads: g, hs, hsAt, hsOut, cs, gatesAt, tanhC } = this;
    const { logits, dlogits, dHs, dZ, dZAt, dhNext, dcNext, WhhT, WhyT, bias } = this;
    const { inputs, targets } = batch;
    const TB = T * B;
    const G = 4 * H;
    transpose(p.Whh, WhhT, G, H);
    transpose(p.Why, WhyT, V, H);
    for (let j = 0; j < G; j++) bias[j] = p.bih[j] + p.bhh[j];

    for (let t = 0; t < T; t++) {
      // z_t = W_ih x_t + b_ih + b_hh + h_{t−1} W_hhᵀ, all four gate blocks i, f, g, o in one product.
      const z = gatesAt[t];
      for (let b = 0; b < B; b++) {
        const x = inputs[t * B + b] * G;
        const row = b * G;
        for (let j = 0; j < G; j++) z[row + j] = p.WihT[x + j] + bias[j];
      }
      matmulAB(hsAt[t], WhhT, z, B, G, H);
      for (let b = 0; b < B; b++) {
        const row = b * G;
        const prev = (t * B + b) * H;
        const next = prev + B * H;
        for (let j = 0; j < H; j++) {
          const i = sigmoid(z[row + j]);
          const f = sigmoid(z[row + H + j]);
          const gg = Math.tanh(z[row + 2 * H + j]);
          const o = sigmoid(z[row + 3 * H + j]);
          z[row + j] = i;
          z[row + H + j] = f;
          z[row + 2 * H + j] = gg;
          z[row + 3 * H + j] = o;
          // c_t = f ⊙ c_{t−1} + i ⊙ g;  h_t = o ⊙ tanh(c_t)
          const c = f * cs[prev + j] + i * gg;
          const tc = Math.tanh(c);
          cs[next + j] = c;
          tanhC[prev + j] = tc;
          hs[next + j] = o * tc;
        }
      }
    }
    // y_t = h_t W_yᵀ + b_y for all steps in one product.
    for (let r = 0; r < TB; r++) logits.set(p.by, r * V);
    matmulAB(hsOut, WhyT, logits, TB, V, H);
    const loss = softmaxCrossEntropy(logits, targets, dlogits, TB, V);

    this.flatGrads.fill(0);
    matmulAtB(dlogits, hsOut, g.Why, V, H, TB);
    for (let r = 0; r < TB; r++) for (let v = 0; v < V; v++) g.by[v] += dlogits[r * V + v];
    dHs.fill(0);
    matmulAB(dlogits, p.Why, dHs, TB, H, V);
    dhNext.fill(0);
    dcNext.fill(0);
    for (let t = T - 1; t >= 0; t--) {
      const gates = gatesAt[t];
      const dz = dZAt[t];
      for (let b = 0; b < B; b++) {
        const row = b * G;
        const o0 = (t * B + b) * H;
        const x = inputs[t * B + b] * G;
        for (let j = 0; j < H; j++) {
          const i = gates[row + j];
          const f = gates[row + H + j];
          const gg = gates[row + 2 * H + j];
          const o = gates[row + 3 * H + j];
          const tc = tanhC[o0 + j];
          const dh = dHs[o0 + j] + dhNext[b * H + j];
          // ∂c_t = ∂c from c_{t+1} + ∂h_t ⊙ o ⊙ (1 − tanh²c_t)
          const dc = dcNext[b * H + j] + dh * o * (1 - tc * tc);
          dcNext[b * H + j] = dc * f;
          // Through each gate's nonlinearity: σ' = s(1 − s), tanh' = 1 − g².
          const dzi = dc * gg * i * (1 - i);
          const dzf = dc * cs[o0 + j] * f * (1 - f);
          const dzg = dc * i * (1 - gg * gg);
          const dzo = dh * tc * o * (1 - o);
          dz[row + j] = dzi;
          dz[row + H + j] = dzf;
          dz[row + 2 * H + j] = dzg;
          dz[row + 3 * H + j] = dzo;
        }
        for (let j = 0; j < G; j++) {
          g.bih[j] += dz[row + j];
          g.WihT[x + j] += dz[row + j];
        }
      }
      if (t > 0) {
        dhNext.fill(0);
        matmulAB(dz, p.Whh, dhNext, B, H, G);
      }
    }
    g.bhh.set(g.bih);
    // ∂L/∂W_hh = Σ_t (∂L/∂z_t)ᵀ h_{t−1}, all steps in one matmul.
    matmulAtB(dZ, hs, g.Whh, G, H, TB);
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
