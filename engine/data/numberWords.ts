// English number names from 0 to 999,999 as the translation task reads them ("three hundred and twelve"), their
// digits, and the check of a phrase a reader types: words split at spaces, hyphens and commas, each one a known word.

/** The largest number the task names. */
export const MAX_NUMBER = 999_999;

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;

/** Every word a number name uses, in the order of the source vocabulary (index 0 is padding). */
export const NUMBER_WORDS: readonly string[] = [...UNITS, ...TENS, 'hundred', 'thousand', 'and'];

/** The longest name, in words ("seven hundred and seventy seven thousand seven hundred and seventy seven"). */
export const MAX_WORDS = 11;

/** The most words a typed phrase may have: the longest name and a little more, so a wrong phrase still gets an answer. */
export const MAX_PHRASE_WORDS = 20;

/** 1 to 99 as words: "twelve", "seventy seven" (the hyphen of "seventy-seven" is a word break). */
function belowHundred(n: number): string[] {
  if (n < 20) return [UNITS[n]];
  const tens = TENS[Math.floor(n / 10) - 2];
  return n % 10 === 0 ? [tens] : [tens, UNITS[n % 10]];
}

/** 1 to 999 as words, British style: "three hundred and twelve", "four hundred", "twelve". */
function belowThousand(n: number): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return belowHundred(rest);
  const head = [UNITS[hundreds], 'hundred'];
  return rest === 0 ? head : [...head, 'and', ...belowHundred(rest)];
}

/**
 * The English name of a whole number from 0 to 999,999, word by word, British style ("and" before the tens):
 * 312 → three hundred and twelve; 4005 → four thousand and five; 21,340 → twenty one thousand three hundred and forty.
 * @throws RangeError outside 0..MAX_NUMBER
 */
export function numberToWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_NUMBER)
    throw new RangeError(`numberToWords: ${n} is not a whole number from 0 to ${MAX_NUMBER}`);
  if (n === 0) return ['zero'];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (thousands === 0) return belowThousand(rest);
  const head = [...belowThousand(thousands), 'thousand'];
  if (rest === 0) return head;
  // "one thousand and five", but "one thousand two hundred and five".
  return rest < 100 ? [...head, 'and', ...belowHundred(rest)] : [...head, ...belowThousand(rest)];
}

/** A name as it is printed: words joined by spaces, "seventy seven" written "seventy-seven". */
export function wordsAsText(words: readonly string[]): string {
  const out: string[] = [];
  for (const w of words) {
    const prev = out.length > 0 ? out[out.length - 1] : '';
    const unit = UNITS.indexOf(w as (typeof UNITS)[number]);
    if ((TENS as readonly string[]).includes(prev) && unit >= 1 && unit <= 9) out[out.length - 1] = `${prev}-${w}`;
    else out.push(w);
  }
  return out.join(' ');
}

/** The number of words in n's name, without building it. */
export function wordCount(n: number): number {
  return numberToWords(n).length;
}

/** What checking a typed phrase gives: its words, or a sentence saying what is wrong. */
export type PhraseResult =
  | {
      ok: true;
      words: string[];
      /** The number these words name when they are its name exactly as the data writes it, else null. */
      value: number | null;
    }
  | { ok: false; error: string };

/** At most this many characters of a typed phrase are read. */
const MAX_PHRASE_CHARS = 400;

const known = new Set(NUMBER_WORDS);

/** A word as an error sentence quotes it: at most 20 characters, printable ones only. */
function quoted(word: string): string {
  const printable = Array.from(word.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '?'));
  return `“${printable.length > 20 ? `${printable.slice(0, 19).join('')}…` : printable.join('')}”`;
}

/**
 * Reads a phrase a reader typed: lower case, words split at spaces, hyphens and commas. Every word must be one of
 * NUMBER_WORDS and there must be 1 to MAX_PHRASE_WORDS of them. Words that are not the exact name of a number (in the
 * data's way of writing it) are accepted, with `value` null: the model still reads them.
 * @returns the words and the number they name, or `{ ok: false, error }` with a sentence for the reader
 */
export function parsePhrase(text: string): PhraseResult {
  if (text.length > MAX_PHRASE_CHARS)
    return {
      ok: false,
      error: `That is ${text.length} characters; a number name here has at most ${MAX_PHRASE_CHARS}.`,
    };
  const words = text
    .toLowerCase()
    .split(/[\s,\-‐‑–]+/u)
    .filter((w) => w.length > 0);
  if (words.length === 0) return { ok: false, error: 'Type a number in words, such as “three hundred and twelve”.' };
  const unknown = [...new Set(words.filter((w) => !known.has(w)))];
  if (unknown.length > 0) {
    const digits = unknown.some((w) => /\d/.test(w)) ? ' Write numbers in words, not digits.' : '';
    const list = unknown.slice(0, 3).map(quoted).join(', ');
    const more = unknown.length > 3 ? ` and ${unknown.length - 3} more` : '';
    return {
      ok: false,
      error:
        `The model does not know ${unknown.length === 1 ? 'the word' : 'the words'} ${list}${more}.${digits} ` +
        `It reads only zero to nineteen, the tens (twenty … ninety), hundred, thousand and “and”.`,
    };
  }
  if (words.length > MAX_PHRASE_WORDS)
    return {
      ok: false,
      error: `That is ${words.length} words; the longest name here has ${MAX_WORDS}, and the model reads at most ${MAX_PHRASE_WORDS}.`,
    };
  return { ok: true, words, value: valueOf(words) };
}

/** The number whose name is exactly `words`, or null. */
export function valueOf(words: readonly string[]): number | null {
  // Read the words leniently into a number, then accept it only if its own name is these words.
  let total = 0;
  let group = 0;
  for (const w of words) {
    const unit = UNITS.indexOf(w as (typeof UNITS)[number]);
    const tens = TENS.indexOf(w as (typeof TENS)[number]);
    if (unit >= 0) group += unit;
    else if (tens >= 0) group += (tens + 2) * 10;
    else if (w === 'hundred') group *= 100;
    else if (w === 'thousand') {
      total += group * 1000;
      group = 0;
    }
  }
  const n = total + group;
  if (n > MAX_NUMBER) return null;
  const name = numberToWords(n);
  return name.length === words.length && name.every((w, i) => w === words[i]) ? n : null;
}
