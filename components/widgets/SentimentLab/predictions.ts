// What the sentiment lab's experiments (its presets, state.ts) show, for chapter 9's Predict questions: the answer read
// from the run the lab just finished (its test results) or from the padding picture's first batch, never stated in
// advance. scripts/sentiment-lab/presets.ts runs the same presets in Node and commits what they give.
import type { SentimentReport } from '../../../engine/train/tasks/sentiment';
import type { PredictResult } from '../../lib/predict';
import { padBatch } from './model';

/** The presets whose answer comes from a finished training run. */
export const TRAINING_PRESETS = ['rnn-vs-bag-of-words', 'negation-word-order'];

/** Choices of "how does the RNN do against bag-of-words and always answering negative?", in the chapter's order. */
export const RNN_VS_BOW_CHOICES = [
  'It beats bag-of-words',
  'It loses to bag-of-words, but beats always answering negative',
  'It does not even beat always answering negative',
];
/** Choices of "which does better on the negated test sentences?", in the chapter's order. */
export const NEGATION_CHOICES = ['Bag-of-words', 'The RNN', 'About the same'];

/** Within this share of the negated sentences, the two models count as "about the same". */
export const SAME_SHARE = 0.05;

/** Right answers of P(positive) `p` on `labels` (positive above one half), over the sentences `keep` selects. */
function rightOn(labels: readonly number[], p: readonly number[], keep: (i: number) => boolean = () => true): number {
  let right = 0;
  labels.forEach((label, i) => {
    if (keep(i) && (p[i] > 0.5 ? 1 : 0) === label) right++;
  });
  return right;
}

/** The counts a finished run's test results give: sentences, right answers of each model, overall and negated. */
export interface TestCounts {
  n: number;
  negatives: number;
  rnn: number;
  bow: number;
  negated: number;
  rnnNegated: number;
  bowNegated: number;
}

/** Count a report's test results. */
export function testCounts(test: SentimentReport['test']): TestCounts {
  const negated = (i: number): boolean => test.negation[i];
  return {
    n: test.labels.length,
    negatives: test.labels.filter((l) => l === 0).length,
    rnn: rightOn(test.labels, test.rnn),
    bow: rightOn(test.labels, test.bow),
    negated: test.negation.filter(Boolean).length,
    rnnNegated: rightOn(test.labels, test.rnn, negated),
    bowNegated: rightOn(test.labels, test.bow, negated),
  };
}

const pct = (k: number, n: number): string => `${Math.round((100 * k) / n)}%`;

/**
 * What a finished run answers for the question about `preset`, or null when the preset is not a training one.
 * - `rnn-vs-bag-of-words`: the RNN above bag-of-words (0); else above always answering negative (1); else neither (2).
 * - `negation-word-order`: on the negated test sentences, within SAME_SHARE of them (2), else the one right on more.
 */
export function runOutcome(preset: string, test: SentimentReport['test']): PredictResult | null {
  const c = testCounts(test);
  if (preset === 'rnn-vs-bag-of-words') {
    const choice = c.rnn > c.bow ? 0 : c.rnn > c.negatives ? 1 : 2;
    return {
      choice,
      value: null,
      summary:
        `The lab’s run: the RNN is right on ${c.rnn} of the ${c.n} test sentences, bag-of-words on ${c.bow}, ` +
        `and always answering negative on ${c.negatives}.`,
    };
  }
  if (preset === 'negation-word-order' && c.negated > 0) {
    const diff = c.rnnNegated - c.bowNegated;
    const choice = Math.abs(diff) <= SAME_SHARE * c.negated ? 2 : diff > 0 ? 1 : 0;
    return {
      choice,
      value: null,
      summary:
        `The lab’s run: on the ${c.negated} negated test sentences the RNN is right on ${c.rnnNegated} ` +
        `(${pct(c.rnnNegated, c.negated)}), bag-of-words on ${c.bowNegated} (${pct(c.bowNegated, c.negated)}); ` +
        `on all ${c.n}, ${pct(c.rnn, c.n)} and ${pct(c.bow, c.n)}.`,
    };
  }
  return null;
}

/** What the padding picture's first batch shows: its sentence lengths, its grid and the share of it that is <pad>. */
export function paddingFigures(batch: readonly string[][]): {
  shortest: number;
  longest: number;
  cells: number;
  padded: number;
  share: number;
} {
  const grid = padBatch(batch, false);
  const lengths = grid.rows.map((r) => r.length);
  const cells = grid.real + grid.padded;
  return {
    shortest: Math.min(...lengths),
    longest: Math.max(...lengths),
    cells,
    padded: grid.padded,
    share: Math.round((100 * grid.padded) / cells),
  };
}

/** The padding-share question's answer: the share of the first batch's grid that is <pad>, in percent. */
export function paddingOutcome(batch: readonly string[][]): PredictResult {
  const f = paddingFigures(batch);
  return {
    choice: null,
    value: f.share,
    summary:
      `The lab’s first batch of IMDb sentences: ${batch.length} sentences of ${f.shortest} to ${f.longest} tokens, ` +
      `padded to ${f.longest} steps, ${f.cells} cells, ${f.padded} of them <pad> (${f.share}%).`,
  };
}
