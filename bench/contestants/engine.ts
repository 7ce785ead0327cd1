// Our engine as a contestant, used as a reader of the course would use it: nn.RNN / nn.LSTM on
// one-hot input [T, B, V], a Linear to logits, crossEntropy (mean), Adam, all from engine/index.ts.
import { Adam, crossEntropy, Linear, LSTM, reshape, RNN, Tensor } from '../../engine/index';
import type { InitialWeights } from '../model';
import type { Contestant } from './types';

/** Copies the shared initial weights into the engine's parameters, by PyTorch state_dict name. */
function loadWeights(named: Map<string, Tensor>, weights: InitialWeights): void {
  const source: Record<string, Float32Array> = {
    weight_ih_l0: weights.weight_ih_l0,
    weight_hh_l0: weights.weight_hh_l0,
    bias_ih_l0: weights.bias_ih_l0,
    bias_hh_l0: weights.bias_hh_l0,
    'fc.weight': weights.fc_weight,
    'fc.bias': weights.fc_bias,
  };
  for (const [name, data] of Object.entries(source)) {
    const p = named.get(name);
    if (!p || p.size !== data.length)
      throw new Error(`engine contestant: parameter ${name} missing or of size ${p?.size}, want ${data.length}`);
    p.data.set(data);
  }
}

export const engine: Contestant = {
  id: 'engine',
  label: 'our engine (engine/index.ts)',
  async create({ model, weights, adam }) {
    const { vocabSize: V, hiddenSize: H, seqLen: T, batchSize: B } = model;
    const rnn = model.cell === 'lstm' ? new LSTM(V, H) : new RNN(V, H, { nonlinearity: 'tanh' });
    const fc = new Linear(H, V);
    const named = new Map(rnn.namedParameters());
    for (const [name, p] of fc.namedParameters()) named.set(`fc.${name}`, p);
    loadWeights(named, weights);
    const optimizer = new Adam([...rnn.parameters(), ...fc.parameters()], {
      lr: adam.lr,
      betas: adam.betas,
      eps: adam.eps,
    });
    // The one-hot input, rewritten in place each step (data preparation, as TF.js's tf.oneHot).
    const x = new Tensor(new Float32Array(T * B * V), [T, B, V]);

    return {
      step({ inputs, targets }) {
        x.data.fill(0);
        for (let r = 0; r < T * B; r++) x.data[r * V + inputs[r]] = 1;
        const { output } = rnn.forward(x); // [T, B, H]
        const logits = fc.forward(reshape(output, [T * B, H]));
        const loss = crossEntropy(logits, targets);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return loss.item();
      },
      dispose: () => {},
    };
  },
};
