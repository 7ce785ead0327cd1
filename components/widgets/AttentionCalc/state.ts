// The attention-calc widget's URL state: the encoder states h_1..h_T and the decoder state s_t, all 2-dimensional.
import { applyPreset, presetField } from '../../lib/urlPreset';
import { field, urlState, vector, vectorList, type StateOf } from '../../lib/urlState';

/** Most encoder states the calculator takes. */
export const MAX_STATES = 8;

/** Chapter 11's worked example. */
export const CHAPTER_STATES = [
  [1, 0],
  [0, 1],
  [1, 1],
];
export const CHAPTER_DECODER = [2, 1];

/** The calculator's settings: what an example sets. */
export interface AttentionSettings {
  h: number[][];
  s: number[];
}

/** Examples the widget offers, and that the chapter's Predict question runs. */
export const ATTENTION_PRESETS: { id: string; label: string; state: AttentionSettings }[] = [
  { id: 'chapter', label: 'The chapter’s example', state: { h: CHAPTER_STATES, s: CHAPTER_DECODER } },
  { id: 'double-s', label: 's doubled: (4, 2)', state: { h: CHAPTER_STATES, s: [4, 2] } },
  { id: 'zero-s', label: 's = (0, 0)', state: { h: CHAPTER_STATES, s: [0, 0] } },
];

/** State table: `attention-calc.h`, `.s`, and `.preset` (an example's id). */
export const attentionCalcSpec = {
  h: field(
    vectorList(2, MAX_STATES, -5, 5),
    CHAPTER_STATES,
    `The encoder states h_1..h_T, pairs separated by ";" (1 to ${MAX_STATES}, values −5..5), e.g. 1,0;0,1;1,1`,
  ),
  s: field(vector(2, -5, 5), CHAPTER_DECODER, 'The decoder state s_t, two numbers (−5..5), e.g. 2,1'),
  preset: presetField(ATTENTION_PRESETS),
};

export type AttentionCalcState = StateOf<typeof attentionCalcSpec>;

/** URL state of the attention-calc widget. */
export const attentionCalcUrl = urlState('attention-calc', attentionCalcSpec, {
  reconcile: (state, given) => applyPreset(state, given, ATTENTION_PRESETS),
});
