// The memory rule against chapter 1's hand computation, and the share of an old input as steps pass.
import { describe, expect, it } from 'vitest';
import { fate, halfLife, memoryTrace, shareAfter } from './model';

describe('memory rule', () => {
  it('gives the chapter table for x = (1, 0, 0, 2) with keep = mix = 0.5', () => {
    const steps = memoryTrace([1, 0, 0, 2], { keep: 0.5, mix: 0.5 });
    expect(steps.map((s) => s.h)).toEqual([0.5, 0.25, 0.125, 1.0625]);
    expect(steps.map((s) => s.hPrev)).toEqual([0, 0.5, 0.25, 0.125]);
    expect(steps.map((s) => s.t)).toEqual([1, 2, 3, 4]);
  });

  it('copies the input when it keeps nothing, and never moves when it mixes nothing in', () => {
    expect(memoryTrace([3, -1, 2], { keep: 0, mix: 1 }).map((s) => s.h)).toEqual([3, -1, 2]);
    expect(memoryTrace([3, -1, 2], { keep: 1, mix: 0 }).map((s) => s.h)).toEqual([0, 0, 0]);
  });

  it('is linear: each h is the sum of every input times its share', () => {
    const xs = [1.5, -2, 0.25, 4, -1];
    const weights = { keep: 0.8, mix: 0.3 };
    const steps = memoryTrace(xs, weights);
    steps.forEach((step, i) => {
      const sum = xs.slice(0, i + 1).reduce((acc, x, j) => acc + x * shareAfter(i - j, weights), 0);
      expect(step.h).toBeCloseTo(sum, 12);
    });
  });

  it('says whether an old input fades, stays or grows, and its half-life', () => {
    expect(fate({ keep: 0.5, mix: 0.5 })).toBe('fades');
    expect(fate({ keep: -0.9, mix: 0.5 })).toBe('fades');
    expect(fate({ keep: 1, mix: 0.5 })).toBe('stays');
    expect(fate({ keep: 1.1, mix: 0.5 })).toBe('grows');
    expect(fate({ keep: 0, mix: 0.5 })).toBe('vanishes');
    expect(halfLife({ keep: 0.5, mix: 1 })).toBeCloseTo(1, 12);
    expect(halfLife({ keep: 0.9, mix: 1 })).toBeCloseTo(6.579, 3);
    expect(halfLife({ keep: 1, mix: 1 })).toBeNull();
    expect(halfLife({ keep: 0, mix: 1 })).toBeNull();
  });
});
