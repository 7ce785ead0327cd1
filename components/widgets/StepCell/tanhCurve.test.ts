// The step-cell's tanh drawing: units placed on the curve, the range widened to fit, saturation marked at |h| ≥ 0.99.
import { describe, expect, it } from 'vitest';
import { isSaturated } from './model';
import { tanhCurveGeometry, tanhCurveLabel } from './tanhCurve';

describe('tanh curve', () => {
  it('marks a unit saturated from |h| = 0.99 on, so at a = 5.04 but not at 1.43 or 0.69', () => {
    expect(isSaturated(Math.tanh(5.0376))).toBe(true);
    expect(isSaturated(Math.tanh(-2.7))).toBe(true);
    expect(isSaturated(Math.tanh(1.4252))).toBe(false);
    expect(isSaturated(Math.tanh(2.6))).toBe(false);
    const { dots } = tanhCurveGeometry([1.4252, 5.0376, 0.6897]);
    expect(dots.map((d) => d.saturated)).toEqual([false, true, false]);
  });

  it('shows at least ±3 and widens to the largest pre-activation; a saturated dot sits near the ±1 line', () => {
    expect(tanhCurveGeometry([0.5, -0.2]).range).toBe(3);
    const wide = tanhCurveGeometry([-5.31, 0, 4.43]);
    expect(wide.range).toBe(6);
    const [low, mid, high] = wide.dots;
    expect(low.x).toBeLessThan(mid.x);
    expect(mid.x).toBeLessThan(high.x);
    expect(mid.y).toBeCloseTo(42, 6);
    const yOfMinusOne = 42 + (42 - 8);
    expect(Math.abs(low.y - yOfMinusOne)).toBeLessThan(0.1);
  });

  it('says in words where each unit lands', () => {
    expect(tanhCurveLabel([1.4252, 5.0376])).toBe(
      'The tanh curve from −1 to 1: unit 1 at a = 1.425 gives 0.891; unit 2 at a = 5.038 gives 1.000, saturated.',
    );
  });
});
