// The sentiment classifier's settings: their type, the defaults the worker and the bench run, the bounds, and
// the parser that checks an untrusted config against them. No model code, so the page can import it.
import { BASE_BOUNDS, MODEL_BOUNDS, parseConfig, type ConfigBounds, type ConfigResult } from '../config';
import type { BaseTaskConfig, RecurrentModelConfig } from '../task';

/** Settings of the sentiment classifier; an absent optional setting takes its value from SENTIMENT_DEFAULTS. */
export interface SentimentConfig extends BaseTaskConfig, RecurrentModelConfig {
  task: 'sentiment';
  embeddingDim: number;
  batchSize: number;
  /** Tokens kept from the start of a long review. */
  maxLen?: number;
  /** Tokens seen fewer times in training map to <unk>. */
  minFreq?: number;
  /** Largest vocabulary including <unk> and <pad>. */
  maxVocab?: number;
  /** The reader's data only: shares held out for validation and test. */
  validationFraction?: number;
  testFraction?: number;
}

/**
 * Defaults that beat the bag-of-words baselines on the corpus's negation sentences: Embedding(32) →
 * LSTM(64) → Linear, batches of 32, Adam 5e-3, clipping at 1, reviews cut at 400 tokens and a vocabulary
 * of at most 25,002 as the outline; the reader's own reviews split 70/15/15.
 */
export const SENTIMENT_DEFAULTS: Readonly<Required<SentimentConfig>> = {
  task: 'sentiment',
  seed: 1,
  cell: 'lstm',
  embeddingDim: 32,
  hiddenSize: 64,
  numLayers: 1,
  dropout: 0,
  nonlinearity: 'tanh',
  batchSize: 32,
  maxLen: 400,
  minFreq: 1,
  maxVocab: 25_002,
  validationFraction: 0.15,
  testFraction: 0.15,
  learningRate: 5e-3,
  optimizer: 'adam',
  clip: 1,
  maxSteps: 400,
  evalEvery: 33,
  patience: 0,
  momentum: 0,
  restoreBest: false,
  trainFraction: 1,
};

/** What each setting may be. The upper ends keep a model within a browser tab's memory. */
export const SENTIMENT_BOUNDS = {
  ...BASE_BOUNDS,
  ...MODEL_BOUNDS,
  embeddingDim: { kind: 'int', min: 1, max: 1024 },
  batchSize: { kind: 'int', min: 1, max: 256 },
  maxLen: { kind: 'int', min: 1, max: 5000, optional: true },
  minFreq: { kind: 'int', min: 1, max: Infinity, optional: true },
  maxVocab: { kind: 'int', min: 3, max: 100_000, optional: true },
  validationFraction: { kind: 'number', min: 0, max: 1, above: true, below: true, optional: true },
  testFraction: { kind: 'number', min: 0, max: 1, above: true, below: true, optional: true },
} as const satisfies ConfigBounds<SentimentConfig>;

/**
 * Checks an untrusted value against SENTIMENT_BOUNDS, and that the held-out shares leave some reviews to train on.
 * @returns the config, or `{ ok: false, field, error }` with a sentence naming the setting
 */
export function parseSentimentConfig(raw: unknown): ConfigResult<SentimentConfig> {
  return parseConfig<SentimentConfig>('sentiment', SENTIMENT_BOUNDS, raw, (c) => {
    const held =
      (c.validationFraction ?? SENTIMENT_DEFAULTS.validationFraction) +
      (c.testFraction ?? SENTIMENT_DEFAULTS.testFraction);
    return held < 1
      ? null
      : { field: 'testFraction', error: `validationFraction and testFraction must add up to less than 1, got ${held}` };
  });
}
