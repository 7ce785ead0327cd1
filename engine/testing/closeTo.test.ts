// Tests for the parity tolerance: relative above 1, absolute below, NaN and shape mismatches fail.
import { describe, expect, it } from 'vitest';
import { assertClose, maxScaledError } from './closeTo';

describe('parity tolerance', () => {
  it('is relative above 1 and absolute below', () => {
    expect(maxScaledError([1000.0005], [1000])).toBeCloseTo(5e-7, 12);
    expect(maxScaledError([1e-9], [0])).toBeCloseTo(1e-9, 15);
    expect(() => assertClose([1000.002], [1000], 'y')).toThrow('y: element 0 is 1000.002, expected 1000');
    expect(assertClose([[0.5, 2e-7]], [[0.5, 0]], 'y')).toBeCloseTo(2e-7, 15);
  });

  it('fails on NaN and on a shape mismatch', () => {
    expect(maxScaledError([NaN], [0])).toBe(Infinity);
    expect(() => assertClose([1, 2], [[1, 2]], 'h_n')).toThrow('h_n: shape [2], expected [1, 2]');
  });
});
