// Vocabularies: token <-> index maps built from token streams, with torchtext's ordering rules, the
// `<unk>`/`<pad>` specials the sentiment task uses, and a character vocabulary for the char model.

/** The unknown-token special; out-of-vocabulary tokens map to it when it is the default index. */
export const UNK = '<unk>';
/** The padding special; padded positions of a batch hold its index. */
export const PAD = '<pad>';

/** A vocabulary as plain data, for a worker message or a JSON file. */
export interface VocabJSON {
  itos: string[];
  /** The index returned for unknown tokens, or null to throw on them. */
  defaultIndex: number | null;
}

/**
 * An index <-> token map, modelled on torchtext's `Vocab`: `get` is `vocab[token]`, `lookupIndices`
 * is `lookup_indices`, `getItos` is `get_itos`. Unknown tokens map to the default index if one is
 * set, otherwise they throw (torchtext raises a RuntimeError).
 */
export class Vocab {
  private readonly itos: string[];
  private readonly stoi: Map<string, number>;
  private defaultIndex: number | null;

  /** @param itos the tokens in index order; they must be distinct. */
  constructor(itos: readonly string[], defaultIndex: number | null = null) {
    this.itos = [...itos];
    this.stoi = new Map();
    this.itos.forEach((token, i) => {
      if (this.stoi.has(token))
        throw new Error(
          `Vocab: token ${JSON.stringify(token)} appears twice (indices ${this.stoi.get(token)} and ${i})`,
        );
      this.stoi.set(token, i);
    });
    this.defaultIndex = null;
    this.setDefaultIndex(defaultIndex);
  }

  /** The number of tokens, `len(vocab)`. */
  get length(): number {
    return this.itos.length;
  }

  /** Whether `token` has its own index (`token in vocab`). */
  has(token: string): boolean {
    return this.stoi.has(token);
  }

  /** The index of `token` (`vocab[token]`), or the default index for an unknown token. */
  get(token: string): number {
    const i = this.stoi.get(token);
    if (i !== undefined) return i;
    if (this.defaultIndex === null)
      throw new Error(`Vocab: token ${JSON.stringify(token)} is not in the vocabulary and no default index is set`);
    return this.defaultIndex;
  }

  /**
   * The indices of a token sequence.
   * @returns [tokens.length] Int32Array
   */
  lookupIndices(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let t = 0; t < tokens.length; t++) out[t] = this.get(tokens[t]);
    return out;
  }

  /** The token at `index`; throws outside [0, length). */
  lookupToken(index: number): string {
    if (!Number.isInteger(index) || index < 0 || index >= this.itos.length)
      throw new RangeError(`Vocab: index ${index} is outside [0, ${this.itos.length})`);
    return this.itos[index];
  }

  /** The tokens at `indices`. */
  lookupTokens(indices: ArrayLike<number>): string[] {
    return Array.from(indices, (i) => this.lookupToken(i));
  }

  /** Sets the index returned for unknown tokens (torchtext's `set_default_index`); null makes them throw. */
  setDefaultIndex(index: number | null): void {
    if (index !== null && (!Number.isInteger(index) || index < 0 || index >= this.itos.length)) {
      throw new RangeError(`Vocab: default index ${index} is outside [0, ${this.itos.length})`);
    }
    this.defaultIndex = index;
  }

  /** The index returned for unknown tokens, or null. */
  getDefaultIndex(): number | null {
    return this.defaultIndex;
  }

  /** A copy of the index-to-token list. */
  getItos(): string[] {
    return [...this.itos];
  }

  /** A copy of the token-to-index map. */
  getStoi(): Map<string, number> {
    return new Map(this.stoi);
  }

  /** Plain data that `Vocab.fromJSON` turns back into an identical vocabulary. */
  toJSON(): VocabJSON {
    return { itos: this.getItos(), defaultIndex: this.defaultIndex };
  }

  /** Rebuilds a vocabulary from `toJSON` output, checking its shape. */
  static fromJSON(json: unknown): Vocab {
    const j = json as Partial<VocabJSON> | null;
    if (!j || !Array.isArray(j.itos) || !j.itos.every((t) => typeof t === 'string'))
      throw new Error('Vocab.fromJSON: expected { itos: string[], defaultIndex }');
    if (j.defaultIndex !== null && typeof j.defaultIndex !== 'number')
      throw new Error('Vocab.fromJSON: defaultIndex must be a number or null');
    return new Vocab(j.itos, j.defaultIndex);
  }
}

