// Our engine as a contestant, used as a reader of the course would use it: nn.RNN / nn.LSTM on
// one-hot input [T, B, V], a Linear to logits, crossEntropy (mean), Adam, all from engine/index.ts.
// Twice: `engine` on the float32 kernels the runtime gets (WebAssembly SIMD when it loads, as in the
// worker), `engine_js` on the JS kernels; each switches the process's float32 table before its steps.
import { Adam, crossEntropy, Linear, LSTM, reshape, RNN, Tensor } from '../../engine/index';
import { setWasmKernelsEnabled } from '../../engine/kernels/index';
import { loadWasmKernels } from '../../engine/kernels/wasm/load';
import type { InitialWeights } from '../model';
import type { Contestant, Trainer, TrainerSetup } from './types';

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

/** The engine's trainer for a workload; `activate` selects its kernels before each step. */
function engineTrainer({ model, weights, adam }: TrainerSetup, wasm: boolean): Trainer {
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
    activate: () => void setWasmKernelsEnabled(wasm),
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
}

export const engine: Contestant = {
  id: 'engine',
  label: 'our engine (engine/index.ts) on the float32 kernels the worker gets (WebAssembly SIMD where it loads)',
  async create(setup) {
    await loadWasmKernels(); // once per process; the bench's header line says what it chose
    return engineTrainer(setup, true);
  },
};

export const engineJs: Contestant = {
  id: 'engine_js',
  label: 'our engine (engine/index.ts) on the JS float32 kernels (WebAssembly switched off)',
  create: (setup) => Promise.resolve(engineTrainer(setup, false)),
};
