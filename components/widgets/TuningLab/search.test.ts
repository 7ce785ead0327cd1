// The tuning lab's search logic: the outline's grid in itertools.product order, random draws inside their ranges,
// successive halving's rungs within the same budget, promotion of the best third, and refusals with the count.
import { describe, expect, it } from 'vitest';
import {
  checkSearch,
  DEFAULT_SPACE,
  gridSize,
  gridTrials,
  promote,
  randomTrials,
  rungsOf,
  score,
  totalSteps,
} from './search';

describe('search space', () => {
  it('makes the outline’s 36 configurations in the order of itertools.product', () => {
    const grid = gridTrials(DEFAULT_SPACE);
    expect(gridSize(DEFAULT_SPACE)).toBe(36);
    expect(grid).toHaveLength(36);
    expect(grid.slice(0, 3)).toEqual([
      { hidden: 64, layers: 1, lr: 1e-3, cell: 'gru' },
      { hidden: 64, layers: 1, lr: 1e-3, cell: 'lstm' },
      { hidden: 64, layers: 1, lr: 1e-4, cell: 'gru' },
    ]);
    expect(grid.at(-1)).toEqual({ hidden: 256, layers: 3, lr: 1e-4, cell: 'lstm' });
    expect(new Set(grid.map((t) => JSON.stringify(t))).size).toBe(36);
  });

  it('draws random configurations inside the ranges, log-uniformly, the same for the same seed', () => {
    const draws = randomTrials(DEFAULT_SPACE, 2000, 7);
    expect(randomTrials(DEFAULT_SPACE, 2000, 7)).toEqual(draws);
    expect(randomTrials(DEFAULT_SPACE, 5, 8)).not.toEqual(draws.slice(0, 5));
    for (const t of draws) {
      expect(t.lr).toBeGreaterThanOrEqual(1e-4);
      expect(t.lr).toBeLessThanOrEqual(1e-2);
      expect(t.hidden).toBeGreaterThanOrEqual(64);
      expect(t.hidden).toBeLessThanOrEqual(256);
      expect(DEFAULT_SPACE.layers).toContain(t.layers);
      expect(DEFAULT_SPACE.cell).toContain(t.cell);
    }
    // Log-uniform: each decade of the learning rate gets about half the draws.
    const low = draws.filter((t) => t.lr < 1e-3).length / draws.length;
    expect(low).toBeGreaterThan(0.45);
    expect(low).toBeLessThan(0.55);
    // 36 random trials try about 36 different learning rates (three significant digits may make two equal); the grid 2.
    expect(new Set(randomTrials(DEFAULT_SPACE, 36, 1).map((t) => t.lr)).size).toBeGreaterThanOrEqual(34);
  });
});

describe('budgets', () => {
  it('gives successive halving three rungs within the grid’s budget: 36 × 33, 12 × 99, 4 × 297', () => {
    expect(rungsOf('grid', 36, 100)).toEqual([{ trials: 36, steps: 100 }]);
    expect(rungsOf('random', 36, 100)).toEqual([{ trials: 36, steps: 100 }]);
    const halving = rungsOf('halving', 36, 100);
    expect(halving).toEqual([
      { trials: 36, steps: 33 },
      { trials: 12, steps: 99 },
      { trials: 4, steps: 297 },
    ]);
    expect(totalSteps(halving)).toBe(3564);
    expect(totalSteps(halving)).toBeLessThanOrEqual(3600);
  });

  it('keeps small searches within their budget too', () => {
    for (const [n, steps] of [
      [1, 10],
      [2, 10],
      [3, 30],
      [4, 20],
      [9, 27],
      [200, 50],
    ]) {
      const rungs = rungsOf('halving', n, steps);
      expect(totalSteps(rungs)).toBeLessThanOrEqual(n * steps);
      expect(rungs[0].trials).toBe(n);
      for (const r of rungs) expect(r.trials).toBeGreaterThanOrEqual(1);
    }
    expect(rungsOf('halving', 4, 20)).toEqual([
      { trials: 4, steps: 11 },
      { trials: 1, steps: 33 },
    ]);
  });
});

describe('scoring and promotion', () => {
  it('scores a trial by its lowest validation loss, and a diverged or failed one as Infinity', () => {
    expect(score({ valLoss: 1.5 }, 'done')).toBe(1.5);
    expect(score({ valLoss: 1.5 }, 'diverged')).toBe(Infinity);
    expect(score({ valLoss: 1.5 }, 'error')).toBe(Infinity);
    expect(score(null, 'cancelled')).toBe(Infinity);
  });

  it('promotes the lowest scores, earlier trials first on a tie, never a diverged one', () => {
    expect(promote([3, 1, 2, 1, Infinity, 0.5], 3)).toEqual([5, 1, 3]);
    expect(promote([Infinity, Infinity, 2], 2)).toEqual([2]);
  });
});

describe('refusals', () => {
  it('refuses a search of zero trials or more than 200, with the count', () => {
    expect(checkSearch(DEFAULT_SPACE, 'grid', 0)).toBeNull();
    expect(checkSearch({ ...DEFAULT_SPACE, cell: [] }, 'grid', 0)).toBe(
      'The cell has no values, so the search has no trials.',
    );
    const big = { ...DEFAULT_SPACE, hidden: [16, 32, 48, 64, 96, 128, 192, 256], lr: [1e-4, 3e-4, 1e-3, 3e-3, 1e-2] };
    expect(checkSearch(big, 'grid', 0)).toBe(
      'This grid has 240 trials, more than the 200 a search may run in a browser; remove some values.',
    );
    expect(checkSearch(DEFAULT_SPACE, 'random', 0)).toBe('This random search asks for 0 trials; give it at least one.');
    expect(checkSearch(DEFAULT_SPACE, 'halving', 201)).toBe(
      'This successive halving asks for 201 trials, more than the 200 a search may run in a browser; remove some values.',
    );
    expect(checkSearch({ ...DEFAULT_SPACE, lrRange: [1e-2, 1e-4] }, 'random', 10)).toBe(
      'The learning-rate range must go from a lower to a higher value.',
    );
  });
});
