import { describe, expect, it } from 'vitest';
import { ALPHABET, charIndex, charLabel, DEFAULT_TEXT, encodeText, MAX_LENGTH } from './vocab';

describe('unrolling vocabulary', () => {
  it('has the space and a–z, each once', () => {
    expect(ALPHABET).toHaveLength(27);
    expect(new Set(ALPHABET).size).toBe(27);
    expect(charIndex(' ')).toBe(0);
    expect(charIndex('a')).toBe(1);
    expect(charIndex('z')).toBe(26);
    expect(() => charIndex('A')).toThrow(/not in the alphabet/);
    expect(charLabel(' ')).toBe('␣');
  });

  it('encodes plain text as typed, with no notice', () => {
    expect(encodeText('hello')).toEqual({ text: 'hello', ids: [8, 5, 12, 12, 15], notices: [] });
  });

  it('lowers capitals and turns other whitespace into spaces, saying so for the capitals', () => {
    const e = encodeText('Hi\tYou');
    expect(e.text).toBe('hi you');
    expect(e.notices).toEqual(['Capital letters are read as lowercase.']);
  });

  it('skips unknown characters and names them', () => {
    const e = encodeText('héllo, 42!');
    expect(e.text).toBe('hllo ');
    expect(e.notices).toHaveLength(1);
    expect(e.notices[0]).toContain('“é”');
    expect(e.notices[0]).toContain('“4”');
    expect(e.notices[0]).toContain('skipped');
  });

  it('cuts long text to MAX_LENGTH characters with a notice', () => {
    const e = encodeText('abcdefghijklmnopqrstuvwxyz');
    expect(e.text).toBe('abcdefghijklmnopqrstuvwxyz'.slice(0, MAX_LENGTH));
    expect(e.ids).toHaveLength(MAX_LENGTH);
    expect(e.notices).toEqual([`Only the first ${MAX_LENGTH} characters are unrolled.`]);
  });

  it('falls back to the default for empty or unusable text', () => {
    for (const raw of ['', '123 ?'.replace(' ', ''), '🙂']) {
      const e = encodeText(raw);
      expect(e.text).toBe(DEFAULT_TEXT);
      expect(e.notices.at(-1)).toContain('nothing to unroll');
    }
  });
});
