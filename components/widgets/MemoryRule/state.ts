// The memory-rule widget's URL state table: the input sequence, the rule's two weights and how many steps are shown.
import { applyPreset, presetField } from '../../lib/urlPreset';
import { field, int, num, numberList, urlState, type StateOf } from '../../lib/urlState';

/** Longest input sequence the widget accepts. */
export const MAX_STEPS = 12;

/** Chapter 1's example: x = (1, 0, 0, 2). */
export const CHAPTER_SEQUENCE = [1, 0, 0, 2];

/** The rule's settings: what an example sets. */
export interface MemorySettings {
  seq: number[];
  keep: number;
  mix: number;
  t: number;
}

/** A ready-made experiment: the state it sets, and for predict-then-run questions, what the run answers. */
export interface MemoryPreset {
  id: string;
  label: string;
  state: MemorySettings;
}

/** The presets the widget offers as buttons and answers Predict questions with. */
export const MEMORY_PRESETS: MemoryPreset[] = [
  { id: 'chapter', label: 'The chapter’s example', state: { seq: CHAPTER_SEQUENCE, keep: 0.5, mix: 0.5, t: 4 } },
  {
    id: 'blip',
    label: 'A single 1, then silence',
    state: { seq: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], keep: 0.5, mix: 0.5, t: 10 },
  },
  {
    id: 'long-memory',
    label: 'Keep 0.9: a long memory',
    state: { seq: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], keep: 0.9, mix: 0.1, t: 10 },
  },
  {
    id: 'keep-above-one',
    label: 'Keep 1.1: more than all of it',
    state: { seq: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], keep: 1.1, mix: 0.5, t: 12 },
  },
];

/** State table: `memory-rule.seq`, `.keep`, `.mix`, `.t`, and `.preset` (an example's id). */
export const memoryRuleSpec = {
  seq: field(
    numberList(MAX_STEPS, -5, 5),
    CHAPTER_SEQUENCE,
    `The inputs x_1..x_T separated by commas (1 to ${MAX_STEPS} numbers, each −5..5), e.g. 1,0,0,2`,
  ),
  keep: field(num(-1.5, 1.5, 0.05), 0.5, 'The weight on the old state h_{t−1} (−1.5..1.5)'),
  mix: field(num(-2, 2, 0.05), 0.5, 'The weight on the new input x_t (−2..2)'),
  t: field(
    int(0, MAX_STEPS),
    0,
    'How many steps have been computed (0 = none yet, so a reader can predict first; at most the length of the sequence)',
  ),
  preset: presetField(MEMORY_PRESETS),
};

export type MemoryRuleState = StateOf<typeof memoryRuleSpec>;

/** The shown steps cannot run past the sequence: a longer count is cut to its length, with a notice. */
export function stepsInside(state: MemoryRuleState): string[] {
  const T = state.seq.length;
  if (state.t <= T) return [];
  const notice = `Step ${state.t} is past the end of the ${T}-step sequence; showing all ${T} steps.`;
  state.t = T;
  return [notice];
}

/** URL state of the memory-rule widget. */
export const memoryRuleUrl = urlState('memory-rule', memoryRuleSpec, {
  reconcile: (state, given) => [...applyPreset(state, given, MEMORY_PRESETS), ...stepsInside(state)],
});
