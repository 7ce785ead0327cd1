// The course's sentiment corpus as data: its compact file format, a keyword tagger that marks sentences
// with negation, contrast or intensifiers (the subsets where word order matters), and the parsed splits.
import { basicEnglish } from './tokenize';
import type { SentimentExample, SentimentLabel } from './sentimentLabels';

/** Which phenomena a sentence contains, by keyword (see `tagSentence`). */
export interface SentenceTags {
  /** not, no, never, n't, hardly, neither/nor, without, far from … */
  negation: boolean;
  /** but, yet, however, although, though, while, despite, whereas … */
  contrast: boolean;
  /** very, extremely, so, fairly, a bit, slightly … */
  intensifier: boolean;
}

/** A corpus sentence with its label and tags. */
export interface CorpusExample extends SentimentExample, SentenceTags {
  /** Written whole by hand, rather than composed by the generator. */
  handwritten: boolean;
}

/** The three fixed splits. */
export interface SentimentCorpus {
  train: CorpusExample[];
  validation: CorpusExample[];
  test: CorpusExample[];
}

/** The split names, in order. */
export const CORPUS_SPLITS = ['train', 'validation', 'test'] as const;

/**
 * One example in the file: [text, label, flags], flags a string of letters: n negation, c contrast,
 * i intensifier or downtoner, h hand-written.
 */
export type CorpusRow = [string, SentimentLabel, string];

/** The committed file `engine/data/corpora/sentiment.json`, served at `/data/sentiment.json`. */
export interface SentimentCorpusFile {
  description: string;
  labels: ['negative', 'positive'];
  flags: Record<'n' | 'c' | 'i' | 'h', string>;
  train: CorpusRow[];
  validation: CorpusRow[];
  test: CorpusRow[];
}

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'nowhere',
  'neither',
  'nor',
  'hardly',
  'barely',
  'scarcely',
  'without',
  'cannot',
]);
const CONTRASTS = new Set([
  'but',
  'yet',
  'however',
  'although',
  'though',
  'while',
  'despite',
  'whereas',
  'nevertheless',
  'nonetheless',
]);
const INTENSIFIERS = new Set([
  'very',
  'really',
  'extremely',
  'incredibly',
  'truly',
  'remarkably',
  'genuinely',
  'thoroughly',
  'so',
  'utterly',
  'absolutely',
  'totally',
  'deeply',
  'highly',
  'fairly',
  'quite',
  'pretty',
  'reasonably',
  'rather',
  'slightly',
  'somewhat',
  'mildly',
]);

/**
 * Tags a sentence by keywords on its basic_english tokens: a contraction "isn't" tokenizes to
 * `isn ' t` and counts as negation, as do "far from" and "a bit"/"a little" as downtoners. A keyword
 * heuristic, not a parser: "so did I" counts as an intensifier and "while watching" as a contrast.
 */
export function tagSentence(text: string): SentenceTags {
  const tokens = basicEnglish(text);
  let negation = false;
  let contrast = false;
  let intensifier = false;
  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    if (
      NEGATORS.has(t) ||
      (t === 't' && prev === "'" && /n$/.test(tokens[k - 2] ?? '')) ||
      (t === 'from' && prev === 'far')
    )
      negation = true;
    if (CONTRASTS.has(t)) contrast = true;
    if (INTENSIFIERS.has(t) || (prev === 'a' && (t === 'bit' || t === 'little'))) intensifier = true;
  });
  return { negation, contrast, intensifier };
}

/** The flags string of a sentence (without `h`, which only the corpus knows). */
export function flagsOf(text: string): string {
  const t = tagSentence(text);
  return (t.negation ? 'n' : '') + (t.contrast ? 'c' : '') + (t.intensifier ? 'i' : '');
}

/** Reads the corpus file (parsed JSON), checking every row. */
export function parseSentimentCorpus(file: unknown): SentimentCorpus {
  const f = file as Partial<SentimentCorpusFile> | null;
  const out = {} as SentimentCorpus;
  for (const split of CORPUS_SPLITS) {
    const rows = f?.[split];
    if (!Array.isArray(rows)) throw new Error(`parseSentimentCorpus: the file has no ${split} split`);
    out[split] = rows.map((row, i): CorpusExample => {
      const [text, label, flags] = (Array.isArray(row) ? row : []) as unknown[];
      if (typeof text !== 'string' || (label !== 0 && label !== 1) || typeof flags !== 'string') {
        throw new Error(`parseSentimentCorpus: ${split}[${i}] must be [text, 0 | 1, flags]`);
      }
      return {
        text,
        label,
        negation: flags.includes('n'),
        contrast: flags.includes('c'),
        intensifier: flags.includes('i'),
        handwritten: flags.includes('h'),
      };
    });
  }
  return out;
}
