// The unrolling widget's vocabulary: a space and the 26 lowercase letters, and the rules that turn whatever the
// reader typed into a sequence the network can read (capitals lowered, other characters skipped, length capped).

/** The characters the network knows, in index order: index 0 is the space, then a–z. */
export const ALPHABET = ' abcdefghijklmnopqrstuvwxyz';

/** vocabSize: how many characters the network reads and predicts. */
export const VOCAB_SIZE = ALPHABET.length;

/** Longest sequence the widget unrolls; longer text is cut with a notice. */
export const MAX_LENGTH = 20;

/** What the widget shows when the reader's text has nothing it can use. */
export const DEFAULT_TEXT = 'hello';

/** A typed text made readable by the network. */
export interface Encoded {
  /** The text actually run, one character per time step (length 1..MAX_LENGTH). */
  text: string;
  /** [seqLen] indices into ALPHABET. */
  ids: number[];
  /** Short messages for the reader about what was changed, empty when the text was used as typed. */
  notices: string[];
}

/** Label of a character for display: the space is shown as ␣ so it can be seen. */
export function charLabel(ch: string): string {
  return ch === ' ' ? '␣' : ch;
}

/** Index of `ch` in ALPHABET. */
export function charIndex(ch: string): number {
  const i = ALPHABET.indexOf(ch);
  if (i < 0 || ch.length !== 1) throw new Error(`charIndex: ${JSON.stringify(ch)} is not in the alphabet`);
  return i;
}

/**
 * Turn the reader's text into the sequence the network runs: letters are lowercased, any whitespace becomes
 * one space, other characters are skipped, the result is cut to MAX_LENGTH; an empty result falls back to
 * DEFAULT_TEXT. Every change is reported in `notices`.
 */
export function encodeText(raw: string): Encoded {
  const notices: string[] = [];
  const skipped = new Set<string>();
  let lowered = false;
  let kept = '';
  for (const original of raw) {
    let ch = original;
    if (/\s/.test(ch)) ch = ' ';
    const lower = ch.toLowerCase();
    if (lower !== ch && ALPHABET.includes(lower)) {
      lowered = true;
      ch = lower;
    }
    if (ch.length === 1 && ALPHABET.includes(ch)) kept += ch;
    else skipped.add(original);
  }
  if (lowered) notices.push('Capital letters are read as lowercase.');
  if (skipped.size > 0) {
    const list = [...skipped]
      .slice(0, 6)
      .map((c) => `“${c}”`)
      .join(' ');
    notices.push(
      `The network only knows a–z and the space, so ` +
        `${skipped.size === 1 ? 'this character was' : 'these characters were'} skipped: ` +
        `${list}${skipped.size > 6 ? ' …' : ''}.`,
    );
  }
  if ([...kept].length > MAX_LENGTH) {
    kept = kept.slice(0, MAX_LENGTH);
    notices.push(`Only the first ${MAX_LENGTH} characters are unrolled.`);
  }
  if (kept.length === 0) {
    kept = DEFAULT_TEXT;
    notices.push(`There was nothing to unroll, so the widget shows “${DEFAULT_TEXT}”.`);
  }
  return { text: kept, ids: [...kept].map(charIndex), notices };
}
