// The bptt-stepper's URL state table: the word the RNN reads, the seed of its weights, and the step of the backward pass shown.
import { field, int, urlState, type Codec, type StateOf } from '../../lib/urlState';

/** Shortest and longest word: T = length − 1 steps, at least 2 and at most 9. */
export const MIN_WORD = 3;
export const MAX_WORD = 10;

/** The default word: Karpathy's classic "hello" (read h e l l, predict e l l o). */
export const DEFAULT_WORD = 'hello';

/** Why `word` cannot be the widget's word, or null when it can: lowercase a–z, MIN_WORD..MAX_WORD letters, two different ones at least. */
export function wordProblem(word: string): string | null {
  if (word.length < MIN_WORD || word.length > MAX_WORD) return `must have ${MIN_WORD} to ${MAX_WORD} letters`;
  if (!/^[a-z]+$/.test(word)) return 'may use only the letters a to z';
  if (new Set(word).size < 2) return 'needs at least two different letters';
  return null;
}

/** A word of lowercase letters (see `wordProblem`). */
export const wordCodec: Codec<string> = {
  parse(raw) {
    const problem = wordProblem(raw);
    return problem === null ? { value: raw } : { error: problem };
  },
  format: (value) => value,
};

/** The step shown, 1..MAX_WORD − 1, or null for "the last step T" (where the backward pass starts). */
export const stepCodec: Codec<number | null> = {
  parse(raw) {
    const parsed = int(1, MAX_WORD - 1).parse(raw);
    return 'error' in parsed ? parsed : { value: parsed.value };
  },
  format: (value) => (value === null ? '' : String(value)),
};

/** State table: `bptt-stepper.word`, `bptt-stepper.seed`, `bptt-stepper.t`. */
export const bpttStepperSpec = {
  word: field(
    wordCodec,
    DEFAULT_WORD,
    `The word the RNN reads, predicting each next letter: ${MIN_WORD} to ${MAX_WORD} lowercase letters a–z, at least two different`,
  ),
  seed: field(int(0, 9999), 1, 'Seed of the initial weights (0–9999)'),
  t: field(
    stepCodec,
    null,
    'The step of the backward pass shown, from T (the word’s length − 1) down to 1; omitted: T',
  ),
};

/** The step must be one the word has (T = its length − 1): past the end, the backward pass starts at T, with a notice. */
function stepInside(state: StateOf<typeof bpttStepperSpec>): string[] {
  const T = state.word.length - 1;
  if (state.t === null || state.t <= T) return [];
  const notice = `Step ${state.t} is past the end of “${state.word}” (T = ${T}); starting at t = ${T}.`;
  state.t = null;
  return [notice];
}

/** URL state of the bptt-stepper widget. */
export const bpttStepperUrl = urlState('bptt-stepper', bpttStepperSpec, { reconcile: stepInside });
