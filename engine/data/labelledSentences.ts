// The UCI "Sentiment Labelled Sentences" (real review sentences from IMDb, Amazon and Yelp, CC BY 4.0): reading their
// `sentence<TAB>label` lines, the bundle the site serves them in, and the fixed per-source 80/10/10 split, shuffled by
// Python's own generator so that chapter 9's PyTorch script splits every file exactly as the lab does.
import { DataError } from './errors';
import { PythonRandom } from './pythonRandom';
import type { SentimentExample } from './sentimentLabels';

/** The three sources, in the order the course lists them. */
export const LABELLED_SOURCES = ['imdb', 'amazon', 'yelp'] as const;

/** One of LABELLED_SOURCES. */
export type LabelledSource = (typeof LABELLED_SOURCES)[number];

/** Each source's file name, as distributed and as served under /data/sentiment-labelled-sentences/. */
export const LABELLED_FILES: Readonly<Record<LabelledSource, string>> = {
  imdb: 'imdb_labelled.txt',
  amazon: 'amazon_cells_labelled.txt',
  yelp: 'yelp_labelled.txt',
};

/** What each source's sentences are, for labels and sentences on the page. */
export const LABELLED_SOURCE_NAMES: Readonly<Record<LabelledSource, string>> = {
  imdb: 'IMDb movie reviews',
  amazon: 'Amazon reviews of phones',
  yelp: 'Yelp restaurant reviews',
};

/** The attribution the license asks for, shown wherever the sentences are used. */
export const LABELLED_ATTRIBUTION =
  '“Sentiment Labelled Sentences” (UCI Machine Learning Repository, data set 331; D. Kotzias, M. Denil, N. de Freitas, P. Smyth, KDD 2015), CC BY 4.0';

/** The seed of the course's split (Python's `random.Random(0)`). */
export const LABELLED_SPLIT_SEED = 0;

/** The site's file `/data/sentiment-labelled-sentences.json`: the three files' text, unchanged, with their credit. */
export interface LabelledSentencesBundle {
  description: string;
  license: string;
  attribution: string;
  /** Each source's file as distributed (`sentence<TAB>label` lines). */
  files: Record<LabelledSource, string>;
}

/**
 * Reads one file's lines, `sentence<TAB>label` with label 1 (positive) or 0 (negative), as Python's
 * `line.rstrip("\n").rsplit("\t", 1)` would; blank lines are skipped, the sentence is kept as written.
 * @param file a name for messages
 * @throws DataError naming the line when one has no tab or a label other than 0 or 1
 */
export function parseLabelledSentences(text: string, file?: string): SentimentExample[] {
  const out: SentimentExample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const tab = line.lastIndexOf('\t');
    if (tab < 0)
      throw new DataError('expected a sentence, a tab and a label (0 or 1); this line has no tab', {
        file,
        line: i + 1,
      });
    const label = line.slice(tab + 1);
    if (label !== '0' && label !== '1')
      throw new DataError(`the label after the tab must be 0 or 1, got ${JSON.stringify(label.slice(0, 20))}`, {
        file,
        line: i + 1,
      });
    out.push({ text: line.slice(0, tab), label: label === '1' ? 1 : 0 });
  }
  return out;
}

/** A data set cut three ways. */
export interface Splits<T> {
  train: T[];
  validation: T[];
  test: T[];
}

/** The held-out shares of `splitExamples`. */
export interface SplitFractions {
  validation: number;
  test: number;
}

/**
 * The course's split: shuffle a copy of `examples` with Python's `random.Random(seed).shuffle`, then the first
 * n − ⌊n·validation⌋ − ⌊n·test⌋ train, the next ⌊n·validation⌋ validate and the last ⌊n·test⌋ test. For 1,000
 * sentences and the default shares, 800 / 100 / 100. The same lines in Python:
 * `random.Random(seed).shuffle(xs); n_valid = int(len(xs) * 0.1); n_test = int(len(xs) * 0.1)`.
 */
export function splitExamples<T>(
  examples: readonly T[],
  seed: number = LABELLED_SPLIT_SEED,
  fractions: SplitFractions = { validation: 0.1, test: 0.1 },
): Splits<T> {
  const shuffled = new PythonRandom(seed).shuffle([...examples]);
  const n = shuffled.length;
  const nValid = Math.floor(n * fractions.validation);
  const nTest = Math.floor(n * fractions.test);
  const nTrain = n - nValid - nTest;
  return {
    train: shuffled.slice(0, nTrain),
    validation: shuffled.slice(nTrain, nTrain + nValid),
    test: shuffled.slice(nTrain + nValid),
  };
}

/** The bundle around the three files' text, as the site serves it (`src/pages/data/`) and the worker reads it. */
export function labelledBundle(files: Record<LabelledSource, string>): LabelledSentencesBundle {
  return {
    description:
      'Real review sentences, 1,000 per source (500 positive, 500 negative), label 1 positive and 0 ' +
      'negative. Chapter 9 of Unrolled splits each source 80/10/10 after random.Random(0).shuffle.',
    license: 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
    attribution: LABELLED_ATTRIBUTION,
    files,
  };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Whether a parsed JSON file is the sentences bundle (rather than, say, the course corpus). */
export function isLabelledBundle(json: unknown): json is LabelledSentencesBundle {
  return (
    isObject(json) &&
    isObject(json.files) &&
    LABELLED_SOURCES.every((s) => typeof (json.files as Record<string, unknown>)[s] === 'string')
  );
}

/**
 * Each source's sentences from the served bundle.
 * @throws DataError when the file is not the bundle or a line of it is malformed
 */
export function parseLabelledBundle(
  json: unknown,
  file = 'sentiment-labelled-sentences.json',
): Record<LabelledSource, SentimentExample[]> {
  if (!isLabelledBundle(json))
    throw new DataError(`expected the sentences of ${LABELLED_SOURCES.join(', ')} under "files"`, { file });
  const out = {} as Record<LabelledSource, SentimentExample[]>;
  for (const source of LABELLED_SOURCES)
    out[source] = parseLabelledSentences(json.files[source], LABELLED_FILES[source]);
  return out;
}
