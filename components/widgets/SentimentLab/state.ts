// The sentiment lab's URL state table: the data, the model's settings the listings show, and the review the reader
// types; the one place that says which part of the engine's ranges the lab offers, and why.
import { LABELLED_SOURCES, type LabelledSource } from '../../../engine/data/labelledSentences';
import { CELL_TYPES } from '../../../engine/ops/recurrentLayout';
import { SENTIMENT_BOUNDS, SENTIMENT_LAB_DEFAULTS } from '../../../engine/train/tasks/sentimentConfig';
import { applyPreset, presetField, type UrlPreset } from '../../lib/urlPreset';
import { field, intIn, numIn, oneOf, text, urlState } from '../../lib/urlState';

const B = SENTIMENT_BOUNDS;
const D = SENTIMENT_LAB_DEFAULTS;

/** The data the lab trains on: one of the real sentence files, or the course's controlled negation set. */
export const DATA_CHOICES = [...LABELLED_SOURCES, 'negation'] as const;
export type DataChoice = (typeof DATA_CHOICES)[number];

/** Where the test sentences come from: the training file's own test split, or another file's. */
export const TEST_CHOICES = ['same', ...LABELLED_SOURCES] as const;
export type TestChoice = (typeof TEST_CHOICES)[number];

/**
 * What the lab offers, each inside the engine's bound (a range outside it throws when this module loads): models a
 * browser trains in seconds to a few minutes (sizes to 256, 1 to 30 epochs), learning rates from one that barely moves
 * to one that diverges, seeds short enough to type.
 */
const RANGES = {
  embed: intIn(B.embeddingDim, { min: 2, max: 256 }),
  hidden: intIn(B.hiddenSize, { min: 2, max: 256 }),
  epochs: intIn(B.epochs, { min: 1, max: 30 }),
  lr: numIn(B.learningRate, { min: 0.0001, max: 0.1 }),
  seed: intIn(B.seed, { min: 0, max: 99999 }),
};

/** The longest review the reader may type (about 60 words). */
export const MAX_REVIEW = 400;

const { embed, hidden, epochs, lr, seed } = RANGES;

/** The settings a preset may set. */
export interface SentimentLabSettings {
  data: DataChoice;
  test: TestChoice;
  cell: (typeof CELL_TYPES)[number];
  embed: number;
  hidden: number;
  epochs: number;
  lr: number;
  seed: number;
}

/** Chapter 9's lab run, the outline's model with the lab's defaults (seed 1) written out, so a preset resets them. */
const OUTLINE_RUN: Omit<SentimentLabSettings, 'data'> = {
  test: 'same',
  cell: D.cell,
  embed: D.embeddingDim,
  hidden: D.hiddenSize,
  epochs: D.epochs,
  lr: D.learningRate,
  seed: D.seed,
};

/**
 * The experiments of chapter 9's Predict questions (`?sentiment-lab.preset=<id>`): the outline's RNN on the IMDb
 * sentences against bag-of-words, the same on the course's negation set, and the padding picture of the IMDb
 * sentences (nothing to train: its first batch answers).
 */
export const SENTIMENT_PRESETS: UrlPreset<Partial<SentimentLabSettings>>[] = [
  { id: 'rnn-vs-bag-of-words', state: { ...OUTLINE_RUN, data: 'imdb' } },
  { id: 'negation-word-order', state: { ...OUTLINE_RUN, data: 'negation' } },
  { id: 'padding-share', state: { data: 'imdb' } },
];

/**
 * State table: `sentiment-lab.data`, `.test`, `.cell`, `.embed`, `.hidden`, `.epochs`, `.lr`, `.seed`, `.review`, and
 * `.preset`.
 */
export const sentimentLabSpec = {
  data: field(
    oneOf(DATA_CHOICES),
    D.source as DataChoice,
    'Training data: imdb, amazon or yelp (real review sentences), or negation (the course-written controlled set)',
  ),
  test: field(
    oneOf(TEST_CHOICES),
    'same',
    'Test sentences: same (the training file’s own test split) or imdb, amazon, yelp (another file’s: train on one, test on another)',
  ),
  cell: field(oneOf(CELL_TYPES), D.cell, 'The recurrent cell: rnn (the outline’s nn.RNN), gru or lstm'),
  embed: field(embed, D.embeddingDim, `Embedding size (${embed.min} to ${embed.max})`),
  hidden: field(hidden, D.hiddenSize, `Hidden size (${hidden.min} to ${hidden.max})`),
  epochs: field(epochs, D.epochs, `Passes over the training sentences (${epochs.min} to ${epochs.max})`),
  lr: field(lr, D.learningRate, `Adam learning rate (${lr.min} to ${lr.max})`),
  seed: field(seed, D.seed, `Random seed of the initial weights and the batch order (${seed.min} to ${seed.max})`),
  review: field(
    text(MAX_REVIEW),
    'This movie was not good at all, but the ending was wonderful.',
    `A review the trained model reads word by word (up to ${MAX_REVIEW} characters)`,
  ),
  preset: presetField(SENTIMENT_PRESETS),
};

/** URL state of the sentiment lab. */
export const sentimentLabUrl = urlState('sentiment-lab', sentimentLabSpec, {
  reconcile: (state, given) => applyPreset(state, given, SENTIMENT_PRESETS),
});

/** The file a test choice names, given the training data (`same`, or the course set, tests on its own split). */
export function testSourceOf(data: DataChoice, test: TestChoice): LabelledSource | null {
  if (data === 'negation') return null;
  return test === 'same' ? data : test;
}
