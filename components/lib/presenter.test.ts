// Presenter mode's scale from the address: the default for ?present, a number within range, a reason otherwise.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESENT_SCALE, presentScale } from './presenter';

describe('presentScale', () => {
  it('is off without the parameter, the default with it alone', () => {
    expect(presentScale('?step-cell.t=2')).toBeNull();
    expect(presentScale('?present')).toEqual({ scale: DEFAULT_PRESENT_SCALE });
    expect(presentScale('?present=1&theme=dark')).toEqual({ scale: DEFAULT_PRESENT_SCALE });
  });

  it('takes a scale above 1 and up to 3', () => {
    expect(presentScale('?present=2')).toEqual({ scale: 2 });
    expect(presentScale('?present=3')).toEqual({ scale: 3 });
    expect(presentScale('?present=1.25')).toEqual({ scale: 1.25 });
  });

  it('falls back to the default with a reason for anything else', () => {
    for (const bad of ['0.5', '4', 'big', 'Infinity', ' ']) {
      const result = presentScale(`?present=${encodeURIComponent(bad)}`);
      expect(result?.scale).toBe(DEFAULT_PRESENT_SCALE);
      expect(result?.notice).toMatch(/must be a scale above 1 and up to 3; using 1\.5\./);
    }
  });
});
