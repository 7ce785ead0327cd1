// Quantiles and paired ratios on small samples worked out by hand.
import { describe, expect, it } from 'vitest';
import { median, pairedRatio, quantile, summarize } from './stats';

describe('stats', () => {
  it('interpolates quantiles between order statistics', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([1, 2], 0.75)).toBe(1.75);
  });

  it('summarizes with median and quartiles', () => {
    expect(summarize([1, 2, 3, 4, 100])).toEqual({ median: 3, p25: 2, p75: 4, n: 5 });
  });

  it('takes the median of per-round ratios, not the ratio of medians', () => {
    // Round 3 is slow for both; its ratio is still 2.
    const r = pairedRatio([2, 4, 20], [1, 2, 10]);
    expect(r.median).toBe(2);
    expect(() => pairedRatio([1], [1, 2])).toThrow(/1 rounds vs 2/);
  });

  it('refuses an empty sample', () => {
    expect(() => median([])).toThrow(/no values/);
  });
});
