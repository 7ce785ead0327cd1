// Sentiment labels shared by the reader's-data parsers and the course corpus: 0 = negative, 1 = positive.

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
