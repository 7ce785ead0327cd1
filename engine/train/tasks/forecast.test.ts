// The births forecaster on the real series, briefly trained: the loss falls, metrics are in births per
// day beside the seasonal-naive baselines, recursive forecasts feed predictions back, runs are repeatable.
import { describe, expect, it } from 'vitest';
import { loadUsBirths } from '../../../scripts/data/datasets';
import { meanAbsoluteError, seasonalNaiveMae, splitByYear } from '../../data/timeseries';
import { createRun } from '../trainer';
import { createForecastTask } from './forecast';
import { FORECAST_DEFAULTS, type ForecastConfig } from './forecastConfig';

const records = loadUsBirths();
const small: ForecastConfig = {
  ...FORECAST_DEFAULTS,
  hiddenSize: 16,
  window: 14,
  horizon: 7,
  maxSteps: 60,
  evalEvery: 30,
};

describe('forecast task', () => {
  it('knows the seasonal-naive MAEs it has to beat, on the same days as its own', () => {
    const task = createForecastTask(small, { records });
    const births = records.map((r) => r.births);
    const split = splitByYear(records);
    expect(task.baselines.mae).toBeCloseTo(
      seasonalNaiveMae(births, { window: 14, horizon: 1, range: split.validation }),
      6,
    );
    expect(task.baselines.testMae).toBeCloseTo(
      seasonalNaiveMae(births, { window: 14, horizon: 1, range: split.test }),
      6,
    );
    expect(task.baselines.testMaeMultiStep).toBeCloseTo(
      seasonalNaiveMae(births, { window: 14, horizon: 7, range: split.test, stride: 7 }),
      6,
    );
    // The scaler is fitted on 2000–2012 only.
    const train = births.slice(split.train[0], split.train[1]);
    expect(task.scaler.mean).toBeCloseTo(train.reduce((a, b) => a + b, 0) / train.length, 6);
  });

  it('learns: the training loss falls and the validation MAE shrinks, in births per day', () => {
    const task = createForecastTask(small, { records });
    const before = task.evaluate();
    const run = createRun(task, small);
    const losses = [];
    while (run.status === 'running') losses.push(run.step().loss);
    const after = run.last!.eval!;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-15))).toBeLessThan(mean(losses.slice(0, 15)));
    expect(after.valLoss).toBeLessThan(before.valLoss);
    expect(after.metrics.mae).toBeLessThan(before.metrics.mae);
    // Daily births are around 11,000; an MAE in the hundreds to low thousands is on that scale.
    for (const key of ['mae', 'testMae', 'testMaeMultiStep']) expect(after.metrics[key]).toBeGreaterThan(50);
    expect(after.metrics.mae).toBeLessThan(3000);
  });

  it('forecasts recursively: the first day equals the one-step forecast, later days use earlier predictions', () => {
    const task = createForecastTask(small, { records });
    for (let s = 0; s < 20; s++) task.step();
    const origin = records.findIndex((r) => r.date === '2014-03-03');
    const multi = task.forecast([origin], 7);
    const oneStep = task.forecast([origin, origin + 1], 1);
    expect(multi[0]).toBe(oneStep[0]);
    // Day 2 of the recursive forecast reads a predicted day 1, the one-step forecast the true one.
    expect(multi[1]).not.toBe(oneStep[1]);
    // Past the end of the series the weekdays are still known.
    expect(task.forecast([records.length], 3).every(Number.isFinite)).toBe(true);
    expect(() => task.forecast([3], 1)).toThrow(/needs 14 days of history/);
    const show = task.showcase();
    expect(show.oneStep.dates[0]).toBe('2014-01-01');
    expect(show.oneStep.forecast).toHaveLength(56);
    expect(show.multiStep.origin).toBe('2014-01-06');
    expect(show.multiStep.forecast).toHaveLength(7);
    const monday = records.findIndex((r) => r.date === '2014-01-06');
    expect(show.multiStep.actual).toEqual(Array.from({ length: 7 }, (_, h) => records[monday + h].births));
    expect(show.multiStep.seasonalNaive).toEqual(Array.from({ length: 7 }, (_, h) => records[monday - 7 + h].births));
  });

  it('forecasts the whole test year one step ahead and recursively, beside seasonal-naive and persistence', () => {
    const task = createForecastTask(small, { records });
    for (let s = 0; s < 20; s++) task.step();
    const year = task.forecastYear();
    const first = records.findIndex((r) => r.date === '2014-01-01');
    expect(year.year).toBe(2014);
    expect(year.dates).toHaveLength(365);
    expect([year.dates[0], year.dates.at(-1)]).toEqual(['2014-01-01', '2014-12-31']);
    expect(year.actual).toEqual(records.slice(first, first + 365).map((r) => r.births));
    for (const pair of [year.model, year.seasonalNaive, year.persistence]) {
      expect(pair.oneStep).toHaveLength(365);
      expect(pair.recursive).toHaveLength(365);
    }
    // One step ahead, each forecaster reads the true days; recursively, only the days before 2014.
    expect(year.model.oneStep).toEqual(
      Array.from(
        task.forecast(
          Array.from({ length: 365 }, (_, n) => first + n),
          1,
        ),
      ),
    );
    expect(year.model.recursive).toEqual(Array.from(task.forecast([first], 365)));
    expect(year.model.recursive[0]).toBe(year.model.oneStep[0]);
    expect(year.seasonalNaive.oneStep[10]).toBe(records[first + 3].births);
    expect(year.seasonalNaive.recursive[10]).toBe(records[first - 7 + 3].births);
    expect(year.persistence.oneStep[10]).toBe(records[first + 9].births);
    expect(new Set(year.persistence.recursive)).toEqual(new Set([records[first - 1].births]));
    // The one-step MAE over the year is the task's own test MAE (same days, same model).
    expect(meanAbsoluteError(year.model.oneStep, year.actual)).toBeCloseTo(task.evaluate().metrics.testMae, 6);
  });

  it('without normalisation reads and predicts births per day: the losses are in births squared', () => {
    const raw = createForecastTask({ ...small, normalize: false }, { records });
    expect(raw.scaler).toEqual({ mean: 0, std: 1 });
    const loss = raw.step().loss;
    // Predictions start near 0 against targets around 11,000: an MSE of about 11,000².
    expect(loss).toBeGreaterThan(5e7);
    expect(createForecastTask(small, { records }).step().loss).toBeLessThan(10);
  });

  it('gives a bit-identical loss curve for the same seed, and trains without the weekday input too', () => {
    const curve = (config: ForecastConfig) => {
      const task = createForecastTask(config, { records });
      return Array.from({ length: 10 }, () => task.step().loss);
    };
    const a = curve(small);
    expect(curve(small)).toEqual(a);
    expect(curve({ ...small, seed: 5 })).not.toEqual(a);
    expect(curve({ ...small, weekdays: false }).every(Number.isFinite)).toBe(true);
  });

  it('diverges with a sentence when plain SGD takes huge steps', () => {
    const config: ForecastConfig = { ...small, optimizer: 'sgd', learningRate: 100, clip: 0, maxSteps: 40 };
    const run = createRun(createForecastTask(config, { records }), config);
    while (run.status === 'running') run.step();
    expect(run.status).toBe('diverged');
    expect(run.message).toMatch(
      // 100 is the largest learning rate a config may have: the loss blows up (or overflows) within a few steps.
      /^The (loss blew up|loss became (infinite|NaN)|weights became NaN or infinite) at step \d+\b.* [Tt]he learning rate 100 is probably too high for this model — try 10, or turn gradient clipping on\.$/,
    );
  });
});
