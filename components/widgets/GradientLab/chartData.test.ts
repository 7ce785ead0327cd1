import { describe, expect, it } from 'vitest';
import {
  cellSeries,
  describeClipping,
  describeTrend,
  fmtTick,
  SERIES_NAMES,
  sharedLogDomain,
  trendOf,
} from './chartData';
import { clipEffect, type CellGradients } from './model';

const cell = (gradH: number[], jacobian = gradH): CellGradients => ({
  kind: 'rnn',
  gradH: Float64Array.from(gradH),
  jacobian: Float64Array.from(jacobian),
  loss: 1,
  gradNorm: 5,
});

describe('gradient-lab chart data', () => {
  it('makes one curve per norm at t = 1..T, and a dashed clipped curve scaled by the clip factor', () => {
    const c = cell([0.01, 0.1, 1], [0.02, 0.2, 2]);
    const plain = cellSeries(c, null);
    expect(plain.map((s) => s.name)).toEqual([SERIES_NAMES.grad, SERIES_NAMES.jacobian]);
    expect(plain[0].points).toEqual([
      { x: 1, y: 0.01 },
      { x: 2, y: 0.1 },
      { x: 3, y: 1 },
    ]);
    const clipped = cellSeries(c, clipEffect(5, 1));
    expect(clipped[2].dashed).toBe(true);
    expect(clipped[2].points[2].y).toBeCloseTo(1 / 5, 6);
    // A gradient within τ is not clipped, and gets no extra curve hiding the first.
    expect(cellSeries(c, clipEffect(5, 10))).toHaveLength(2);
  });

  it('shares one log range over all values, whole decades, ignoring zeros', () => {
    expect(sharedLogDomain([0.003, 40, 0, NaN])).toEqual([0.001, 100]);
    expect(sharedLogDomain([1, 1])).toEqual([0.1, 10]);
    expect(sharedLogDomain([])).toEqual([0.1, 10]);
    const [lo, hi] = sharedLogDomain([2e-19, 3e30]);
    expect(lo).toBeCloseTo(1e-19, 30);
    expect(hi / 1e31).toBeCloseTo(1, 9);
  });

  it('labels log ticks as powers of ten', () => {
    expect(fmtTick(1e-12)).toBe('10⁻¹²');
    expect(fmtTick(2e-12)).toBe('2 × 10⁻¹²');
    expect(fmtTick(1e6)).toBe('10⁶');
    expect(fmtTick(0.1)).toBe('0.1');
    expect(fmtTick(100)).toBe('100');
  });

  it('calls a profile vanishing, exploding or steady from its first and last norms', () => {
    expect(trendOf([1e-6, 0.5, 1]).verdict).toBe('vanishes');
    expect(trendOf([1e6, 10, 1]).verdict).toBe('explodes');
    expect(trendOf([0.5, 1]).verdict).toBe('steady');
    const t = trendOf([1e-4, 1e-2, 1]);
    expect(t.perStep).toBeCloseTo(0.01, 12);
    expect(describeTrend('rnn', t, 3)).toBe(
      'RNN: from t = 3 back to t = 1, ‖∂L/∂hₜ‖ goes from 1 to 1.0 × 10⁻⁴, a factor of 1.0 × 10⁻⁴ (×0.010 per step): it vanishes.',
    );
    expect(describeTrend('rnn', trendOf([0, 1]), 2)).toContain('exactly zero');
  });

  it('says that clipping tames an explosion but keeps its shape, and cannot restore a vanished gradient', () => {
    const exploding = trendOf([1e8, 1e4, 1]);
    const tamed = describeClipping('rnn', clipEffect(2.5e13, 1), exploding);
    expect(tamed).toContain('is above τ = 1,');
    expect(tamed).toContain('tames the explosion');
    expect(tamed).toContain('still 1.0 × 10⁸ × ‖∂L/∂h_T‖');
    const vanishing = trendOf([1e-19, 1e-5, 1]);
    expect(describeClipping('rnn', clipEffect(0.3, 1), vanishing)).toContain('clipping does nothing');
    expect(describeClipping('rnn', clipEffect(0.3, 1), vanishing)).toContain('cannot bring back a vanished one');
    expect(describeClipping('lstm', clipEffect(5, 1), vanishing)).toContain('only makes it smaller');
  });
});
