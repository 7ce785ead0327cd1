// The sentiment lab's logic: the config and listings its settings make, scores and confusion matrices that add up,
// the misclassified sentences in order, the verdict's numbers, and a padded batch's waste and packed batch sizes.
import { describe, expect, it } from 'vitest';
import { parseSentimentConfig, SENTIMENT_LAB_DEFAULTS } from '../../../engine/train/tasks/sentimentConfig';
import { dataUrl, listingSettings, misclassified, padBatch, runConfig, score, verdict } from './model';
import { sentimentLabUrl } from './state';

const state = sentimentLabUrl.defaults();

const test = {
  texts: ['good', 'bad ', 'not bad', 'fine', 'awful'],
  labels: [1, 0, 1, 1, 0],
  rnn: [0.9, 0.2, 0.3, 0.45, 0.8],
  bow: [0.8, 0.1, 0.2, 0.7, 0.3],
  negation: [false, false, true, false, false],
  contrast: [false, false, false, false, false],
};

describe('sentiment lab logic', () => {
  it('makes a config the worker accepts: chapter 9’s run with the reader’s choices', () => {
    const config = runConfig({ ...state, cell: 'gru', hidden: 64, data: 'yelp', test: 'amazon', lr: 0.003 });
    expect(parseSentimentConfig(config).ok).toBe(true);
    expect(config).toMatchObject({ cell: 'gru', hiddenSize: 64, source: 'yelp', testSource: 'amazon', epochs: 10 });
    expect(runConfig(state)).toEqual({ ...SENTIMENT_LAB_DEFAULTS, testSource: 'imdb' });
    expect(runConfig({ ...state, data: 'negation' }).source).toBe(SENTIMENT_LAB_DEFAULTS.source);
    expect(listingSettings({ ...state, data: 'yelp', test: 'yelp' })).toMatchObject({ data: 'yelp', testData: null });
    expect(listingSettings(state, true)).toMatchObject({ data: null, testData: null });
    expect(dataUrl('/course/', 'https://x.org/course/sentiment-example/', 'negation')).toBe(
      'https://x.org/course/data/sentiment.json',
    );
  });

  it('scores a model and fills a confusion matrix that adds up to the test set', () => {
    const s = score(test, test.rnn);
    expect(s.accuracy).toBe(0.4);
    expect(s.negation).toBe(0);
    expect(s.contrast).toBeNaN();
    expect(s.confusion).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(s.confusion.flat().reduce((a, b) => a + b)).toBe(test.labels.length);
  });

  it('lists the RNN’s mistakes, the most confident first, trimmed', () => {
    expect(misclassified(test).map((m) => [m.text, m.rnn])).toEqual([
      ['awful', 0.8],
      ['not bad', 0.3],
      ['fine', 0.45],
    ]);
  });

  it('says which model wins with its counts, and calls a draw a draw', () => {
    const rnn = score(test, test.rnn);
    const bow = score(test, test.bow);
    expect(verdict(rnn, bow, 5)).toMatch(
      /^Bag-of-words wins: the RNN is right on 2 of 5 test sentences \(40%\), bag-of-words on 4 \(80%\)/,
    );
    expect(verdict(bow, rnn, 5)).toMatch(/^The RNN wins/);
    expect(verdict(rnn, rnn, 5)).toMatch(/^A draw/);
  });

  it('pads a batch to its longest sentence and packs it into batch sizes per step', () => {
    const batch = [['a', 'b'], ['c', 'd', 'e', 'f'], ['g'], []];
    const loose = padBatch(batch, false);
    expect(loose.rows.map((r) => r.length)).toEqual([2, 4, 1, 1]);
    expect([loose.steps, loose.real, loose.padded]).toEqual([4, 8, 8]);
    const packed = padBatch(batch, true);
    expect(packed.rows.map((r) => r.length)).toEqual([4, 2, 1, 1]);
    expect(packed.batchSizes).toEqual([4, 2, 1, 1]);
    expect(packed.batchSizes.reduce((a, b) => a + b)).toBe(packed.real);
  });
});
