// The char model's settings: their type, the defaults the course's widget, the worker and the bench all run,
// the bounds, and the parser that checks an untrusted config against them. No model code, so the page can import it.
import { BASE_BOUNDS, MODEL_BOUNDS, parseConfig, type ConfigBounds, type ConfigResult } from '../config';
import type { BaseTaskConfig, RecurrentModelConfig } from '../task';

/** Settings of the char model; an absent optional setting takes its value from CHAR_MODEL_DEFAULTS. */
export interface CharModelConfig extends BaseTaskConfig, RecurrentModelConfig {
  task: 'char-model';
  /** 0: one-hot characters; otherwise an Embedding of this size. */
  embeddingDim?: number;
  /** Truncated-BPTT length: characters per chunk; the gradient stops at chunk boundaries, the state does not. */
  seqLen: number;
  /** Parallel streams (columns of `batchify`). */
  batchSize: number;
  /** Share of the text held out at its end for validation. */
  validationFraction?: number;
  /** Characters of the validation text each evaluation reads, from its start (all of it if it is shorter). */
  evalChars?: number;
}

/**
 * The char model as chapter 10's widget trains it, and so as the bench times it: a one-hot GRU of 128 units,
 * 32-character chunks from 16 places in the book at once, Adam 3e-3, clipping at 5 as Karpathy's char-rnn,
 * 2,000 steps with an evaluation on the first 5,000 held-out characters every 100. Chapter 10 quotes this
 * run's end (validation loss about 1.66 nats per character against the unigram model's 3.03); the bench's
 * time to a loss below 2 is in bench/README.md.
 */
export const CHAR_MODEL_DEFAULTS: Readonly<Required<CharModelConfig>> = {
  task: 'char-model',
  seed: 1,
  cell: 'gru',
  hiddenSize: 128,
  numLayers: 1,
  dropout: 0,
  nonlinearity: 'tanh',
  embeddingDim: 0,
  seqLen: 32,
  batchSize: 16,
  learningRate: 3e-3,
  optimizer: 'adam',
  clip: 5,
  maxSteps: 2000,
  evalEvery: 100,
  patience: 0,
  momentum: 0,
  restoreBest: false,
  trainFraction: 1,
  validationFraction: 0.1,
  evalChars: 5000,
};

/**
 * What each setting may be. The upper ends keep a model within a browser tab's memory and a step within
 * seconds; they are not advice (the widget offers a narrower range, see its state table).
 */
export const CHAR_MODEL_BOUNDS = {
  ...BASE_BOUNDS,
  ...MODEL_BOUNDS,
  embeddingDim: { kind: 'int', min: 0, max: 1024, optional: true },
  seqLen: { kind: 'int', min: 1, max: 1000 },
  batchSize: { kind: 'int', min: 1, max: 256 },
  validationFraction: { kind: 'number', min: 0, max: 1, above: true, below: true, optional: true },
  evalChars: { kind: 'int', min: 1, max: Infinity, optional: true },
} as const satisfies ConfigBounds<CharModelConfig>;

/**
 * Checks an untrusted value (a worker message's config, a hand-written object) against CHAR_MODEL_BOUNDS.
 * @returns the config, or `{ ok: false, field, error }` with a sentence naming the setting
 */
export function parseCharModelConfig(raw: unknown): ConfigResult<CharModelConfig> {
  return parseConfig<CharModelConfig>('char-model', CHAR_MODEL_BOUNDS, raw);
}
