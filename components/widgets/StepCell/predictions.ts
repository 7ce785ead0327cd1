// What the step-cell's experiments show, for chapter 2's Predict questions: computed by the cell's own model.
import { fmtVector } from '../../lib/format';
import type { PredictResult } from '../../lib/predict';
import { carriedState, cellStep, isSaturated } from './model';
import { STEP_CELL_PRESETS } from './state';

/** The choices of the question "how many units saturate?", in the chapter's order. */
export const SATURATED_CHOICES = ['All three', 'Two', 'Only one', 'None'];

/** The state h_t the preset `id` shows (h_0 = 0 carried through its sequence up to its step), or null. */
export function presetState(id: string): number[] | null {
  const preset = STEP_CELL_PRESETS.find((p) => p.id === id);
  if (!preset) return null;
  const { seq, t } = preset.state;
  return cellStep(seq[t - 1], carriedState(seq, t - 1)).h;
}

/** The result of the experiment `id`: how many units of its h_t are saturated, as the widget marks them. */
export function stepCellOutcome(id: string): PredictResult | null {
  const h = presetState(id);
  if (!h) return null;
  const t = STEP_CELL_PRESETS.find((p) => p.id === id)!.state.t;
  const saturated = h.filter(isSaturated).length;
  const which = h.map((v, i) => (isSaturated(v) ? i + 1 : 0)).filter((i) => i > 0);
  return {
    choice: 3 - saturated,
    value: null,
    summary:
      `The widget shows h${t} = ${fmtVector(h)}: ${saturated} of 3 units saturated` +
      (which.length > 0 ? ` (unit ${which.join(' and ')}).` : '.'),
  };
}
