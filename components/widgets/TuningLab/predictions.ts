// What the tuning lab's experiments show, for chapter 8's Predict questions: read from the trials of the search the lab
// just ran (their validation curves and the overfitting the lab flags, their scores), never stated in advance. The
// searches' questions compare with the figures the chapter quotes for the search before (the grid's best, the random
// search's best), which scripts/tuning-lab/search.ts printed and a unit test ties to its committed output.
import type { PredictResult } from '../../lib/predict';
import type { Trial } from './runner';

/** The presets (state.ts) whose searches answer a question, in the chapter's order. */
export const ANSWERING_PRESETS = ['overfit', 'overfit-sizes', 'grid', 'random', 'halving'];

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

/** Choices of "in how many of the grid's pairs does the larger learning rate end lower?", in the chapter's order. */
export const GRID_LR_CHOICES = ['About half', 'Most of them', 'All 18'];
/** Choices of "does random search's best do better than the grid's?", in the chapter's order. */
export const RANDOM_CHOICES = ['Better', 'About as well', 'Worse'];
/** Choices of "does successive halving's best end lower than random search's?", in the chapter's order. */
export const HALVING_CHOICES = ['Lower', 'About the same', 'Higher'];

/**
 * The best validation loss (nats per character) of the lab's default grid and of its random search with the lab's seed,
 * as chapter 8 quotes them in the random and halving questions (scripts/tuning-lab/search.ts; a unit test checks them
 * against its committed output).
 */
export const QUOTED_BEST = { grid: 2.72, random: 2.2 };
/** Within this many nats of the figure it is compared with, a search's best counts as "about as well". */
export const SAME_NATS = 0.05;
/** A learning rate that wins more than this share of the pairs wins "most of them". */
export const MOST_SHARE = 2 / 3;

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

/** The trials that ended with a score (not diverged or failed). */
const scored = (trials: readonly Trial[]): Trial[] => trials.filter((t) => Number.isFinite(t.score));
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** A learning rate as the chapter writes it: 10⁻³, or 3×10⁻⁴. */
const lrText = (lr: number): string => {
  const [mantissa, exponent] = lr.toExponential(0).split('e');
  const power = `10${exponent.startsWith('-') ? '⁻' : ''}${[...exponent.replace(/^[-+]/, '')].map((d) => SUPERSCRIPT[Number(d)]).join('')}`;
  return mantissa === '1' ? power : `${mantissa}×${power}`;
};
const settingsText = (t: Trial): string =>
  `a ${t.settings.cell.toUpperCase()} of ${t.settings.layers} layer${t.settings.layers === 1 ? '' : 's'} of ` +
  `${t.settings.hidden} units at a learning rate of ${Number(t.settings.lr.toPrecision(2))}`;
const bestOf = (trials: readonly Trial[]): Trial | null =>
  trials.reduce<Trial | null>((a, t) => (a === null || t.score < a.score ? t : a), null);

/**
 * The grid's pairs of trials that differ only in their learning rate (the grid's two rates): how many the larger
 * rate wins (the lower score), and each rate's mean score. Null when the grid does not have exactly two rates.
 */
export function learningRatePairs(trials: readonly Trial[]): {
  high: number;
  low: number;
  pairs: number;
  wins: number;
  meanHigh: number;
  meanLow: number;
} | null {
  const done = scored(trials);
  const rates = [...new Set(done.map((t) => t.settings.lr))].sort((a, b) => b - a);
  if (rates.length !== 2) return null;
  const [high, low] = rates;
  const key = (t: Trial): string => `${t.settings.hidden}/${t.settings.layers}/${t.settings.cell}`;
  const lows = new Map(done.filter((t) => t.settings.lr === low).map((t) => [key(t), t]));
  let pairs = 0;
  let wins = 0;
  for (const t of done.filter((t) => t.settings.lr === high)) {
    const other = lows.get(key(t));
    if (!other) continue;
    pairs++;
    if (t.score < other.score) wins++;
  }
  const meanAt = (lr: number): number => mean(done.filter((t) => t.settings.lr === lr).map((t) => t.score));
  return { high, low, pairs, wins, meanHigh: meanAt(high), meanLow: meanAt(low) };
}

/** Lower (0), about the same (1) or higher (2) than `quoted`, within SAME_NATS. */
const compared = (value: number, quoted: number): number =>
  Math.abs(value - quoted) <= SAME_NATS ? 1 : value < quoted ? 0 : 2;

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
  if (preset === 'grid') {
    const p = learningRatePairs(done);
    const best = bestOf(scored(done));
    if (!p || p.pairs === 0 || !best) return null;
    return {
      choice: p.wins === p.pairs ? 2 : p.wins > MOST_SHARE * p.pairs ? 1 : 0,
      value: null,
      summary:
        `The lab’s grid: ${lrText(p.high)} ended lower in ${p.wins} of the ${p.pairs} pairs; averaged over its ` +
        `trials it reached ${p.meanHigh.toFixed(2)} nats per character, ${lrText(p.low)} ${p.meanLow.toFixed(2)}. ` +
        `Its best trial, ${settingsText(best)}, reached ${best.score.toFixed(2)}.`,
    };
  }
  if (preset === 'random' || preset === 'halving') {
    // Successive halving's answer is the best of its last round, the trials trained on the whole budget.
    const last = Math.max(0, ...done.map((t) => t.rung));
    const best = bestOf(scored(done.filter((t) => t.rung === last)));
    if (!best) return null;
    const quoted = preset === 'random' ? QUOTED_BEST.grid : QUOTED_BEST.random;
    const rounds =
      preset === 'halving'
        ? ` after ${best.budget} steps in the last round`
        : `, one of ${new Set(done.map((t) => t.settings.lr)).size} different learning rates tried`;
    return {
      choice: compared(best.score, quoted),
      value: null,
      summary:
        `The lab’s ${preset === 'random' ? 'random search' : 'successive halving'}: its best trial, ` +
        `${settingsText(best)}${rounds}, reached ${best.score.toFixed(2)} nats per character, against ` +
        `${quoted.toFixed(2)} for the ${preset === 'random' ? 'grid' : 'random search'}’s best.`,
    };
  }
  return null;
}
