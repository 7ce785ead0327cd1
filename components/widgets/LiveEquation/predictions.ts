// What the live equation's experiments show, for chapter 3's Predict questions: computed by the widget's own model.
import { fmtVector } from '../../lib/format';
import type { PredictResult } from '../../lib/predict';
import { runSequence, type EquationStep } from './model';
import { LIVE_EQUATION_PRESETS } from './state';

/** The choices of the question "how many units of h_t are exactly 0?", in the chapter's order. */
export const ZERO_UNITS_CHOICES = ['None', 'One', 'Two', 'All three'];

/** The step the preset `id` shows, computed over its sequence with its activation, or null. */
export function presetStep(id: string): EquationStep | null {
  const preset = LIVE_EQUATION_PRESETS.find((p) => p.id === id);
  if (!preset) return null;
  const { seq, t, act } = preset.state;
  return runSequence(seq, act)[t - 1];
}

/** The result of the experiment `id`: how many units of its h_t are exactly 0. */
export function liveEquationOutcome(id: string): PredictResult | null {
  const step = presetStep(id);
  if (!step) return null;
  const t = LIVE_EQUATION_PRESETS.find((p) => p.id === id)!.state.t;
  const zeros = step.h.filter((v) => v === 0).length;
  return {
    choice: zeros,
    value: null,
    summary: `At step ${t} the widget shows a${t} = ${fmtVector(step.a)} and h${t} = ${fmtVector(step.h)}.`,
  };
}
