// recurrent-js 1.7 as a contestant on the char RNN: the tanh RNN built from its own expression
// graph (Graph, Mat, rowPluck as its embedding lookup) the way karpathy's recurrentjs demo does,
// softmax gradient seeded by hand as that demo does, then Adam over its Mats.
import { Graph, Mat } from 'recurrent-js';
import type { AdamOptions } from '../fused/adam';
import type { Contestant } from './types';

/**
 * Adam with PyTorch's rule over a recurrent-js Mat, kept apart from the fused FlatAdam so that
 * the fused loop's kernel only ever sees Float32Array (Mats are Float64Array).
 */
class MatAdam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(
    private readonly mat: Mat,
    private readonly options: AdamOptions,
  ) {
    this.m = new Float64Array(mat.w.length);
    this.v = new Float64Array(mat.w.length);
  }

  /** One update from mat.dw, then zeroes mat.dw for the next step. */
  step(): void {
    const { lr, betas, eps } = this.options;
    const [beta1, beta2] = betas;
    this.t += 1;
    const stepSize = lr / (1 - beta1 ** this.t);
    const bias2Sqrt = Math.sqrt(1 - beta2 ** this.t);
    const { w, dw } = this.mat;
    const { m, v } = this;
    for (let i = 0; i < w.length; i++) {
      const g = dw[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      w[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) / bias2Sqrt + eps);
      dw[i] = 0;
    }
  }
}

function matFrom(rows: number, cols: number, data: ArrayLike<number>): Mat {
  const mat = new Mat(rows, cols);
  mat.setFrom(Array.from(data));
  return mat;
}

export const recurrentJs: Contestant = {
  id: 'recurrent_js',
  label: 'recurrent-js 1.7 (Graph + Mat)',
  async create({ model, weights, adam }) {
    if (model.cell !== 'rnn_tanh' || model.batchSize !== 1) {
      return { unavailable: 'recurrent-js runs column vectors only (batch 1); the bench uses it on the char RNN' };
    }
    const { vocabSize: V, hiddenSize: H, seqLen: T } = model;
    // WxhT [V, H]: rowPluck(WxhT, x) is Wxh's column x, i.e. Wxh times one-hot x.
    const WxhT = new Mat(V, H);
    for (let j = 0; j < H; j++) for (let v = 0; v < V; v++) WxhT.w[v * H + j] = weights.weight_ih_l0[j * V + v];
    const Whh = matFrom(H, H, weights.weight_hh_l0);
    const bxh = matFrom(H, 1, weights.bias_ih_l0);
    const bhh = matFrom(H, 1, weights.bias_hh_l0);
    const Why = matFrom(V, H, weights.fc_weight);
    const by = matFrom(V, 1, weights.fc_bias);
    const optimizers = [WxhT, Whh, bxh, bhh, Why, by].map((mat) => new MatAdam(mat, adam));
    const graph = new Graph();
    graph.memorizeOperationSequence(true);

    return {
      step({ inputs, targets }) {
        let h = new Mat(H, 1);
        let loss = 0;
        for (let t = 0; t < T; t++) {
          // h_t = tanh(Wxh x_t + Whh h_{t−1} + bxh + bhh);  y_t = Why h_t + by
          const a = graph.add(graph.add(graph.add(graph.rowPluck(WxhT, inputs[t]), graph.mul(Whh, h)), bxh), bhh);
          h = graph.tanh(a);
          const logits = graph.add(graph.mul(Why, h), by);
          let max = -Infinity;
          for (let v = 0; v < V; v++) max = Math.max(max, logits.w[v]);
          let sum = 0;
          for (let v = 0; v < V; v++) sum += Math.exp(logits.w[v] - max);
          const target = targets[t];
          loss += Math.log(sum) - (logits.w[target] - max);
          // ∂(mean loss)/∂logits = (softmax − onehot) / T, seeded before the graph runs backward.
          for (let v = 0; v < V; v++) logits.dw[v] = Math.exp(logits.w[v] - max) / sum / T;
          logits.dw[target] -= 1 / T;
        }
        graph.backward();
        graph.forgetCurrentSequence();
        for (const optimizer of optimizers) optimizer.step();
        return loss / T;
      },
      dispose: () => {},
    };
  },
};
