// What the tuning lab can search on: the character model on Moby-Dick (the outline's space, a small budget per
// trial) and chapter 8's counting task, which overfits 200 sequences. For each: the worker config of a trial, its
// data, the metric beside the validation loss, its parameter count, and a cost model for the time estimate.
import { CHAR_MODEL_DEFAULTS, type CharModelConfig } from '../../../engine/train/tasks/charModelConfig';
import type { TaskConfig } from '../../../engine/train/tasks/configs';
import type { SyntheticConfig } from '../../../engine/train/tasks/syntheticConfig';
import type { DataSource } from '../../lib/trainerClient';
import type { TrialSettings } from './search';

export const LAB_TASKS = ['char-model', 'count'] as const;
export type LabTask = (typeof LAB_TASKS)[number];

/** Gates per cell: the rows of W_ih and W_hh are gates × hidden. */
const GATES: Record<TrialSettings['cell'], number> = { rnn: 1, gru: 3, lstm: 4 };

/** The characters of the normalised Moby-Dick (the char model's vocabulary and output size). */
const CHAR_VOCAB = 75;

/** The counting task as chapter 8's PyTorch script sets it up (scripts/torch/chapter8_overfitting_run.py). */
export const COUNT_SETUP = {
  length: 30,
  symbols: 50,
  train: 200,
  validation: 500,
  batch: 32,
  /** Whole batches per pass over the 200 training sequences (the last 8 wait for the next shuffle). */
  stepsPerEpoch: 6,
} as const;

/** One task as the lab offers it. */
export interface LabTaskInfo {
  id: LabTask;
  /** In a sentence: "the character model on Moby-Dick". */
  name: string;
  /** The metric shown beside the validation loss, and how to write it. */
  metric: { key: string; label: string; format: (x: number) => string };
  /** Steps per trial and evaluation interval a search starts with. */
  defaults: { steps: number; evalEvery: number };
  /** The worker config of one trial. */
  config(settings: TrialSettings, steps: number, evalEvery: number, seed: number): TaskConfig;
  /** The trial's data; `base` is the site's base path, `href` the page's address. */
  data(base: string, href: string): DataSource;
}

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * The absolute URL of a site data file, from its path under the base (`data/moby-dick.txt`): a worker resolves relative
 * URLs against its own script, so the page does. Callers spell the path out whole, because the one-file build carries
 * the data files whose `data/<file>` path the widget's code mentions.
 */
export function siteDataUrl(base: string, href: string, path: string): string {
  return new URL(`${base.endsWith('/') ? base : `${base}/`}${path}`, href).href;
}

export const TASK_INFO: Record<LabTask, LabTaskInfo> = {
  'char-model': {
    id: 'char-model',
    name: 'the character model on Moby-Dick',
    metric: { key: 'perplexity', label: 'perplexity', format: (x) => x.toFixed(2) },
    defaults: { steps: 100, evalEvery: 25 },
    config: (s, steps, evalEvery, seed): CharModelConfig => ({
      ...CHAR_MODEL_DEFAULTS,
      seed,
      cell: s.cell,
      hiddenSize: s.hidden,
      numLayers: s.layers,
      learningRate: s.lr,
      maxSteps: steps,
      evalEvery,
      // Each evaluation reads 2,000 held-out characters: enough to rank trials, and a 3-layer LSTM of 256 units
      // evaluates in a few seconds rather than the 5,000 characters' seven (measured at load 13 on 2 cores).
      evalChars: 2000,
    }),
    data: (base, href) => ({ kind: 'url', url: siteDataUrl(base, href, 'data/moby-dick.txt') }),
  },
  count: {
    id: 'count',
    name: 'counting: is symbol 3 more frequent than symbol 7?',
    metric: { key: 'accuracy', label: 'accuracy', format: percent },
    defaults: { steps: 30 * COUNT_SETUP.stepsPerEpoch, evalEvery: COUNT_SETUP.stepsPerEpoch },
    config: (s, steps, evalEvery, seed): SyntheticConfig => ({
      task: 'synthetic',
      problem: 'count',
      seed,
      delay: COUNT_SETUP.length,
      numSymbols: COUNT_SETUP.symbols,
      trainCount: COUNT_SETUP.train,
      validationCount: COUNT_SETUP.validation,
      batchSize: COUNT_SETUP.batch,
      cell: s.cell,
      hiddenSize: s.hidden,
      numLayers: s.layers,
      learningRate: s.lr,
      optimizer: 'adam',
      // As the PyTorch script: no clipping, PyTorch's initialisation (no forget-gate bias).
      clip: 0,
      maxSteps: steps,
      evalEvery,
      patience: 0,
    }),
    data: () => ({ kind: 'none' }),
  },
};

/** Multiply-adds of the recurrent layers and the head for one step of one sequence (the input is one-hot: a lookup). */
function macsPerToken(settings: TrialSettings, outputs: number): number {
  const GH = GATES[settings.cell] * settings.hidden;
  let macs = GH; // the one-hot input picks a column of W_ih
  for (let l = 0; l < settings.layers; l++) macs += GH * settings.hidden + (l > 0 ? GH * settings.hidden : 0);
  return macs + settings.hidden * outputs;
}

/**
 * A trial's work in multiply-adds: its training steps (forward and backward, about three forwards) and its
 * evaluations. Only the ratios matter: the runner turns it into time with this device's measured pace.
 */
export function trialCost(task: LabTask, settings: TrialSettings, steps: number, evalEvery: number): number {
  const evaluations = Math.floor(steps / evalEvery) + (steps % evalEvery === 0 ? 0 : 1);
  if (task === 'char-model') {
    const perToken = macsPerToken(settings, CHAR_VOCAB);
    const D = CHAR_MODEL_DEFAULTS;
    return steps * 3 * D.seqLen * D.batchSize * perToken + evaluations * 2000 * perToken;
  }
  const perToken = macsPerToken(settings, 0);
  const { length, batch, train, validation } = COUNT_SETUP;
  return steps * 3 * batch * length * perToken + evaluations * (train + validation) * length * perToken;
}

/**
 * Trainable parameters of a trial's model, by the chapter's formula: per layer G·H·(input + H) weights and 2·G·H
 * biases (PyTorch keeps b_ih and b_hh), then the Linear head H·outputs + outputs.
 */
export function parameterCount(task: LabTask, settings: TrialSettings): number {
  const input = task === 'char-model' ? CHAR_VOCAB : COUNT_SETUP.symbols;
  const outputs = task === 'char-model' ? CHAR_VOCAB : 2;
  const G = GATES[settings.cell];
  const H = settings.hidden;
  let n = 0;
  for (let l = 0; l < settings.layers; l++) n += G * H * ((l === 0 ? input : H) + H) + 2 * G * H;
  return n + H * outputs + outputs;
}
