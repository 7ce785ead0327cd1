// The batches the sentiment lab's padding picture draws, computed when the site is built (SentimentLab.astro) and by
// the scripts and tests that check chapter 9's figures against them: consecutive sentences of each training split.
import { parseLabelledSentences, splitExamples } from '../../../engine/data/labelledSentences';
import { parseSentimentCorpus } from '../../../engine/data/sentiment';
import { basicEnglish } from '../../../engine/data/tokenize';
import { Rng } from '../../../engine/random';

/** Batches of tokenized training sentences per data choice (`imdb`, `amazon`, `yelp`, `negation`). */
export type PreviewBatches = Record<string, string[][][]>;

/** How many batches of how many sentences each data choice offers. */
export const PREVIEW = { batches: 5, size: 8 };

/** Five batches of eight training sentences, as tokens: consecutive in the (already shuffled) training split. */
function batchesOf(texts: readonly string[]): string[][][] {
  const { batches, size } = PREVIEW;
  return Array.from({ length: batches }, (_, b) => texts.slice(size * b, size * b + size).map((t) => basicEnglish(t)));
}

/** The texts of a labelled-sentences file's training split, in the split's order. */
const trainOf = (text: string): string[] => splitExamples(parseLabelledSentences(text)).train.map((e) => e.text);

/**
 * The padding picture's batches: of each sentence file's training split, and of the course corpus's training
 * sentences shuffled with seed 9.
 * @param files the three sentence files' text, and the course corpus's JSON (sentiment.json) as parsed
 */
export function previewBatches(files: { imdb: string; amazon: string; yelp: string; corpus: unknown }): PreviewBatches {
  return {
    imdb: batchesOf(trainOf(files.imdb)),
    amazon: batchesOf(trainOf(files.amazon)),
    yelp: batchesOf(trainOf(files.yelp)),
    negation: batchesOf(new Rng(9).shuffle(parseSentimentCorpus(files.corpus).train.map((e) => e.text))),
  };
}
