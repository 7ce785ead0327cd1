// The step-cell widget's URL state table: the input sequence, the current step, and an optional hand-set h_{t-1}.
import { applyPreset, presetField } from '../../lib/urlPreset';
import { field, int, urlState, vector, vectorList, type StateOf } from '../../lib/urlState';

/** Longest input sequence the widget accepts. */
export const MAX_STEPS = 8;

/** The default input sequence x_1..x_5 (input size 2). */
export const DEFAULT_SEQUENCE = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 0.5],
  [0, 0],
];

/** A ready-made experiment: the state it sets (a chapter's Predict question names it). */
export interface StepCellPreset {
  id: string;
  label: string;
  state: { seq: number[][]; t: number; h: number[] };
}

/** The experiments of chapter 2's Predict questions. */
export const STEP_CELL_PRESETS: StepCellPreset[] = [
  {
    id: 'five-five',
    label: 'A large input at step 2, x₂ = (5, 5)',
    state: { seq: DEFAULT_SEQUENCE.map((x, i) => (i === 1 ? [5, 5] : [...x])), t: 2, h: [] },
  },
];

/** State table: `step-cell.seq`, `step-cell.t`, `step-cell.h`, and `.preset` (an experiment's id). */
export const stepCellSpec = {
  seq: field(
    vectorList(2, MAX_STEPS, -5, 5),
    DEFAULT_SEQUENCE,
    `The inputs x_1..x_T, pairs separated by ";" (1 to ${MAX_STEPS} steps, values −5..5), e.g. 1,0;0,1;1,1`,
  ),
  t: field(int(1, MAX_STEPS), 1, 'The current step t (1-based; at most the length of the sequence)'),
  h: field(
    vector(3, -5, 5),
    [] as number[],
    'A hand-set previous state h_{t-1}, three numbers; omit it to carry the state from h_0 = 0 through the sequence',
  ),
  preset: presetField(STEP_CELL_PRESETS),
};

/** The step must be inside the sequence: one past the end starts over at step 1, with a notice. */
export function stepInside(state: Pick<StateOf<typeof stepCellSpec>, 't' | 'seq'>): string[] {
  const T = state.seq.length;
  if (state.t <= T) return [];
  const notice = `Step ${state.t} is past the end of the ${T}-step sequence; starting at step 1.`;
  state.t = 1;
  return [notice];
}

/** URL state of the step-cell widget. */
export const stepCellUrl = urlState('step-cell', stepCellSpec, {
  reconcile: (state, given) => [...applyPreset(state, given, STEP_CELL_PRESETS), ...stepInside(state)],
});
