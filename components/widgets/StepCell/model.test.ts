import { describe, expect, it } from 'vitest';
import { carriedState, cellStep, STEP_CELL_WEIGHTS } from './model';

describe('step-cell model', () => {
  it('matches the worked example: x_1 = [1, 0], h_0 = 0', () => {
    const step = cellStep([1, 0], [0, 0, 0]);
    expect(step.wxhX).toEqual([0.5, 0.8, -0.4]);
    expect(step.whhH).toEqual([0, 0, 0]);
    expect(step.a.map((v) => Number(v.toFixed(12)))).toEqual([0.5, 0.9, -0.5]);
    expect(step.h[0]).toBeCloseTo(Math.tanh(0.5), 12);
    expect(step.h[1]).toBeCloseTo(Math.tanh(0.9), 12);
    expect(step.h[2]).toBeCloseTo(Math.tanh(-0.5), 12);
  });

  it('adds the recurrent term W_hh h_{t-1} unit by unit', () => {
    const h = [0.2, -0.4, 0.6];
    const step = cellStep([0, 0], h);
    STEP_CELL_WEIGHTS.Whh.forEach((row, i) => {
      expect(step.whhH[i]).toBeCloseTo(row[0] * h[0] + row[1] * h[1] + row[2] * h[2], 12);
      expect(step.a[i]).toBeCloseTo(step.whhH[i] + STEP_CELL_WEIGHTS.bh[i], 12);
    });
  });

  it('carries the state through the sequence', () => {
    const seq = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    expect(carriedState(seq, 0)).toEqual([0, 0, 0]);
    const h1 = cellStep(seq[0], [0, 0, 0]).h;
    const h2 = cellStep(seq[1], h1).h;
    expect(carriedState(seq, 2)).toEqual(h2);
  });
});
