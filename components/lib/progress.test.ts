import { describe, expect, it } from 'vitest';
import { parseProgress } from './progress';

describe('parseProgress', () => {
  it('reads stored progress', () => {
    expect(parseProgress('{"finished":["the-math","unrolling"],"last":"unrolling"}')).toEqual({
      finished: ['the-math', 'unrolling'],
      last: 'unrolling',
      answers: {},
    });
  });

  it('treats missing, corrupted or wrongly typed values as empty', () => {
    const empty = { finished: [], last: null, answers: {} };
    expect(parseProgress(null)).toEqual(empty);
    expect(parseProgress('{not json')).toEqual(empty);
    expect(parseProgress('42')).toEqual(empty);
    expect(parseProgress('{"finished":"all","last":7}')).toEqual(empty);
  });

  it('drops non-string entries from the finished list', () => {
    expect(parseProgress('{"finished":["a",3,null,"b"]}').finished).toEqual(['a', 'b']);
  });
});

describe('answers to predict questions', () => {
  it('keeps well-formed answers by chapter and question, with their result, and drops malformed ones', () => {
    const raw = JSON.stringify({
      finished: [],
      answers: {
        hyperparameters: {
          'lr-too-high': { choice: 1, at: 5, result: { choice: 1, summary: 'lr 0.003 ended lower.' } },
          number: { value: 0.5, at: 6 },
          empty: { at: 7 },
          bad: 'yes',
        },
        broken: [1, 2],
      },
    });
    expect(parseProgress(raw).answers).toEqual({
      hyperparameters: {
        'lr-too-high': {
          choice: 1,
          value: null,
          at: 5,
          result: { choice: 1, value: null, summary: 'lr 0.003 ended lower.' },
        },
        number: { choice: null, value: 0.5, at: 6, result: null },
      },
    });
  });
});
