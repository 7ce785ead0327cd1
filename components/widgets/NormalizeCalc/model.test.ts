// Normalization against chapter 11's worked example.
import { describe, expect, it } from 'vitest';
import { denormalize, normalize, stats } from './model';

describe('z-score normalization', () => {
  const series = [10, 11, 12, 11, 13, 14, 13, 15];

  it('gives the chapter’s μ, σ and normalized series', () => {
    const s = stats(series);
    expect(s.mean).toBe(12.375);
    expect(s.std).toBeCloseTo(1.576, 3);
    expect(normalize(series, s)!.map((v) => v.toFixed(2))).toEqual([
      '-1.51',
      '-0.87',
      '-0.24',
      '-0.87',
      '0.40',
      '1.03',
      '0.40',
      '1.67',
    ]);
    expect(denormalize(1.2, s).toFixed(2)).toBe('14.27');
  });

  it('gives mean 0 and standard deviation 1 on the values it was computed on, and undoes itself', () => {
    const values = [3.5, -2, 100, 7, 7, 0.25];
    const s = stats(values);
    const z = normalize(values, s)!;
    const back = stats(z);
    expect(back.mean).toBeCloseTo(0, 12);
    expect(back.std).toBeCloseTo(1, 12);
    z.forEach((v, i) => expect(denormalize(v, s)).toBeCloseTo(values[i], 12));
  });

  it('cannot scale values that are all equal', () => {
    expect(normalize([4, 4, 4], stats([4, 4, 4]))).toBeNull();
  });
});
