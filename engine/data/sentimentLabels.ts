// Sentiment labels shared by the reader's-data parsers and the course corpus: 0 = negative, 1 = positive.
import { DataError } from './errors';

/** A sentiment class index: 0 = negative, 1 = positive. */
export type SentimentLabel = 0 | 1;

/** Class names in index order, for outputs and confusion matrices. */
export const SENTIMENT_CLASSES = ['negative', 'positive'] as const;

/** A review and its class. */
export interface SentimentExample {
  text: string;
  label: SentimentLabel;
}

const LABEL_WORDS: Readonly<Record<string, SentimentLabel>> = {
  pos: 1,
  positive: 1,
  '1': 1,
  neg: 0,
  negative: 0,
  '0': 0,
};

/** The accepted spellings of labels, for messages. */
export const LABEL_SPELLINGS = 'pos/neg, positive/negative or 1/0';

/** Reads a label written as pos/neg, positive/negative or 1/0 (any case, surrounding spaces ignored); null if unknown. */
export function parseLabel(raw: string): SentimentLabel | null {
  return LABEL_WORDS[raw.trim().toLowerCase()] ?? null;
}

/** A classifier needs both classes; a one-class file is almost always a labelling mistake. */
export function checkBothClasses(examples: readonly SentimentExample[], file?: string): void {
  const positives = examples.reduce((n, e) => n + e.label, 0);
  if (positives === 0 || positives === examples.length) {
    throw new DataError(
      `all ${examples.length} reviews are labelled ${positives === 0 ? 'negative' : 'positive'}; a classifier needs examples of both classes`,
      { file },
    );
  }
}
