// Tests for text normalisation: the alphabet, replacements, whitespace, the book's assembly and the validation split.
import { describe, expect, it } from 'vitest';
import { CHAR_ALPHABET, normalizeParagraph, normalizeText, prepareMobyDick, splitText } from './text';

describe('CHAR_ALPHABET', () => {
  it('has 75 distinct characters', () => {
    expect(new Set(CHAR_ALPHABET).size).toBe(75);
    expect(CHAR_ALPHABET.length).toBe(75);
  });
});

describe('normalizeParagraph', () => {
  it('maps dashes, brackets and ligatures, strips accents and drops the rest', () => {
    expect(normalizeParagraph('ago\u2014never mind')).toBe('ago--never mind');
    expect(normalizeParagraph('[Exit] Enderby & Sons, $20 *')).toBe('(Exit) Enderby and Sons, 20');
    expect(normalizeParagraph('WH\u0152L caf\u00e9 \u03ba\u03b7\u03c4\u03bf\u03c2 end')).toBe('WHOEL cafe end');
    expect(normalizeParagraph('\u201cYes,\u201d he said \u2018so\u2019')).toBe('"Yes," he said \'so\'');
  });

  it('collapses all whitespace, including newlines, to single spaces', () => {
    expect(normalizeParagraph('  a\tb \n  c  ')).toBe('a b c');
  });
});

describe('normalizeText', () => {
  it('puts one paragraph per line and drops empty ones', () => {
    expect(normalizeText('First line\nstill first.\n\n\n  \n\nSecond.  \n\n')).toBe('First line still first.\nSecond.');
  });

  it('never leaves a character outside the alphabet', () => {
    const out = normalizeText('Ünïcödé — “quotes” ½ € 😀 ok');
    for (const ch of out) expect(CHAR_ALPHABET).toContain(ch);
  });
});

describe('prepareMobyDick', () => {
  const parts = [
    { chapter: 'Contents', title: '', text: 'CONTENTS\n\nCHAPTER 1. Loomings.' },
    { chapter: 'Etymology', title: '(Usher)', text: 'ETYMOLOGY.' },
    {
      chapter: '1',
      title: 'Loomings.',
      text: 'Call me Ishmael. Some years ago\u2014never mind.\n\nThere now is your insular city.',
    },
    { chapter: 'Epilogue', title: 'Job.', text: "Epilogue Job.\n\nThe drama's done." },
  ];

  it('keeps numbered chapters with headings and the Epilogue, in order', () => {
    expect(prepareMobyDick(parts)).toBe(
      "CHAPTER 1. Loomings.\nCall me Ishmael. Some years ago--never mind.\nThere now is your insular city.\nEpilogue Job.\nThe drama's done.",
    );
  });

  it('fails clearly on input without chapters', () => {
    expect(() => prepareMobyDick([parts[0]])).toThrow(/no chapters/);
  });
});

describe('splitText', () => {
  it('cuts at the paragraph break nearest the fraction', () => {
    const text = 'aaaa\nbbbb\ncccc\ndddd\neeee';
    const { train, validation } = splitText(text, 0.2);
    expect(train).toBe('aaaa\nbbbb\ncccc\ndddd');
    expect(validation).toBe('eeee');
  });

  it('falls back to a plain cut in a text without breaks, and checks the fraction', () => {
    expect(splitText('abcdefghij', 0.3)).toEqual({ train: 'abcdefg', validation: 'hij' });
    expect(() => splitText('abc', 1)).toThrow(RangeError);
  });
});
