// Number names: the British forms the data uses, the longest name, the round trip words → number, and the check of
// a typed phrase (unknown words and digits refused with a sentence, hyphens and case accepted).
import { describe, expect, it } from 'vitest';
import { MAX_NUMBER, MAX_WORDS, numberToWords, parsePhrase, valueOf, wordsAsText } from './numberWords';

const name = (n: number): string => wordsAsText(numberToWords(n));

describe('numberToWords', () => {
  it('writes every form of name', () => {
    expect(name(0)).toBe('zero');
    expect(name(12)).toBe('twelve');
    expect(name(40)).toBe('forty');
    expect(name(77)).toBe('seventy-seven');
    expect(name(300)).toBe('three hundred');
    expect(name(312)).toBe('three hundred and twelve');
    expect(name(1005)).toBe('one thousand and five');
    expect(name(1200)).toBe('one thousand two hundred');
    expect(name(21_340)).toBe('twenty-one thousand three hundred and forty');
    expect(name(400_000)).toBe('four hundred thousand');
    expect(name(999_999)).toBe('nine hundred and ninety-nine thousand nine hundred and ninety-nine');
    expect(() => numberToWords(MAX_NUMBER + 1)).toThrow(RangeError);
    expect(() => numberToWords(1.5)).toThrow(RangeError);
  });

  it('has names of at most MAX_WORDS words, and every name reads back as its number', () => {
    let longest = 0;
    for (let n = 0; n <= MAX_NUMBER; n += 37) {
      const words = numberToWords(n);
      longest = Math.max(longest, words.length);
      expect(valueOf(words)).toBe(n);
    }
    expect(numberToWords(777_777)).toHaveLength(MAX_WORDS);
    expect(longest).toBeLessThanOrEqual(MAX_WORDS);
  });
});

describe('parsePhrase', () => {
  it('splits at spaces, hyphens and commas, ignores case, and names the number', () => {
    expect(parsePhrase('  Three hundred and Twelve ')).toEqual({
      ok: true,
      words: ['three', 'hundred', 'and', 'twelve'],
      value: 312,
    });
    expect(parsePhrase('twenty-one thousand, three hundred and forty')).toMatchObject({ ok: true, value: 21_340 });
  });

  it('accepts known words that are not a name the data writes, with no value', () => {
    expect(parsePhrase('three hundred twelve')).toEqual({
      ok: true,
      words: ['three', 'hundred', 'twelve'],
      value: null,
    });
    expect(parsePhrase('and and')).toMatchObject({ ok: true, value: null });
  });

  it('refuses unknown words, digits, empty and overlong input with a sentence', () => {
    const bad = parsePhrase('three million <b>x</b>');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/does not know the words “million”, “<b>x<\/b>”/);
    const digits = parsePhrase('312');
    expect(!digits.ok && digits.error).toMatch(/Write numbers in words/);
    expect(parsePhrase('   ').ok).toBe(false);
    expect(parsePhrase('one '.repeat(21)).ok).toBe(false);
    expect(parsePhrase('x'.repeat(500)).ok).toBe(false);
  });
});
