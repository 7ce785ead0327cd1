import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { heatmapColor } from './heatmapScale';

describe('heatmapColor', () => {
  it('gives the colours of Plot’s scales that heatmap.ts draws with, without loading Plot', () => {
    const plotDiverging = Plot.scale({ color: { type: 'diverging', scheme: 'PuOr', domain: [-2, 2], reverse: true } });
    const plotSequential = Plot.scale({ color: { type: 'linear', scheme: 'viridis', domain: [0, 2] } });
    const diverging = heatmapColor(2);
    const sequential = heatmapColor(2, 'sequential');
    for (let k = 0; k <= 40; k++) {
      const v = -2 + k / 10;
      expect(diverging(v), `diverging ${v}`).toBe(String(plotDiverging.apply(v)));
      if (v >= 0) expect(sequential(v), `sequential ${v}`).toBe(String(plotSequential.apply(v)));
    }
  });
});
