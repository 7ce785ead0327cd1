// The forecast lab's arithmetic: windows cut as the engine cuts them, each forecaster's MAE, and the chart's spans.
import { describe, expect, it } from 'vitest';
import { slidingWindows } from '../../../engine/data/timeseries';
import type { ForecastYear } from '../../../engine/train/tasks/forecast';
import { addDays, spanRange, windowAt, windowCount, yearMaes } from './forecasts';

describe('windows', () => {
  const births = [10, 11, 12, 11, 13, 14, 13, 15];

  it('gives chapter 10’s table: a window of 3 over 8 values makes 5 examples', () => {
    expect(windowCount(births.length, 3)).toBe(5);
    const rows = Array.from({ length: 5 }, (_, i) => windowAt(births, 3, i, null));
    expect(rows.map((r) => [r.inputBirths, r.targetBirths])).toEqual([
      [[10, 11, 12], 11],
      [[11, 12, 11], 13],
      [[12, 11, 13], 14],
      [[11, 13, 14], 13],
      [[13, 14, 13], 15],
    ]);
    expect(() => windowAt(births, 3, 5, null)).toThrow(/outside 0 … 4/);
  });

  it('cuts the same examples as the engine’s slidingWindows, and z-scores them with the scaler', () => {
    const engine = slidingWindows(births, { window: 3, horizon: 1, range: [0, births.length] });
    for (let n = 0; n < engine.count; n++) {
      const view = windowAt(births, 3, n, null);
      expect(view.inputs).toEqual(Array.from(engine.inputs.subarray(n * 3, n * 3 + 3)));
      expect(view.target).toBe(engine.targets[n]);
    }
    // Chapter 11's example: mean 12.375, standard deviation about 1.576.
    const z = windowAt(births, 3, 0, { mean: 12.375, std: 1.576 });
    expect(z.inputs.map((x) => Number(x.toFixed(2)))).toEqual([-1.51, -0.87, -0.24]);
    expect(z.inputBirths).toEqual([10, 11, 12]);
  });
});

describe('errors and spans', () => {
  it('scores each forecaster one step ahead and recursively against the actual births', () => {
    const year: ForecastYear = {
      year: 2014,
      dates: ['2014-01-01', '2014-01-02'],
      actual: [100, 200],
      model: { oneStep: [110, 190], recursive: [110, 260] },
      seasonalNaive: { oneStep: [100, 150], recursive: [100, 100] },
      persistence: { oneStep: [90, 100], recursive: [90, 90] },
    };
    expect(yearMaes(year)).toEqual([
      { forecaster: 'model', oneStep: 10, recursive: 35 },
      { forecaster: 'seasonalNaive', oneStep: 25, recursive: 50 },
      { forecaster: 'persistence', oneStep: 55, recursive: 60 },
    ]);
  });

  it('finds the days of a two-month span, or the whole year', () => {
    const dates = Array.from({ length: 365 }, (_, i) => addDays('2014-01-01', i));
    expect(dates.at(-1)).toBe('2014-12-31');
    expect(spanRange(dates, 'jan-feb')).toEqual([0, 59]);
    expect(spanRange(dates, 'nov-dec')).toEqual([304, 365]);
    expect(spanRange(dates, 'year')).toEqual([0, 365]);
  });
});
