import { describe, expect, it } from 'vitest';
import { fmt, fmtFactor, fmtVector } from './format';

describe('format', () => {
  it('uses a true minus sign and fixed decimals', () => {
    expect(fmt(-0.25)).toBe('−0.250');
    expect(fmt(0.4621171, 4)).toBe('0.4621');
  });
  it('never prints negative zero', () => {
    expect(fmt(-0.0001)).toBe('0.000');
    expect(fmt(-0)).toBe('0.000');
  });
  it('names non-finite values', () => {
    expect(fmt(NaN)).toBe('NaN');
    expect(fmt(-Infinity)).toBe('−∞');
  });
  it('formats vectors and factors', () => {
    expect(fmtVector([0.5, -1], 1)).toBe('[0.5, −1.0]');
    expect(fmtFactor(-0.3, 1)).toBe('(−0.3)');
    expect(fmtFactor(0.3, 1)).toBe('0.3');
  });
});
