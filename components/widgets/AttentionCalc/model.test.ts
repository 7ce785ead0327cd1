// Dot-product attention against chapter 11's worked example, and softmax's properties.
import { describe, expect, it } from 'vitest';
import { attend } from './model';

describe('dot-product attention', () => {
  it('gives the chapter’s scores, weights and context', () => {
    const { scores, weights, context } = attend(
      [2, 1],
      [
        [1, 0],
        [0, 1],
        [1, 1],
      ],
    );
    expect(scores).toEqual([2, 1, 3]);
    expect(weights.map((w) => w.toFixed(3))).toEqual(['0.245', '0.090', '0.665']);
    expect(context.map((c) => c.toFixed(3))).toEqual(['0.910', '0.755']);
  });

  it('spreads the weight evenly when every score is equal, and stays finite for huge scores', () => {
    const even = attend(
      [0, 0],
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    );
    expect(even.weights.map((w) => w.toFixed(6))).toEqual(['0.333333', '0.333333', '0.333333']);
    expect(even.context.map((c) => c.toFixed(6))).toEqual(['3.000000', '4.000000']);
    const huge = attend(
      [1000, 0],
      [
        [1, 0],
        [0.9, 0],
      ],
    );
    expect(huge.weights.every(Number.isFinite)).toBe(true);
    expect(huge.weights[0]).toBeCloseTo(1, 12);
  });
});
