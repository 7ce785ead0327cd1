// The normalize-calc widget's URL state: the series, how many of its first values are training data, a prediction.
import { applyPreset, presetField } from '../../lib/urlPreset';
import { field, int, num, numberList, urlState, type StateOf } from '../../lib/urlState';

/** Longest series the calculator takes. */
export const MAX_VALUES = 30;

/** Chapter 11's example series. */
export const CHAPTER_SERIES = [10, 11, 12, 11, 13, 14, 13, 15];

/** The calculator's settings: what an example sets. */
export interface NormalizeSettings {
  seq: number[];
  train: number;
  pred: number;
}

/** Examples the widget offers, and that the chapter's Predict question runs. */
export const NORMALIZE_PRESETS: { id: string; label: string; state: NormalizeSettings }[] = [
  { id: 'chapter', label: 'The chapter’s example', state: { seq: CHAPTER_SERIES, train: 8, pred: 1.2 } },
  { id: 'train-six', label: 'Training on the first 6 values', state: { seq: CHAPTER_SERIES, train: 6, pred: 1.2 } },
  {
    id: 'kelvin',
    label: 'Temperatures in kelvin',
    state: { seq: [281.2, 283.5, 286.1, 284.9, 288.3, 290.2, 287.6, 285.4], train: 8, pred: 0.5 },
  },
];

/** State table: `normalize-calc.seq`, `.train`, `.pred`, and `.preset` (an example's id). */
export const normalizeCalcSpec = {
  seq: field(
    numberList(MAX_VALUES, -1e6, 1e6),
    CHAPTER_SERIES,
    `The series, numbers separated by commas (2 to ${MAX_VALUES} values), e.g. 10,11,12,11`,
  ),
  train: field(
    int(2, MAX_VALUES),
    CHAPTER_SERIES.length,
    'How many of the first values are training data: μ and σ come from these only (at least 2, at most the series)',
  ),
  pred: field(num(-10, 10, 0.1), 1.2, 'A normalized prediction ỹ to turn back into real units (−10..10)'),
  preset: presetField(NORMALIZE_PRESETS),
};

export type NormalizeCalcState = StateOf<typeof normalizeCalcSpec>;

/** The training part cannot be longer than the series: cut to its length, with a notice. */
export function trainInside(state: NormalizeSettings): string[] {
  const n = state.seq.length;
  if (n < 2) {
    state.seq = CHAPTER_SERIES;
    state.train = CHAPTER_SERIES.length;
    return ['The series needs at least 2 values; using the chapter’s.'];
  }
  if (state.train <= n) return [];
  const notice = `The training part (${state.train} values) is longer than the ${n}-value series; using all ${n}.`;
  state.train = n;
  return [notice];
}

/** URL state of the normalize-calc widget. */
export const normalizeCalcUrl = urlState('normalize-calc', normalizeCalcSpec, {
  reconcile: (state, given) => [...applyPreset(state, given, NORMALIZE_PRESETS), ...trainInside(state)],
});
