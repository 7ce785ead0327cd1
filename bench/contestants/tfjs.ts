// TensorFlow.js 4.22 as a contestant, on its pure-JS CPU backend or its WASM backend (XNNPACK, SIMD,
// one thread): the same model written the way a TF.js user would, trained with tf.variableGrads and
// tf.train.adam. Input is a one-hot matmul, TF.js's fair configuration (its gather gradient is slow).
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs-core';
import type * as TfWasm from '@tensorflow/tfjs-backend-wasm';
import { require as tsxRequire } from 'tsx/cjs/api';
import { gateCount } from '../model';
import type { Contestant, ContestantId, TrainerSetup, Trainer, Unavailable } from './types';

type Tf = typeof tfTypes;
export type TfjsBackend = 'cpu' | 'wasm';

let tfLoaded: Promise<Tf> | undefined;
const backendsReady = new Map<TfjsBackend, Promise<void>>();

/** Loads tfjs-core with both backends once; the WASM binaries come from inside node_modules. */
function loadTf(): Promise<Tf> {
  tfLoaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const tf = require('@tensorflow/tfjs-core') as Tf;
    // tfjs-core's Node bundle registers no gradients (the `@tensorflow/tfjs` union package adds
    // them). Its ES-module sources do, but import extensionless paths that only tsx's loader
    // resolves (also under vitest); they register into tfjs-core's process-global registry,
    // where the Node bundle's engine finds them.
    tsxRequire('@tensorflow/tfjs-core/dist/register_all_gradients', import.meta.url);
    require('@tensorflow/tfjs-backend-cpu');
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof TfWasm;
    const dist =
      path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
    wasm.setWasmPaths(dist);
    // One thread, as the issue asks; Node offers no SharedArrayBuffer workers here anyway.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tf.enableProdMode();
    return tf;
  })();
  return tfLoaded;
}

async function useBackend(tf: Tf, backend: TfjsBackend): Promise<void> {
  if (!backendsReady.has(backend)) {
    backendsReady.set(
      backend,
      (async () => {
        if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
        // The CPU backend's first write prints an advert for tfjs-node; spend it on a scalar, quietly.
        const warn = console.warn;
        console.warn = () => {};
        tf.scalar(0).dispose();
        console.warn = warn;
      })(),
    );
  }
  await backendsReady.get(backend);
  await tf.setBackend(backend);
}

/**
 * A TF.js trainer: weights kept as [in, out] variables (TF.js's layout), forward unrolled in a
 * loop over time, mean cross-entropy via logSoftmax, gradients by tf.variableGrads.
 */
function makeTrainer(tf: Tf, backend: TfjsBackend, { model, weights, adam }: TrainerSetup): Trainer {
  const { vocabSize: V, hiddenSize: H, seqLen: T, batchSize: B, cell } = model;
  const G = gateCount(cell) * H;
  const fromTorch = (data: Float32Array, rows: number, cols: number) =>
    tf.tidy(() => tf.transpose(tf.tensor2d(data, [rows, cols])));
  const WihT = tf.variable(fromTorch(weights.weight_ih_l0, G, V));
  const WhhT = tf.variable(fromTorch(weights.weight_hh_l0, G, H));
  const bih = tf.variable(tf.tensor1d(weights.bias_ih_l0));
  const bhh = tf.variable(tf.tensor1d(weights.bias_hh_l0));
  const WyT = tf.variable(fromTorch(weights.fc_weight, V, H));
  const by = tf.variable(tf.tensor1d(weights.fc_bias));
  const varList = [WihT, WhhT, bih, bhh, WyT, by];
  const optimizer = tf.train.adam(adam.lr, adam.betas[0], adam.betas[1], adam.eps);

  const lossOf = (x: tfTypes.Tensor2D, y: tfTypes.Tensor2D): tfTypes.Scalar => {
    const xW = tf.matMul(x, WihT); // [T·B, G]: every step's input term in one matmul
    const xs = tf.split(xW, T, 0);
    const b = tf.add(bih, bhh);
    let h: tfTypes.Tensor2D = tf.zeros([B, H]);
    let c: tfTypes.Tensor2D = tf.zeros([B, H]);
    const hs: tfTypes.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      const z = tf.add<tfTypes.Tensor2D>(tf.add(xs[t], tf.matMul(h, WhhT)), b);
      if (cell === 'lstm') {
        const [i, f, g, o] = tf.split(z, 4, 1);
        c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
        h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      } else {
        h = tf.tanh(z);
      }
      hs.push(h);
    }
    const logits = tf.add(tf.matMul(tf.concat(hs, 0), WyT), by);
    return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as tfTypes.Scalar;
  };

  return {
    activate: () => void tf.setBackend(backend),
    step(batch) {
      const x = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(batch.inputs, 'int32'), V), 'float32')) as tfTypes.Tensor2D;
      const y = tf.tidy(() =>
        tf.cast(tf.oneHot(tf.tensor1d(batch.targets, 'int32'), V), 'float32'),
      ) as tfTypes.Tensor2D;
      const { value, grads } = tf.variableGrads(() => lossOf(x, y), varList);
      // variableGrads keys its map by variable name, which is what applyGradients looks up.
      optimizer.applyGradients(grads as Parameters<typeof optimizer.applyGradients>[0]);
      const loss = value.dataSync()[0];
      tf.dispose([x, y, value, ...Object.values(grads)]);
      return loss;
    },
    dispose() {
      tf.dispose(varList);
      optimizer.dispose();
    },
  };
}

function tfjsContestant(id: ContestantId, backend: TfjsBackend, label: string): Contestant {
  return {
    id,
    label,
    async create(setup): Promise<Trainer | Unavailable> {
      let tf: Tf;
      try {
        tf = await loadTf();
        await useBackend(tf, backend);
      } catch (error) {
        return { unavailable: `TF.js ${backend} backend failed to load: ${(error as Error).message}` };
      }
      return makeTrainer(tf, backend, setup);
    },
  };
}

export const tfjsCpu = tfjsContestant('tfjs_cpu', 'cpu', 'TF.js 4.22 CPU backend');
export const tfjsWasm = tfjsContestant('tfjs_wasm', 'wasm', 'TF.js 4.22 WASM backend (SIMD, 1 thread)');

/** Live tensors in TF.js's engine, to show that a step leaks none. */
export async function tfjsTensorCount(): Promise<number> {
  return (await loadTf()).memory().numTensors;
}
