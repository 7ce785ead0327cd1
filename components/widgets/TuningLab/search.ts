// The tuning lab's search logic, without the DOM or the workers: the search space, the trials each method makes
// (grid, random, successive halving), the budget they share, which trials a halving rung promotes, and how a trial
// is scored. The runner (runner.ts) trains what this plans.
import { Rng } from '../../../engine/random';
import type { CellType } from '../../../engine/train/task';

/** The search methods the lab races on one budget. */
export const METHODS = ['grid', 'random', 'halving'] as const;
export type Method = (typeof METHODS)[number];

/** Names of the methods in sentences and tables. */
export const METHOD_NAMES: Record<Method, string> = {
  grid: 'grid search',
  random: 'random search',
  halving: 'successive halving',
};

/** A trial's hyperparameters: the four of the outline's search space. */
export interface TrialSettings {
  hidden: number;
  layers: number;
  lr: number;
  cell: CellType;
}

/** The hyperparameters in the order the outline's table (and the CSV) lists them. */
export const AXES = ['hidden', 'layers', 'lr', 'cell'] as const;
export type Axis = (typeof AXES)[number];

/** How each hyperparameter is named on the page and in PyTorch / Optuna code. */
export const AXIS_NAMES: Record<Axis, { label: string; python: string }> = {
  hidden: { label: 'hidden size', python: 'hidden_size' },
  layers: { label: 'layers', python: 'num_layers' },
  lr: { label: 'learning rate', python: 'lr' },
  cell: { label: 'cell', python: 'cell' },
};

/**
 * What the search may try: the values of each axis (a grid takes every combination; random search and successive
 * halving draw the layers and the cell from these lists), and the ranges random draws take the learning rate and
 * the hidden size from, log-uniformly (so 1e-4 to 1e-3 is as likely as 1e-3 to 1e-2).
 */
export interface SearchSpace {
  hidden: number[];
  layers: number[];
  lr: number[];
  cell: CellType[];
  lrRange: [number, number];
  hiddenRange: [number, number];
}

/** The outline's space: hidden [64, 128, 256] × layers [1, 2, 3] × lr [1e-3, 1e-4] × GRU and LSTM, 36 configurations. */
export const DEFAULT_SPACE: SearchSpace = {
  hidden: [64, 128, 256],
  layers: [1, 2, 3],
  lr: [1e-3, 1e-4],
  cell: ['gru', 'lstm'],
  lrRange: [1e-4, 1e-2],
  hiddenRange: [64, 256],
};

/** The most trials one search may run: more would take hours in a browser and fill the page. */
export const MAX_TRIALS = 200;

/** How many configurations the grid has. */
export function gridSize(space: Pick<SearchSpace, Axis>): number {
  return AXES.reduce((n, axis) => n * space[axis].length, 1);
}

/** Every combination, in the order of Python's `itertools.product(hidden, layers, lr, cell)`. */
export function gridTrials(space: Pick<SearchSpace, Axis>): TrialSettings[] {
  const out: TrialSettings[] = [];
  for (const hidden of space.hidden)
    for (const layers of space.layers)
      for (const lr of space.lr) for (const cell of space.cell) out.push({ hidden, layers, lr, cell });
  return out;
}

/** A log-uniform draw from [lo, hi]. */
const logUniform = (rng: Rng, [lo, hi]: readonly [number, number]): number =>
  Math.exp(rng.uniform(Math.log(lo), Math.log(hi)));

/** A learning rate as a reader writes it: three significant digits. */
const roundLr = (lr: number): number => Number(lr.toPrecision(3));

/**
 * `n` configurations drawn independently: the learning rate and the hidden size log-uniformly from their ranges
 * (the hidden size rounded to a whole number), the layers and the cell uniformly from their lists.
 */
