// Tests for the corpus tagger and file parser.
import { describe, expect, it } from 'vitest';
import { flagsOf, parseSentimentCorpus, tagSentence } from './sentiment';

describe('tagSentence', () => {
  it('finds negation, including contractions and "far from"', () => {
    expect(tagSentence('The plot is not original.').negation).toBe(true);
    expect(tagSentence("The acting isn't convincing.").negation).toBe(true);
    expect(tagSentence('The ending is far from satisfying.').negation).toBe(true);
    expect(tagSentence('It is neither scary nor funny.').negation).toBe(true);
    expect(tagSentence("The director's cut is long.").negation).toBe(false);
    expect(tagSentence('A far better film.').negation).toBe(false);
  });

  it('finds contrast and intensifiers', () => {
    expect(flagsOf('The plot is thin, but the acting is superb.')).toBe('c');
    expect(flagsOf('Although the score is a bit repetitive, I loved it.')).toBe('ci');
    expect(flagsOf('An extremely dull film.')).toBe('i');
    expect(flagsOf('A bitter film.')).toBe('');
  });
});

describe('parseSentimentCorpus', () => {
  it('reads rows into examples with their tags', () => {
    const c = parseSentimentCorpus({
      train: [
        ['Not good.', 0, 'n'],
        ['Great!', 1, 'h'],
      ],
      validation: [],
      test: [['Good but slow.', 0, 'c']],
    });
    expect(c.train[0]).toEqual({
      text: 'Not good.',
      label: 0,
      negation: true,
      contrast: false,
      intensifier: false,
      handwritten: false,
    });
    expect(c.train[1].handwritten).toBe(true);
    expect(c.test[0].contrast).toBe(true);
  });

  it('refuses a missing split or a malformed row', () => {
    expect(() => parseSentimentCorpus({ train: [], validation: [] })).toThrow(/no test split/);
    expect(() => parseSentimentCorpus({ train: [['x', 2, '']], validation: [], test: [] })).toThrow(/train\[0\]/);
  });
});
