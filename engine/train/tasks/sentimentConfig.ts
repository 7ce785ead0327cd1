// The sentiment classifier's settings: their type, the defaults the lab, the worker and the bench run, the bounds, and
// the parser that checks an untrusted config against them. No model code, so the page can import it.
import { LABELLED_SOURCES, type LabelledSource } from '../../data/labelledSentences';
import { BASE_BOUNDS, parseConfig, type ConfigBounds, type ConfigResult } from '../config';
import { CELL_TYPES, type BaseTaskConfig, type CellType } from '../task';

/**
 * Settings of the sentiment classifier: chapter 9's model (sentimentRnn.ts), trained with Adam and gradient clipping
 * at 1 for a number of epochs, evaluated once per epoch, keeping the epoch that validates best. An absent optional
 * setting takes its value from SENTIMENT_DEFAULTS.
 */
export interface SentimentConfig extends Pick<BaseTaskConfig, 'seed' | 'learningRate'> {
  task: 'sentiment';
  embeddingDim: number;
  hiddenSize: number;
  batchSize: number;
  /** Passes over the training split; 0 only evaluates (a model loaded from a file). */
  epochs: number;
  /** Tokens kept from the start of a long review. */
  maxLen?: number;
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
 * The lab's defaults: the IMDb sentences, split 80/10/10 by Python's `random.Random(0)`, and the outline's model
 * (Embedding → RNN → Linear, Adam, cross-entropy) at a size a browser trains in seconds.
 */
export const SENTIMENT_DEFAULTS: Readonly<Required<SentimentConfig>> = {
  task: 'sentiment',
  seed: 1,
  cell: 'rnn',
  embeddingDim: 100,
  hiddenSize: 128,
  batchSize: 32,
  epochs: 10,
  learningRate: 1e-3,
  maxLen: 400,
  source: 'imdb',
  testSource: 'imdb',
  splitSeed: 0,
  validationFraction: 0.1,
  testFraction: 0.1,
};

/** What each setting may be. The upper ends keep a model within a browser tab's memory and a run within minutes. */
export const SENTIMENT_BOUNDS = {
  seed: BASE_BOUNDS.seed,
  learningRate: BASE_BOUNDS.learningRate,
  cell: { kind: 'choice', values: CELL_TYPES },
  embeddingDim: { kind: 'int', min: 1, max: 1024 },
  hiddenSize: { kind: 'int', min: 1, max: 1024 },
  batchSize: { kind: 'int', min: 1, max: 256 },
  epochs: { kind: 'int', min: 0, max: 1000 },
  maxLen: { kind: 'int', min: 1, max: 5000, optional: true },
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
