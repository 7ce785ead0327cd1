// Chapter 9 against the sentiment lab: its Predict questions name the lab's presets with the choices the lab answers
// with, and state the answers (and the figures around them) that the committed run of the preset script gave
// (scripts/sentiment-lab/outcomes.json); the padding question's answer is that of the first batch the lab draws.
import { describe, expect, it } from 'vitest';
import outcomes from '../../../scripts/sentiment-lab/outcomes.json';
import { labelledSentencesText, sentimentCorpusFile } from '../../../scripts/data/datasets';
import { chapterSource, predictionsAbout } from '../../lib/testing/chapterPredictions';
import type { SentimentReport } from '../../../engine/train/tasks/sentiment';
import {
  NEGATION_CHOICES,
  paddingFigures,
  paddingOutcome,
  RNN_VS_BOW_CHOICES,
  runOutcome,
  TRAINING_PRESETS,
} from './predictions';
import { previewBatches } from './previewBatches';
import { SENTIMENT_PRESETS, sentimentLabUrl } from './state';

const FILE = '09-sentiment-example.mdx';
const mdx = chapterSource(FILE);
const questions = predictionsAbout(FILE, 'sentiment-lab');
type Outcome = {
  choice: number | null;
  value: number | null;
  counts?: Record<string, number>;
  padding?: Record<string, number>;
};
const outcome = outcomes as Record<string, Outcome>;
const pct = (k: number, n: number, digits = 0): string => `${((100 * k) / n).toFixed(digits)}%`;

/** A test split of `labels` where the RNN and bag-of-words are right on the first `rnn` and `bow` sentences. */
function split(labels: number[], rnn: number, bow: number, negation?: boolean[]): SentimentReport['test'] {
  const p = (right: number) => labels.map((l, i) => (i < right ? l : 1 - l));
  return {
    texts: labels.map((_, i) => `s${i}`),
    labels,
    rnn: p(rnn),
    bow: p(bow),
    negation: negation ?? labels.map(() => false),
    contrast: labels.map(() => false),
  };
}

describe('chapter 9 and the sentiment lab', () => {
  it('asks its three questions of the lab’s presets, with the choices the lab answers with', () => {
    expect(questions.map((q) => q.id)).toEqual(SENTIMENT_PRESETS.map((p) => p.id));
    expect(questions.map((q) => q.preset)).toEqual(SENTIMENT_PRESETS.map((p) => p.id));
    expect(questions[0].choices).toEqual(RNN_VS_BOW_CHOICES);
    expect(questions[1].choices).toEqual(NEGATION_CHOICES);
    expect(questions[2].choices).toEqual([]);
    // A preset sets the lab's defaults (the outline's run, seed 1) on its data, whatever the address had before.
    const state = (id: string) => sentimentLabUrl.parse(new URLSearchParams({ 'sentiment-lab.preset': id })).state;
    const defaults = sentimentLabUrl.defaults();
    expect(state('rnn-vs-bag-of-words')).toEqual(defaults);
    expect(state('negation-word-order')).toEqual({ ...defaults, data: 'negation' });
    expect(state('padding-share')).toEqual(defaults);
  });

  it('states the answers the committed runs of the presets gave', () => {
    for (const q of questions) {
      const o = outcome[q.preset!];
      expect(q.answer, q.id).toBe(TRAINING_PRESETS.includes(q.id) ? o.choice : o.value);
    }
  });

  it('quotes the IMDb run’s counts: the RNN, bag-of-words, always answering negative, the best epoch', () => {
    const c = outcome['rnn-vs-bag-of-words'].counts!;
    expect(c.n).toBe(100);
    expect(mdx).toContain(`always answering negative, which is right on ${c.negatives} of them`);
    expect(mdx).toContain(
      `with seed 1 the RNN is right on ${c.rnn} of the ${c.n} test sentences and bag-of-words on ${c.bow}`,
    );
    expect(mdx).toContain(
      `the RNN is right on **${c.rnn}** of the ${c.n} test sentences and bag-of-words on **${c.bow}**`,
    );
    expect(c.bestEpoch).toBe(1);
    expect(mdx).toContain('the epoch that validates best is the first');
    // The engine's seed-1 figure in the seeds table is this run's.
    expect(mdx).toContain(`the engine's runs reach ${pct(c.rnn, c.n)},`);
  });

  it('quotes the negation run’s counts on the negated sentences and on all of them', () => {
    const c = outcome['negation-word-order'].counts!;
    const negated = `${c.rnnNegated} of the ${c.negated} negated test sentences (${pct(c.rnnNegated, c.negated)})`;
    expect(mdx).toContain(
      `with seed 1 it is right on ${negated}, bag-of-words on ${c.bowNegated} (${pct(c.bowNegated, c.negated)})`,
    );
    expect(mdx).toContain(`is right on ${negated} and on ${pct(c.rnn, c.n, 1)} of all ${c.n}`);
    const bow = `${c.bowNegated} of the ${c.negated} negated ones (${pct(c.bowNegated, c.negated)}, worse than a coin)`;
    expect(mdx).toContain(`bag-of-words gets ${bow} and ${pct(c.bow, c.n, 1)} overall`);
  });

  it('states the padding share of the lab’s first IMDb batch, and its sizes', () => {
    const batches = previewBatches({
      imdb: labelledSentencesText('imdb'),
      amazon: labelledSentencesText('amazon'),
      yelp: labelledSentencesText('yelp'),
      corpus: sentimentCorpusFile(),
    });
    const f = paddingFigures(batches.imdb[0]);
    expect(outcome['padding-share'].padding).toEqual(f);
    expect(paddingOutcome(batches.imdb[0]).value).toBe(f.share);
    expect(mdx).toContain(`${f.shortest} to ${f.longest} tokens`);
    expect(mdx).toContain(`8 × ${f.longest} = ${f.cells} cells and ${f.padded} of them are \`<pad>\``);
    expect(mdx).toContain(`${f.padded} of its ${f.cells} cells are \`<pad>\` (${f.share}%)`);
    expect(mdx).toContain(`In the first batch the lab draws, ${f.share}%`);
  });

  it('reads each answer from a run’s test results', () => {
    const labels = [...Array(57).fill(0), ...Array(43).fill(1)];
    const answer = (rnn: number, bow: number) => runOutcome('rnn-vs-bag-of-words', split(labels, rnn, bow))!.choice;
    expect(answer(80, 73)).toBe(0);
    expect(answer(60, 73)).toBe(1);
    expect(answer(57, 73)).toBe(2);
    expect(runOutcome('rnn-vs-bag-of-words', split(labels, 55, 73))!.summary).toBe(
      'The lab’s run: the RNN is right on 55 of the 100 test sentences, bag-of-words on 73, and always answering ' +
        'negative on 57.',
    );
    // Twenty negated sentences, the first ones: "about the same" within one of them (5%).
    const negation = labels.map((_, i) => i < 20);
    const negated = (rnn: number, bow: number) =>
      runOutcome('negation-word-order', split(labels, rnn, bow, negation))!.choice;
    expect(negated(16, 9)).toBe(1);
    expect(negated(9, 16)).toBe(0);
    expect(negated(10, 11)).toBe(2);
    expect(runOutcome('negation-word-order', split(labels, 10, 11))).toBeNull();
    expect(runOutcome('padding-share', split(labels, 10, 11))).toBeNull();
  });
});
