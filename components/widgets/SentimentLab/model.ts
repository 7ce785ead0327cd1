// The sentiment lab's logic without the DOM: the run config its settings make, what its results say (accuracies,
// confusion matrices, the misclassified sentences, which model wins), and the padding and packing of a batch.
import { LABELLED_SOURCE_NAMES } from '../../../engine/data/labelledSentences';
import type { SentimentReport } from '../../../engine/train/tasks/sentiment';
import { SENTIMENT_LAB_DEFAULTS, type SentimentConfig } from '../../../engine/train/tasks/sentimentConfig';
import type { StateOf } from '../../lib/urlState';
import type { ListingSettings } from './listings';
import { testSourceOf, type sentimentLabSpec } from './state';

type State = StateOf<typeof sentimentLabSpec>;

/** The worker's config for the lab's settings: chapter 9's run (SENTIMENT_LAB_DEFAULTS) with the reader's choices. */
export function runConfig(state: State, ownData = false): SentimentConfig {
  const config: SentimentConfig = {
    ...SENTIMENT_LAB_DEFAULTS,
    cell: state.cell,
    embeddingDim: state.embed,
    hiddenSize: state.hidden,
    epochs: state.epochs,
    learningRate: state.lr,
    seed: state.seed,
  };
  if (ownData || state.data === 'negation') return config;
  return { ...config, source: state.data, testSource: testSourceOf(state.data, state.test) ?? state.data };
}

/** What the listings show for the lab's settings. */
export function listingSettings(state: State, ownData = false): ListingSettings {
  const labelled = !ownData && state.data !== 'negation';
  const test = labelled ? testSourceOf(state.data, state.test) : null;
  return {
    cell: state.cell,
    embed: state.embed,
    hidden: state.hidden,
    epochs: state.epochs,
    lr: state.lr,
    seed: state.seed,
    data: labelled ? (state.data as ListingSettings['data']) : null,
    testData: labelled && test !== state.data ? test : null,
  };
}

/** The site file the worker reads for a data choice (an absolute URL: a worker resolves relative ones against itself). */
export function dataUrl(base: string, pageHref: string, data: State['data']): string {
  // Whole paths written out: the one-file build carries the data files whose `data/<file>` the bundle mentions.
  const path = data === 'negation' ? 'data/sentiment.json' : 'data/sentiment-labelled-sentences.json';
  return new URL(`${base.endsWith('/') ? base : `${base}/`}${path}`, pageHref).href;
}

/** A few words on the data a run trains and tests on. */
export function dataName(state: State): string {
  if (state.data === 'negation') return 'the course-written negation set';
  const test = testSourceOf(state.data, state.test);
  const train = LABELLED_SOURCE_NAMES[state.data];
  return test === state.data ? `the ${train}` : `the ${train}, tested on the ${LABELLED_SOURCE_NAMES[test!]}`;
}

/** A 2 × 2 confusion matrix: `counts[truth][predicted]`, 0 negative and 1 positive. */
export type Confusion = [[number, number], [number, number]];

/** How one model did on the test sentences. */
export interface Scored {
  /** Right answers over all, and on the sentences with negation and with contrast (NaN when there are none). */
  accuracy: number;
  negation: number;
  contrast: number;
  confusion: Confusion;
}

/** A model's test results from its P(positive) per sentence (positive when above one half, as argmax). */
export function score(test: SentimentReport['test'], positive: readonly number[]): Scored {
  const confusion: Confusion = [
    [0, 0],
    [0, 0],
  ];
  const right = (i: number): boolean => (positive[i] > 0.5 ? 1 : 0) === test.labels[i];
  const share = (keep: (i: number) => boolean): number => {
    let n = 0;
    let k = 0;
    test.labels.forEach((_, i) => {
      if (!keep(i)) return;
      n++;
      if (right(i)) k++;
    });
    return n > 0 ? k / n : NaN;
  };
  test.labels.forEach((label, i) => confusion[label][positive[i] > 0.5 ? 1 : 0]++);
  return {
    accuracy: share(() => true),
    negation: share((i) => test.negation[i]),
    contrast: share((i) => test.contrast[i]),
    confusion,
  };
}

/** A test sentence one model got wrong, with both models' P(positive). */
export interface Miss {
  text: string;
  label: number;
  rnn: number;
  bow: number;
}

/** The sentences the RNN got wrong, the most confidently wrong first. */
export function misclassified(test: SentimentReport['test']): Miss[] {
  const misses: Miss[] = [];
  test.labels.forEach((label, i) => {
    if ((test.rnn[i] > 0.5 ? 1 : 0) !== label)
      misses.push({ text: test.texts[i].trim(), label, rnn: test.rnn[i], bow: test.bow[i] });
  });
  return misses.sort((a, b) => Math.abs(b.rnn - 0.5) - Math.abs(a.rnn - 0.5));
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * Which model wins on the test sentences, in one or two sentences with the numbers: a draw within one sentence's
 * worth, else the winner and, for the usual outcome on a thousand short sentences, why.
 */
export function verdict(rnn: Scored, bow: Scored, n: number): string {
  const diff = Math.round((rnn.accuracy - bow.accuracy) * n);
  const counts =
    `the RNN is right on ${Math.round(rnn.accuracy * n)} of ${n} test sentences (${pct(rnn.accuracy)}), ` +
    `bag-of-words on ${Math.round(bow.accuracy * n)} (${pct(bow.accuracy)})`;
  if (diff === 0) return `A draw: ${counts}.`;
  if (diff < 0)
    return (
      `Bag-of-words wins: ${counts}. With a few hundred training sentences, most words are seen once or ` +
      `twice; a word count learns each word's sign from those few examples, while the RNN has to learn a ` +
      `vector for every word and how to combine them in order from the same few. Word order pays off where ` +
      `it decides the label: compare the two on the course's negation set.`
    );
  return `The RNN wins: ${counts}. Reading in order let it use what a word count cannot, such as which words a "not" or a "but" governs.`;
}

/** A batch drawn as a grid: each sentence's tokens, padded to the longest. */
export interface PaddedGrid {
  /** One row per sentence, in the order shown; each row holds `length` tokens then pads up to `steps`. */
  rows: { tokens: string[]; length: number }[];
  /** T, the longest sentence's length: the number of steps the RNN takes over the padded batch. */
  steps: number;
  /** Cells that hold a token, and cells that hold <pad>: the steps a padded batch wastes. */
  real: number;
  padded: number;
  /** pack_padded_sequence's batch_sizes: at each step, how many sentences are still running (sorted batches only). */
  batchSizes: number[];
}

/**
 * Pads a batch of tokenized sentences, in the order given or sorted longest first (what `pack_padded_sequence` does,
 * and what makes the running sentences at each step a prefix of the rows).
 */
export function padBatch(sentences: readonly string[][], sorted: boolean): PaddedGrid {
  const rows = sentences.map((tokens) => ({ tokens: tokens.length > 0 ? tokens : ['<unk>'], length: 0 }));
  for (const row of rows) row.length = row.tokens.length;
  if (sorted) rows.sort((a, b) => b.length - a.length);
  const steps = Math.max(0, ...rows.map((r) => r.length));
  const real = rows.reduce((n, r) => n + r.length, 0);
  const batchSizes = Array.from({ length: steps }, (_, t) => rows.filter((r) => r.length > t).length);
  return { rows, steps, real, padded: steps * rows.length - real, batchSizes };
}
