// Tests for the bag-of-words baselines: they learn word polarity, ignore order by construction, and are deterministic.
import { describe, expect, it } from 'vitest';
import { accuracyBySubset, trainLogisticRegression, trainNaiveBayes, type TokenizedExample } from './bagOfWords';

const ex = (s: string, label: 0 | 1): TokenizedExample => ({ tokens: s.split(' '), label });
const train = [
  ex('a great film', 1),
  ex('great acting', 1),
  ex('a superb plot', 1),
  ex('superb and great', 1),
  ex('a dull film', 0),
  ex('dull acting', 0),
  ex('an awful plot', 0),
  ex('awful and dull', 0),
];

describe.each([
  ['naive Bayes', () => trainNaiveBayes(train)],
  ['logistic regression', () => trainLogisticRegression(train)],
])('%s', (_name, make) => {
  const model = make();

  it('learns which words are positive and ignores unseen ones', () => {
    expect(model.predict(['superb', 'zebra'])).toBe(1);
    expect(model.predict(['awful', 'zebra'])).toBe(0);
    expect(model.probability(['great'])).toBeGreaterThan(0.5);
  });

  it('gives the same answer to the same words in any order, so one of a mirrored pair is always wrong', () => {
    const a = 'the plot is dull but the acting is great'.split(' ');
    const b = 'the acting is great but the plot is dull'.split(' ');
    expect(model.probability(a)).toBeCloseTo(model.probability(b), 12);
    const acc = accuracyBySubset(model, [
      { tokens: a, label: 1 },
      { tokens: b, label: 0 },
    ]);
    expect(acc.all.accuracy).toBe(0.5);
  });

  it('is deterministic', () => {
    expect(make().probability(['great', 'dull', 'plot'])).toBe(model.probability(['great', 'dull', 'plot']));
  });
});

describe('accuracyBySubset', () => {
  it('measures overall and per subset, NaN for an empty subset', () => {
    const model = trainNaiveBayes(train);
    const test = [ex('great', 1), ex('dull', 0), ex('great', 0)];
    const r = accuracyBySubset(model, test, { first: (i) => i === 0, none: () => false });
    expect(r.all).toEqual({ accuracy: 2 / 3, count: 3 });
    expect(r.first).toEqual({ accuracy: 1, count: 1 });
    expect(r.none.accuracy).toBeNaN();
  });

  it('naive Bayes refuses a single class', () => {
    expect(() => trainNaiveBayes([ex('a', 1)])).toThrow(/both classes/);
  });
});
