// Tests for the basic_english tokenizer: torchtext's documented example and each of its replacement rules.
import { describe, expect, it } from 'vitest';
import { basicEnglish, getTokenizer, splitWhitespace } from './tokenize';

describe('basicEnglish', () => {
  it("reproduces torchtext's docstring example", () => {
    expect(basicEnglish('You can now install TorchText using pip!')).toEqual([
      'you',
      'can',
      'now',
      'install',
      'torchtext',
      'using',
      'pip',
      '!',
    ]);
  });

  it('splits off apostrophes, periods, commas, brackets, ! and ?', () => {
    expect(basicEnglish("It isn't bad (really), is it? Yes.")).toEqual([
      'it',
      'isn',
      "'",
      't',
      'bad',
      '(',
      'really',
      ')',
      ',',
      'is',
      'it',
      '?',
      'yes',
      '.',
    ]);
  });

  it('removes double quotes, semicolons, colons and IMDb line breaks', () => {
    expect(basicEnglish('"Great"; truly: great.<br /><br />Go')).toEqual(['great', 'truly', 'great', '.', 'go']);
  });

  it('keeps hyphens and other symbols inside tokens, as torchtext does', () => {
    expect(basicEnglish('A well-made, 10/10 film -- wow')).toEqual([
      'a',
      'well-made',
      ',',
      '10/10',
      'film',
      '--',
      'wow',
    ]);
  });

  it('collapses every run of whitespace and returns nothing for a blank line', () => {
    expect(basicEnglish('  Tabs\tand\nnewlines  ')).toEqual(['tabs', 'and', 'newlines']);
    expect(basicEnglish(' \t\n')).toEqual([]);
  });

  it('treats a literal "<br/>" without the space as text, like the upstream pattern', () => {
    expect(basicEnglish('a<br/>b')).toEqual(['a<br/>b']);
  });
});

describe('getTokenizer', () => {
  it('returns basic_english or a whitespace split, and rejects other names', () => {
    expect(getTokenizer('basic_english')('Hi!')).toEqual(['hi', '!']);
    expect(getTokenizer(null)('Hi!  there')).toEqual(['Hi!', 'there']);
    expect(splitWhitespace('')).toEqual([]);
    expect(() => getTokenizer('spacy' as never)).toThrow(/unknown tokenizer "spacy"/);
  });
});
