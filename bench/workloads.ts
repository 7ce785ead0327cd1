// The registry of benchmark workloads: what is trained, how long to warm up and time it, and the
// issue's speed targets for our engine. Add a workload by adding an entry.
import type { ContestantId } from './contestants/types';
import type { AdamOptions } from './fused/adam';
import type { ModelConfig } from './model';

export type WorkloadId = 'rnn' | 'lstm';

/** A target: engine at least `minSpeedup` × faster than `versus` (below 1: at most 1/minSpeedup × slower). */
export interface SpeedTarget {
  versus: ContestantId;
  minSpeedup: number;
  text: string;
}

/** A step-time workload: every contestant trains the same model from the same weights on the same batches. */
export interface Workload {
  id: WorkloadId;
  title: string;
  model: ModelConfig;
  adam: AdamOptions;
  /** Contestants in this workload, in the order of its BENCH entry. */
  contestants: ContestantId[];
  /** Untimed steps per contestant before timing, for the JIT. */
  warmup: { full: number; quick: number };
  /** Timed rounds; each round times one step of every contestant, in rotating order. */
  rounds: { full: number; quick: number };
  targets: SpeedTarget[];
}

const adam: AdamOptions = { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8 };

export const workloads: Workload[] = [
  {
    id: 'rnn',
    title: 'char RNN (min-char-rnn): vocab 65, hidden 128, seq 25, batch 1',
    model: { cell: 'rnn_tanh', vocabSize: 65, hiddenSize: 128, seqLen: 25, batchSize: 1 },
    adam,
    contestants: ['engine', 'engine_js', 'fused', 'tfjs_cpu', 'tfjs_wasm', 'recurrent_js'],
    warmup: { full: 30, quick: 10 },
    rounds: { full: 200, quick: 40 },
    targets: [
      { versus: 'tfjs_cpu', minSpeedup: 8, text: 'at least 8× faster than TF.js CPU' },
      { versus: 'tfjs_wasm', minSpeedup: 2, text: 'at least 2× faster than TF.js WASM' },
      { versus: 'recurrent_js', minSpeedup: 1, text: 'faster than recurrent-js' },
      { versus: 'fused', minSpeedup: 1.5, text: 'at least 1.5× faster than the fused JS loop (issue 14)' },
    ],
  },
  {
    id: 'lstm',
    title: 'LSTM: vocab 65, hidden 128, seq 50, batch 32',
    model: { cell: 'lstm', vocabSize: 65, hiddenSize: 128, seqLen: 50, batchSize: 32 },
    adam,
    contestants: ['engine', 'engine_js', 'fused', 'tfjs_cpu', 'tfjs_wasm'],
    warmup: { full: 4, quick: 2 },
    rounds: { full: 16, quick: 4 },
    targets: [
      { versus: 'tfjs_cpu', minSpeedup: 5, text: 'at least 5× faster than TF.js CPU' },
      { versus: 'tfjs_wasm', minSpeedup: 8, text: 'at least 8× faster than TF.js WASM (issue 14)' },
      { versus: 'fused', minSpeedup: 2.5, text: 'at least 2.5× faster than the fused JS loop (issue 14)' },
    ],
  },
];

/**
 * Floating-point operations of one training step, counting the dense products only (2 per
 * multiply-add): for each of the recurrent product, ∂L/∂h and ∂L/∂W_hh, T·B·G·H·H; for each of the
 * output layer's three products, T·B·H·V. The one-hot input projection is a lookup and not counted.
 * LSTM V65 H128 T50 B32: 709 MFLOP; char RNN V65 H128 T25 B1: 3.7 MFLOP.
 */
export function flopsPerStep(model: ModelConfig): number {
  const { vocabSize: V, hiddenSize: H, seqLen: T, batchSize: B } = model;
  const G = model.cell === 'lstm' ? 4 : 1;
  return 2 * 3 * T * B * (G * H * H + H * V);
}
