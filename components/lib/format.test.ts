import { describe, expect, it } from 'vitest';
import { fmt, fmtFactor, fmtSci, fmtVector, formatDuration } from './format';

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
  it('writes tiny and huge numbers in scientific notation with superscript exponents', () => {
    expect(fmtSci(5.551115123125783e-17)).toBe('5.6 × 10⁻¹⁷');
    expect(fmtSci(-2.5e13, 2)).toBe('−2.50 × 10¹³');
    expect(fmtSci(1.2)).toBe('1.2 × 10⁰');
    expect(fmtSci(0)).toBe('0');
    expect(fmtSci(Infinity)).toBe('∞');
  });
});

describe('formatDuration', () => {
  it('says how long is left in words', () => {
    expect(formatDuration(200)).toBe('under a second');
    expect(formatDuration(45_400)).toBe('45 s');
    expect(formatDuration(80_000)).toBe('1 min 20 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
    expect(formatDuration(NaN)).toBe('under a second');
  });
});