/** Options of `buildVocabFromIterator`, named as in torchtext. */
export interface BuildVocabOptions {
  /** Tokens seen fewer times are left out (default 1). */
  minFreq?: number;
  /** Special tokens, kept in the given order (default none). */
  specials?: readonly string[];
  /** Put the specials at the start (default) or the end. */
  specialFirst?: boolean;
  /** Keep only the `maxTokens − specials.length` most frequent tokens, so the whole vocabulary has at most `maxTokens`. */
  maxTokens?: number;
}

/**
 * torchtext's `build_vocab_from_iterator`: count tokens, order by descending frequency then
 * lexicographically, cut to `maxTokens − specials.length` (before the `minFreq` filter, as upstream),
 * drop tokens rarer than `minFreq`, and add the specials. No default index is set, as upstream.
 * @param iterator token lists, e.g. one per sentence
 */
export function buildVocabFromIterator(iterator: Iterable<readonly string[]>, options: BuildVocabOptions = {}): Vocab {
  const { minFreq = 1, specials = [], specialFirst = true, maxTokens } = options;
  if (!Number.isInteger(minFreq) || minFreq < 1)
    throw new RangeError(`buildVocabFromIterator: minFreq must be a positive integer, got ${minFreq}`);
  const counts = new Map<string, number>();
  for (const tokens of iterator) for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  // Python's sorted(key=(-freq, token)) compares strings by code point; for BMP text that is `<` on strings.
  let ordered = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (maxTokens !== undefined) {
    if (specials.length >= maxTokens)
      throw new RangeError(
        'buildVocabFromIterator: len(specials) >= maxTokens, so the vocabulary would hold only specials',
      );
    ordered = ordered.slice(0, maxTokens - specials.length);
  }
  const special = new Set(specials);
  const tokens = ordered.filter(([t, f]) => f >= minFreq && !special.has(t)).map(([t]) => t);
  return new Vocab(specialFirst ? [...specials, ...tokens] : [...tokens, ...specials]);
}

/** Options of `buildWordVocab`. */
export interface WordVocabOptions {
  /** Tokens seen fewer times map to `<unk>` (default 1). */
  minFreq?: number;
  /** At most this many entries including the two specials (default unlimited). */
  maxSize?: number;
}

/**
 * The sentiment task's vocabulary: `<unk>` at index 0 (also the default index), `<pad>` at index 1,
 * then the training tokens by descending frequency. This is the outline's
 * `build_vocab_from_iterator(..., specials=["<unk>"])` plus `set_default_index(vocab["<unk>"])`,
 * with `<pad>` added for padded batches.
 */
export function buildWordVocab(iterator: Iterable<readonly string[]>, options: WordVocabOptions = {}): Vocab {
  const vocab = buildVocabFromIterator(iterator, {
    minFreq: options.minFreq,
    specials: [UNK, PAD],
    maxTokens: options.maxSize,
  });
  vocab.setDefaultIndex(0);
  return vocab;
}

/**
 * A character vocabulary: the distinct characters of `text` sorted by code point (Karpathy's
 * `sorted(set(data))`), no specials and no default index, so an unseen character throws.
 */
export function buildCharVocab(text: string): Vocab {
  const chars = [...new Set(text)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  return new Vocab(chars);
}

/**
 * Encodes a string character by character.
 * @returns [number of characters] Int32Array of indices
 */
export function encodeChars(vocab: Vocab, text: string): Int32Array {
  const chars = Array.from(text);
  const out = new Int32Array(chars.length);
  // A cache keyed by character avoids a Map lookup through `get` per character of a 1 MB book.
  const cache = new Map<string, number>();
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    let idx = cache.get(c);
    if (idx === undefined) {
      idx = vocab.get(c);
      cache.set(c, idx);
    }
    out[i] = idx;
  }
  return out;
}

/** Decodes character indices back into a string. */
export function decodeChars(vocab: Vocab, indices: ArrayLike<number>): string {
  return vocab.lookupTokens(indices).join('');
}
