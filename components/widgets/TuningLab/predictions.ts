// What the tuning lab's experiments show, for chapter 8's Predict questions about overfitting: read from the trials of
// the search the lab just ran (their validation curves and the overfitting the lab flags), never stated in advance.
import type { PredictResult } from '../../lib/predict';
import type { Trial } from './runner';

/** The presets (state.ts) whose searches answer a question. */
export const ANSWERING_PRESETS = ['overfit', 'overfit-sizes'];

/** Choices of "what does the validation loss do?", in the chapter's order. */
export const OVERFIT_CHOICES = [
  'Fall all the way too',
  'Fall, then level off',
  'Fall, then turn up while the training loss keeps falling',
];
/** Choices of "does the 16-unit model overfit too?", in the chapter's order. */
export const SMALL_MODEL_CHOICES = [
  'No: it is too small to learn them by heart',
  'Yes, but later and less',
  'Yes, sooner and more',
];

/** A trial's lowest validation loss, the epoch (evaluation) it came at, and how far above it the last one ends. */
export function curveOf(trial: Trial): { lowest: number; at: number; epoch: number; last: number; rise: number } {
  const evals = trial.record.evals;
  let best = 0;
  evals.forEach((e, i) => {
    if (e.valLoss < evals[best].valLoss) best = i;
  });
  const lowest = evals[best].valLoss;
  const last = evals[evals.length - 1].valLoss;
  return { lowest, at: evals[best].step, epoch: best + 1, last, rise: last / lowest - 1 };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const describe = (trial: Trial): string => {
  const c = curveOf(trial);
  return (
    `lowest at epoch ${c.epoch} (step ${c.at}), ${c.lowest.toFixed(3)}; at the end ${c.last.toFixed(3)}, ` +
    `${pct(c.rise)} above it${trial.overfit ? `, flagged as overfitting at step ${trial.overfit.flaggedStep}` : ''}`
  );
};

/** The hidden size a trial trained. */
const hiddenOf = (trial: Trial): number => trial.settings.hidden;

/**
 * What a finished search answers for the question about `preset`, or null when the search does not answer it.
 * - `overfit`: the one trial's validation loss turned up (the lab flagged it), ended within 1% of its lowest, or neither.
 * - `overfit-sizes`: whether the 16-unit trial turned up at all, and if so later and by less than the 128-unit one.
 */
export function tuningOutcome(preset: string, trials: readonly Trial[]): PredictResult | null {
  const done = trials.filter((t) => t.record.evals.length > 0);
  if (preset === 'overfit' && done.length === 1) {
    const [trial] = done;
    const c = curveOf(trial);
    return {
      choice: trial.overfit ? 2 : c.rise <= 0.01 ? 0 : 1,
      value: null,
      summary: `The lab’s run: validation loss ${describe(trial)}.`,
    };
  }
  const small = done.find((t) => hiddenOf(t) === 16);
  const large = done.find((t) => hiddenOf(t) === 128);
  if (preset === 'overfit-sizes' && small && large) {
    const [s, l] = [curveOf(small), curveOf(large)];
    const turned = small.overfit !== null || s.rise > 0.05;
    return {
      choice: !turned ? 0 : s.at > l.at && s.rise < l.rise ? 1 : 2,
      value: null,
      summary: `The lab’s runs: 16 units, ${describe(small)}; 128 units, ${describe(large)}.`,
    };
  }
  return null;
}
