// Word tokenizers for the sentiment task: torchtext's `basic_english` normaliser, reproduced rule for rule,
// so a reader can move between the course's code and `get_tokenizer('basic_english')` in PyTorch.

/** The tokenizer names `getTokenizer` knows: `null` splits on whitespace, as in torchtext. */
export type TokenizerName = 'basic_english' | null;

/** A tokenizer maps one line of text to its tokens. */
export type Tokenizer = (line: string) => string[];

/**
 * torchtext's `_patterns` and `_replacements` (pytorch/text, `torchtext/data/utils.py`), applied in
 * this order after lowercasing. The order matters: `'` is padded before anything else, `"` is deleted,
 * `<br />` (IMDb's line break) becomes a space, `;` and `:` are dropped, and the last rule collapses
 * the whitespace the others introduced. The replacement for `'` really is `' \'  '` (two trailing
 * spaces) upstream; the collapse makes that invisible.
 */
const BASIC_ENGLISH_RULES: readonly (readonly [RegExp, string])[] = [
  [/'/g, " '  "],
  [/"/g, ''],
  [/\./g, ' . '],
  [/<br \/>/g, ' '],
  [/,/g, ' , '],
  [/\(/g, ' ( '],
  [/\)/g, ' ) '],
  [/!/g, ' ! '],
  [/\?/g, ' ? '],
  [/;/g, ' '],
  [/:/g, ' '],
  [/\s+/g, ' '],
];

/**
 * `get_tokenizer('basic_english')`: lowercase, apply torchtext's twelve regex replacements in order,
 * then split on whitespace (Python's `str.split()`, which drops empty strings).
 * Whitespace is JavaScript's `\s`, which differs from Python's only in rare control characters.
 * @example basicEnglish("You can't miss it!") // ['you', 'can', "'", 't', 'miss', 'it', '!']
 */
export function basicEnglish(line: string): string[] {
  let s = line.toLowerCase();
  for (const [pattern, replacement] of BASIC_ENGLISH_RULES) s = s.replace(pattern, replacement);
  return splitWhitespace(s);
}

/** Python's `str.split()` with no argument: runs of whitespace separate tokens; no empty tokens. */
export function splitWhitespace(line: string): string[] {
  return line.split(/\s+/).filter((t) => t.length > 0);
}

/**
 * torchtext's `get_tokenizer` for the two tokenizers that need no external library.
 * @param name 'basic_english', or null for a plain whitespace split
 */
export function getTokenizer(name: TokenizerName): Tokenizer {
  if (name === null) return splitWhitespace;
  if (name === 'basic_english') return basicEnglish;
  throw new Error(`getTokenizer: unknown tokenizer ${JSON.stringify(name)}; use 'basic_english' or null`);
}