export function randomTrials(space: SearchSpace, n: number, seed: number): TrialSettings[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => ({
    hidden: Math.round(logUniform(rng, space.hiddenRange)),
    layers: space.layers[rng.int(space.layers.length)],
    lr: roundLr(logUniform(rng, space.lrRange)),
    cell: space.cell[rng.int(space.cell.length)],
  }));
}

/** One round of a search: how many trials train, and for how many steps each. */
export interface Rung {
  trials: number;
  steps: number;
}

/** Successive halving keeps the best third of each rung and gives it three times the steps (Jamieson & Talwalkar's η = 3). */
export const HALVING_RATE = 3;
/** At most this many rungs: 36 trials → 12 → 4. */
const MAX_RUNGS = 3;

/**
 * The rungs of each method for `trials` configurations at `steps` steps each. Grid and random search are one
 * rung. Successive halving starts every configuration on a third of the steps (with three rungs), keeps the best
 * third at three times the steps, and so on, so that its total stays within the others' `trials × steps`.
 */
export function rungsOf(method: Method, trials: number, steps: number): Rung[] {
  if (method !== 'halving' || trials < HALVING_RATE) return [{ trials, steps }];
  const counts = [trials];
  while (counts.length < MAX_RUNGS && Math.floor(counts.at(-1)! / HALVING_RATE) >= 1)
    counts.push(Math.floor(counts.at(-1)! / HALVING_RATE));
  // Each rung costs about trials × first steps, so the first rung gets steps / (number of rungs).
  const first = Math.max(
    1,
    Math.floor((trials * steps) / counts.reduce((sum, n, k) => sum + n * HALVING_RATE ** k, 0)),
  );
  return counts.map((n, k) => ({ trials: n, steps: first * HALVING_RATE ** k }));
}

/** Steps all the rungs train together: the search's budget. */
export const totalSteps = (rungs: readonly Rung[]): number => rungs.reduce((sum, r) => sum + r.trials * r.steps, 0);

/**
 * Why a search cannot start, or null: an empty axis, no trials, or more than MAX_TRIALS (with the count), a range
 * whose ends are reversed.
 */
export function checkSearch(space: SearchSpace, method: Method, trials: number): string | null {
  for (const axis of AXES)
    if (space[axis].length === 0) return `The ${AXIS_NAMES[axis].label} has no values, so the search has no trials.`;
  const n = method === 'grid' ? gridSize(space) : trials;
  const what = method === 'grid' ? 'This grid has' : `This ${METHOD_NAMES[method]} asks for`;
  if (n === 0) return `${what} 0 trials; give it at least one.`;
  if (n > MAX_TRIALS)
    return `${what} ${n.toLocaleString('en-US')} trials, more than the ${MAX_TRIALS} a search may run in a browser; remove some values.`;
  if (method !== 'grid') {
    if (!(space.lrRange[0] < space.lrRange[1]))
      return 'The learning-rate range must go from a lower to a higher value.';
    if (!(space.hiddenRange[0] < space.hiddenRange[1]))
      return 'The hidden-size range must go from a lower to a higher value.';
  }
  return null;
}

/** The configurations of the first rung: the grid, or `trials` random draws (successive halving draws them too). */
export function firstTrials(space: SearchSpace, method: Method, trials: number, seed: number): TrialSettings[] {
  return method === 'grid' ? gridTrials(space) : randomTrials(space, trials, seed);
}

/** A trial's score: its lowest validation loss; a trial that diverged, failed or never evaluated scores Infinity. */
export function score(best: { valLoss: number } | null, state: string): number {
  if (state === 'diverged' || state === 'error' || best === null || !Number.isFinite(best.valLoss)) return Infinity;
  return best.valLoss;
}

/**
 * The trials a rung promotes: the `keep` lowest scores, ties broken by the earlier trial; a trial scoring Infinity
 * (diverged or failed) is never promoted.
 * @returns indices into `scores`, best first
 */
export function promote(scores: readonly number[], keep: number): number[] {
  return scores
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => Number.isFinite(s))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .slice(0, keep)
    .map(({ i }) => i);
}
