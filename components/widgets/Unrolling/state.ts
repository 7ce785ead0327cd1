// The unrolling widget's URL state table: the typed text, the current step, the view and the playing speed.
import { applyPreset, presetField } from '../../lib/urlPreset';
import { field, int, oneOf, text, urlState, type StateOf } from '../../lib/urlState';
import { DEFAULT_TEXT, encodeText, MAX_LENGTH } from './vocab';

/** The two pictures of the same network. */
export const VIEWS = ['unrolled', 'folded'] as const;
export type View = (typeof VIEWS)[number];

/** Playing speeds and their time per step in milliseconds. */
export const SPEEDS = { slow: 1400, normal: 800, fast: 350 } as const;
export type Speed = keyof typeof SPEEDS;

/** Longest raw text the URL (and the text field) accepts; the network reads at most MAX_LENGTH of it. */
export const MAX_RAW_LENGTH = 200;

/** A ready-made experiment: the state it sets (a chapter's Predict question names it). */
export interface UnrollingPreset {
  id: string;
  label: string;
  state: { text: string; t: number; view: View };
}

/** The experiments of chapter 4's Predict questions. */
export const UNROLLING_PRESETS: UnrollingPreset[] = [
  { id: 'hello-second-l', label: '“hello” at its second “l”', state: { text: 'hello', t: 4, view: 'unrolled' } },
];

/** State table: `unrolling.text`, `.t`, `.view`, `.speed`, and `.preset` (an experiment's id). */
export const unrollingSpec = {
  text: field(
    text(MAX_RAW_LENGTH),
    DEFAULT_TEXT,
    `The typed sequence (letters and spaces; the first ${MAX_LENGTH} usable characters are unrolled)`,
  ),
  t: field(int(1, MAX_LENGTH), 1, 'The current step t (1-based; at most the length of the sequence)'),
  view: field(oneOf(VIEWS), 'unrolled', 'unrolled: one cell per step; folded: the single cell with its loop'),
  speed: field(oneOf(Object.keys(SPEEDS) as Speed[]), 'normal', 'Playing speed: slow, normal or fast'),
  preset: presetField(UNROLLING_PRESETS),
};

/** The step must be inside the characters the network reads: one past the end starts over at step 1, with a notice. */
function stepInside(state: StateOf<typeof unrollingSpec>): string[] {
  const T = encodeText(state.text).ids.length;
  if (state.t <= T) return [];
  const notice = `Step ${state.t} is past the end of the ${T}-character sequence; starting at step 1.`;
  state.t = 1;
  return [notice];
}

/** URL state of the unrolling widget. */
export const unrollingUrl = urlState('unrolling', unrollingSpec, {
  reconcile: (state, given) => [...applyPreset(state, given, UNROLLING_PRESETS), ...stepInside(state)],
});
