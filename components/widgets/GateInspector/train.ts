// How the gate-inspector's networks were made: tiny LSTMs and GRUs trained with the course's engine on the
// "remember the marked value" task (task.ts). Run once offline (writeWeights.ts); the page only runs forward passes.
import {
  Adam,
  CELL_TYPES,
  fromArray,
  GRU,
  Linear,
  LSTM,
  mseLoss,
  reshape,
  Rng,
  stateDict,
  type CellType,
  type StateDict,
} from '../../../engine';
import { encodeSteps, INPUT_SIZE, randomSequence, targets, type TargetKind } from './task';

/** hiddenSize of every network: small enough to show every unit. */
export const HIDDEN_SIZE = 4;

/** The cells the widget compares: the gated ones of the engine's cell types. */
export type CellKind = Exclude<CellType, 'rnn'>;
export const CELL_KINDS = CELL_TYPES.filter((c): c is CellKind => c !== 'rnn');

/** One trained network: a cell type and a wiring (numLayers, bidirectional). */
export interface NetworkConfig {
  cell: CellKind;
  numLayers: number;
  bidirectional: boolean;
}

/** The key of a config in weights.json, e.g. `lstm-l2` or `gru-bi`. */
export function configKey(config: NetworkConfig): string {
  return `${config.cell}-${config.bidirectional ? 'bi' : `l${config.numLayers}`}`;
}

/** Every network the widget can show: 1–3 stacked layers, and one bidirectional layer, for each cell. */
export const CONFIGS: readonly NetworkConfig[] = CELL_KINDS.flatMap((cell) => [
  { cell, numLayers: 1, bidirectional: false },
  { cell, numLayers: 2, bidirectional: false },
  { cell, numLayers: 3, bidirectional: false },
  { cell, numLayers: 1, bidirectional: true },
]);

/** A causal network reports the latest mark it has read; a bidirectional one the latest mark in the whole sequence. */
export const targetKind = (config: NetworkConfig): TargetKind =>
  config.bidirectional ? 'latest-in-sequence' : 'latest-so-far';

/** The recurrent module and its readout ŷ_t = W_y h_t + b_y (one number per step). */
export interface Network {
  rnn: LSTM | GRU;
  fc: Linear;
}

/** Build a network (float64) with PyTorch's initialisation from `seed`. */
export function buildNetwork(config: NetworkConfig, seed = 0): Network {
  const rng = new Rng(seed);
  const opts = { numLayers: config.numLayers, bidirectional: config.bidirectional, rng, dtype: 'float64' as const };
  const rnn = config.cell === 'lstm' ? new LSTM(INPUT_SIZE, HIDDEN_SIZE, opts) : new GRU(INPUT_SIZE, HIDDEN_SIZE, opts);
  const fc = new Linear((config.bidirectional ? 2 : 1) * HIDDEN_SIZE, 1, { rng, dtype: 'float64' });
  return { rnn, fc };
}

/** Set the forget-gate slices (entries H..2H) of every b_ih and b_hh of an LSTM, as the chapter's aside does in PyTorch. */
export function setForgetBias(rnn: LSTM | GRU, value: number): void {
  for (const row of rnn.cells)
    for (const p of row) for (const b of [p.biasIH, p.biasHH]) b?.data.fill(value, HIDDEN_SIZE, 2 * HIDDEN_SIZE);
}

/** Settings of a training run. */
export interface TrainOptions {
  steps: number;
  batchSize: number;
  /** Each batch's length is drawn from minLen..maxLen. */
  minLen: number;
  maxLen: number;
  lr: number;
  seed: number;
  /** LSTM only: b_if and b_hf start at this value (the chapter's tip), so that f ≈ σ(2·forgetBias) keeps memory from the start. */
  forgetBias: number;
}

export const TRAIN_DEFAULTS: TrainOptions = {
  steps: 1500,
  batchSize: 32,
  minLen: 4,
  maxLen: 24,
  lr: 0.02,
  seed: 11,
  forgetBias: 1,
};

/** A trained network's state_dicts and how training went. */
export interface TrainedNetwork {
  config: NetworkConfig;
  steps: number;
  /** Mean squared error over the last 50 steps. */
  finalLoss: number;
  rnn: StateDict;
  fc: StateDict;
}

/** Train one network with Adam on mean squared error at every step of random sequences. */
export function trainNetwork(config: NetworkConfig, options: Partial<TrainOptions> = {}): TrainedNetwork {
  const { steps, batchSize: B, minLen, maxLen, lr, seed, forgetBias } = { ...TRAIN_DEFAULTS, ...options };
  const D = config.bidirectional ? 2 : 1;
  const net = buildNetwork(config, seed);
  if (config.cell === 'lstm') setForgetBias(net.rnn, forgetBias);
  const rng = new Rng(seed + 1);
  const opt = new Adam([...net.rnn.parameters(), ...net.fc.parameters()], { lr });
  const recent: number[] = [];
  for (let step = 0; step < steps; step++) {
    const T = minLen + rng.int(maxLen - minLen + 1);
    const batch = Array.from({ length: B }, () => randomSequence(T, rng, config.bidirectional ? 1 : 2));
    const encoded = batch.map(encodeSteps);
    const wanted = batch.map((s) => targets(s, targetKind(config)));
    // Time-major [T, B, 2] inputs and [T·B, 1] targets, as the recurrent layer and the flattened readout want them.
    const x = new Float64Array(T * B * INPUT_SIZE);
    const y = new Float64Array(T * B);
    for (let t = 0; t < T; t++) {
      for (let b = 0; b < B; b++) {
        x.set(encoded[b].slice(t * INPUT_SIZE, (t + 1) * INPUT_SIZE), (t * B + b) * INPUT_SIZE);
        y[t * B + b] = wanted[b][t]!;
      }
    }
    const { output } = net.rnn.forward(fromArray(x, [T, B, INPUT_SIZE], { dtype: 'float64' }));
    const loss = mseLoss(
      net.fc.forward(reshape(output, [-1, D * HIDDEN_SIZE])),
      fromArray(y, [T * B, 1], { dtype: 'float64' }),
    );
    opt.zeroGrad();
    loss.backward();
    opt.step();
    recent.push(loss.item());
    if (recent.length > 50) recent.shift();
  }
  const finalLoss = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : NaN;
  return { config, steps, finalLoss, rnn: stateDict(net.rnn), fc: stateDict(net.fc) };
}

/** Train every network in CONFIGS, keyed by configKey. */
export function trainAll(options: Partial<TrainOptions> = {}): Record<string, TrainedNetwork> {
  return Object.fromEntries(CONFIGS.map((config) => [configKey(config), trainNetwork(config, options)]));
}
