// The sentiment classifier's settings: their type, the defaults the worker and the bench run, chapter 9's lab run, the
// bounds, and the parser that checks an untrusted config against them. No model code, so the page can import it.
import { LABELLED_SOURCES, type LabelledSource } from '../../data/labelledSentences';
import { BASE_BOUNDS, MODEL_BOUNDS, parseConfig, type ConfigBounds, type ConfigResult } from '../config';
import type { BaseTaskConfig, RecurrentModelConfig } from '../task';

/**
 * Settings of the sentiment classifier, chapter 9's model (sentimentRnn.ts). Without `epochs` a run lasts `maxSteps`
 * steps and is evaluated every `evalEvery`, as every task; with `epochs` it lasts that many whole epochs, is evaluated
 * at the end of each, and ends with the weights of the epoch with the best validation accuracy (chapter 9's loop;
 * `maxSteps`, `evalEvery` and `patience` are then not used). An absent optional setting takes its value from
 * SENTIMENT_DEFAULTS.
 */
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
  /** Chapter 9's schedule: whole epochs, the best epoch's weights kept (0 only evaluates a model loaded from a file). */
  epochs?: number;
  /** The sentence file to train and validate on, when the data is the labelled-sentences bundle. */
  source?: LabelledSource;
  /** The file whose test split the model is tested on (default: `source`'s own): train on one, test on another. */
  testSource?: LabelledSource;
  /** The split's seed (Python's `random.Random(splitSeed).shuffle`), for the bundle and the reader's own data. */
  splitSeed?: number;
  /** Shares held out for validation and test (the course corpus has its own fixed split). */
  validationFraction?: number;
  testFraction?: number;
}

/**
 * Defaults that beat the bag-of-words baselines on the corpus's negation sentences: Embedding(32) → LSTM(64) →
 * Linear, batches of 32, Adam 5e-3, clipping at 1, reviews cut at 400 tokens and a vocabulary of at most 25,002 as
 * the outline; step by step (no `epochs`); the real sentences' IMDb file, and every split 80/10/10 by Python's
 * `random.Random(0)`.
 */
export const SENTIMENT_DEFAULTS: Readonly<Required<Omit<SentimentConfig, 'epochs' | 'testSource'>>> = {
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
  source: 'imdb',
  splitSeed: 0,
  validationFraction: 0.1,
  testFraction: 0.1,
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

/**
 * Chapter 9's lab run, the settings its listings start from (engine/train/tasks/sentimentRnn.ts `SETTINGS` and
 * scripts/torch/sentiment_rnn.py say the same, checked by a test): the outline's model, Embedding → RNN → Linear
 * with Adam and cross-entropy, on the IMDb sentences for 10 epochs.
 */
export const SENTIMENT_LAB_DEFAULTS: Readonly<SentimentConfig & Required<Pick<SentimentConfig, 'epochs'>>> = {
  ...SENTIMENT_DEFAULTS,
  cell: 'rnn',
  embeddingDim: 100,
  hiddenSize: 128,
  learningRate: 1e-3,
  epochs: 10,
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
  epochs: { kind: 'int', min: 0, max: 1000, optional: true },
  source: { kind: 'choice', values: LABELLED_SOURCES, optional: true },
  testSource: { kind: 'choice', values: LABELLED_SOURCES, optional: true },
  splitSeed: { kind: 'int', min: 0, max: 2 ** 32 - 1, optional: true },
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
