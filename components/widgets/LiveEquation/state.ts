// The live-equation widget's URL state table: the input sequence, the current step and the activation.
import { applyPreset, presetField } from '../../lib/urlPreset';
import { field, int, oneOf, urlState, vectorList } from '../../lib/urlState';
import { DEFAULT_SEQUENCE as STEP_CELL_SEQUENCE, stepInside } from '../StepCell/state';
import type { Activation } from './model';

/** Longest input sequence the widget accepts. */
export const MAX_STEPS = 8;

/** The default inputs x_1..x_5 (input size 2): the step-cell widget's sequence, so chapter 2's numbers reappear. */
export const DEFAULT_SEQUENCE = STEP_CELL_SEQUENCE;

export const ACTIVATIONS = ['tanh', 'relu'] as const satisfies readonly Activation[];

/** A ready-made experiment: the state it sets (a chapter's Predict question names it). */
export interface LiveEquationPreset {
  id: string;
  label: string;
  state: { seq: number[][]; t: number; act: Activation };
}

/** The experiments of chapter 3's Predict questions. */
export const LIVE_EQUATION_PRESETS: LiveEquationPreset[] = [
  {
    id: 'relu-step-4',
    label: 'ReLU instead of tanh, at step 4',
    state: { seq: DEFAULT_SEQUENCE.map((x) => [...x]), t: 4, act: 'relu' },
  },
];

/** State table: `live-equation.seq`, `.t`, `.act`, and `.preset` (an experiment's id). */
export const liveEquationSpec = {
  seq: field(
    vectorList(2, MAX_STEPS, -5, 5),
    DEFAULT_SEQUENCE,
    `The inputs x_1..x_T, pairs separated by ";" (1 to ${MAX_STEPS} steps, values −5..5), e.g. 1,0;0,1`,
  ),
  t: field(int(1, MAX_STEPS), 1, 'The current step t (1-based; at most the length of the sequence)'),
  act: field(oneOf(ACTIVATIONS), 'tanh', 'The activation f of the hidden-state update: tanh or relu'),
  preset: presetField(LIVE_EQUATION_PRESETS),
};

/** URL state of the live-equation widget. */
export const liveEquationUrl = urlState('live-equation', liveEquationSpec, {
  reconcile: (state, given) => [...applyPreset(state, given, LIVE_EQUATION_PRESETS), ...stepInside(state)],
});
