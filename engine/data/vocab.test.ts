// Tests for vocabularies: torchtext's ordering, minFreq/maxTokens semantics, specials, default index, and the char vocabulary.
import { describe, expect, it } from 'vitest';
import {
  buildCharVocab,
  buildVocabFromIterator,
  buildWordVocab,
  decodeChars,
  encodeChars,
  PAD,
  UNK,
  Vocab,
} from './vocab';

const corpus = [
  ['the', 'film', 'is', 'good'],
  ['the', 'film', 'is', 'not', 'good'],
  ['a', 'bad', 'film'],
];

describe('buildVocabFromIterator', () => {
  it('orders by descending frequency, then lexicographically, like torchtext', () => {
    // film 3; good, is, the 2; a, bad, not 1
    expect(buildVocabFromIterator(corpus).getItos()).toEqual(['film', 'good', 'is', 'the', 'a', 'bad', 'not']);
  });

  it('puts specials first or last and removes them from the counted tokens', () => {
    expect(buildVocabFromIterator([['x', '<unk>', 'x']], { specials: ['<unk>'] }).getItos()).toEqual(['<unk>', 'x']);
    expect(buildVocabFromIterator([['x']], { specials: ['<unk>'], specialFirst: false }).getItos()).toEqual([
      'x',
      '<unk>',
    ]);
  });

  it('applies maxTokens before minFreq, counting the specials, as upstream does', () => {
    const v = buildVocabFromIterator(corpus, { specials: ['<unk>'], maxTokens: 4 });
    expect(v.getItos()).toEqual(['<unk>', 'film', 'good', 'is']);
    expect(buildVocabFromIterator(corpus, { minFreq: 2 }).getItos()).toEqual(['film', 'good', 'is', 'the']);
    expect(() => buildVocabFromIterator(corpus, { specials: ['a', 'b'], maxTokens: 2 })).toThrow(/only specials/);
    expect(() => buildVocabFromIterator(corpus, { minFreq: 0 })).toThrow(/minFreq/);
  });

  it('sets no default index, so unknown tokens throw', () => {
    expect(() => buildVocabFromIterator(corpus).get('zebra')).toThrow(/not in the vocabulary/);
  });
});

describe('buildWordVocab', () => {
  it('puts <unk> at 0 and <pad> at 1 and maps unknown tokens to <unk>', () => {
    const v = buildWordVocab(corpus, { minFreq: 2 });
    expect(v.get(UNK)).toBe(0);
    expect(v.get(PAD)).toBe(1);
    expect(v.getDefaultIndex()).toBe(0);
    expect(Array.from(v.lookupIndices(['the', 'zebra', 'bad']))).toEqual([v.get('the'), 0, 0]);
    expect(v.lookupTokens([2, 3])).toEqual(['film', 'good']);
  });

  it('caps the size including the specials', () => {
    expect(buildWordVocab(corpus, { maxSize: 3 }).length).toBe(3);
  });
});

describe('Vocab', () => {
  it('rejects duplicates, bad indices and bad default indices', () => {
    expect(() => new Vocab(['a', 'a'])).toThrow(/appears twice/);
    expect(() => new Vocab(['a']).lookupToken(1)).toThrow(RangeError);
    expect(() => new Vocab(['a'], 2)).toThrow(/default index/);
  });

  it('round-trips through JSON and validates it', () => {
    const v = buildWordVocab(corpus);
    const back = Vocab.fromJSON(JSON.parse(JSON.stringify(v)));
    expect(back.getItos()).toEqual(v.getItos());
    expect(back.get('nothing-like-this')).toBe(0);
    expect(() => Vocab.fromJSON({ itos: [1, 2] })).toThrow(/itos/);
    expect(() => Vocab.fromJSON({ itos: ['a'], defaultIndex: 'a' })).toThrow(/defaultIndex/);
  });

  it('hands out copies, so callers cannot corrupt it', () => {
    const v = new Vocab(['a', 'b']);
    v.getItos().push('c');
    v.getStoi().set('z', 9);
    expect(v.length).toBe(2);
    expect(v.has('z')).toBe(false);
  });
});

describe('character vocabulary', () => {
  it('sorts distinct characters by code point and round-trips text', () => {
    const v = buildCharVocab('hello, world\n');
    expect(v.getItos()).toEqual(['\n', ' ', ',', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
    const ids = encodeChars(v, 'low\n');
    expect(Array.from(ids)).toEqual([6, 7, 9, 0]);
    expect(decodeChars(v, ids)).toBe('low\n');
    expect(() => encodeChars(v, 'lox')).toThrow(/"x"/);
  });
});
