import { describe, expect, it } from 'vitest';
import { bestGuess, percent, stateHeatmap, topPredictions } from './chartData';
import { charIndex } from './vocab';

describe('unrolling chart data', () => {
  const h = [
    [0.1, -0.2],
    [0.3, -0.4],
    [0.5, -0.6],
  ];

  it('lays the states out units × time and leaves the future blank', () => {
    expect(stateHeatmap(h, 2)).toEqual({
      values: [
        [0.1, 0.3],
        [-0.2, -0.4],
      ],
      colNames: [1, 2, 3],
      rowNames: [1, 2],
    });
    expect(stateHeatmap(h, 3).values).toEqual([
      [0.1, 0.3, 0.5],
      [-0.2, -0.4, -0.6],
    ]);
  });

  const probs = new Array(27).fill(0);
  probs[charIndex('l')] = 0.6;
  probs[charIndex('o')] = 0.25;
  probs[charIndex(' ')] = 0.1;
  probs[charIndex('x')] = 0.05;

  it('ranks the top k, marks the actual next character, and appends it when it is not among them', () => {
    const top = topPredictions(probs, 2, charIndex('o'));
    expect(top.map((d) => [d.label, d.p, d.rank, d.isNext])).toEqual([
      ['l', 0.6, 1, false],
      ['o', 0.25, 2, true],
    ]);
    const withNext = topPredictions(probs, 2, charIndex('x'));
    expect(withNext.map((d) => [d.label, d.rank, d.isNext])).toEqual([
      ['l', 1, false],
      ['o', 2, false],
      ['x', 4, true],
    ]);
    expect(topPredictions(probs, 3, null).map((d) => d.label)).toEqual(['l', 'o', '␣']);
  });

  it('names the best guess and formats percentages', () => {
    expect(bestGuess(probs)).toEqual({ label: 'l', p: 0.6 });
    expect(percent(0.976)).toBe('98%');
    expect(percent(0.001)).toBe('<1%');
    expect(percent(0)).toBe('0%');
  });
});
