// Forecasting daily US births: windows of past days (normalised on the training years only, with the
// weekday as a one-hot covariate) → RNN/LSTM/GRU → Linear to the next day; one-step forecasts and
// recursive multi-step forecasts on a held-out year, measured against the seasonal-naive baseline.
import { noGrad } from '../../autodiff/gradMode';
import { batchIndices, batchTimeMajor } from '../../data/batching';
import {
  fitScaler,
  meanAbsoluteError,
  persistence,
  seasonalNaive,
  slidingWindows,
  splitByYear,
  standardize,
  weekdayOneHot,
  type BirthRecord,
  type Scaler,
  type Windows,
} from '../../data/timeseries';
import { mseLoss } from '../../losses';
import { Rng } from '../../random';
import { Tensor } from '../../tensor';
import { allFinite, checkInt, makeOptimizer, optimizeStep } from '../common';
import { checkedConfig } from '../config';
import { RecurrentNet } from '../model';
import type { EvalReport, StepReport, Task } from '../task';
import { FORECAST_DEFAULTS, parseForecastConfig, type ForecastConfig } from './forecastConfig';

/** The series: consecutive daily records (`prepareBirths`, or `decodeBirths` of `/data/us-births.json`). */
export interface ForecastData {
  records: readonly BirthRecord[];
}

/** A forecast laid beside the truth and the baseline, in births per day. */
export interface ForecastShowcase {
  /** One-step forecasts for the first weeks of the test year. */
  oneStep: { dates: string[]; actual: number[]; forecast: number[]; seasonalNaive: number[] };
  /** A recursive forecast of `horizon` days from the first Monday of the test year. */
  multiStep: { origin: string; dates: string[]; actual: number[]; forecast: number[]; seasonalNaive: number[] };
}

/** A forecast of one series from two forecasters: one step ahead from the true days, and recursively from one origin. */
export interface ForecastPair {
  /** Each day predicted from the true days before it. */
  oneStep: number[];
  /** Each day predicted from the origin on, earlier predictions standing in for the days after the origin. */
  recursive: number[];
}

/** The model's forecasts of the whole test year beside the truth and the two baselines, in births per day. */
export interface ForecastYear {
  year: number;
  /** Every day of the test year, YYYY-MM-DD. */
  dates: string[];
  actual: number[];
  model: ForecastPair;
  /** The same weekday a week earlier; recursively, the last week before the year, repeated. */
  seasonalNaive: ForecastPair;
  /** The day before; recursively, the last day before the year, held. */
  persistence: ForecastPair;
}

/** The forecast task, with forecasts on top of the Task contract. */
export interface ForecastTask extends Task {
  readonly name: 'forecast';
  readonly baselines: Readonly<Record<string, number>>;
  readonly scaler: Scaler;
  /**
   * Recursive forecasts: from each origin t, `horizon` days, each predicted from the window ending the
   * day before, the earlier predictions standing in for the unknown days (weekdays are known ahead).
   * @param origins [N] indices of the first forecast day in the records
   * @returns [N, horizon] births per day
   */
  forecast(origins: ArrayLike<number>, horizon: number): Float64Array;
  showcase(): ForecastShowcase;
  /** The model's one-step and recursive forecasts of the whole test year, with the baselines' (the forecast lab's chart). */
  forecastYear(): ForecastYear;
}

const SHOWCASE_DAYS = 56;
/** Days between the origins of the multi-step test forecasts. */
const MULTI_STEP_STRIDE = 7;

/**
 * Builds the forecaster: splits the records by year (training up to `validationYear`, or its last `trainFraction`
 * of days), fits the scaler on the training years (all of them, so a slice's losses are on the same scale), cuts
 * one-step windows whose targets lie in each split (a window may read days from the split before), and shuffles
 * the training windows into batches each epoch.
 * The loss is the MSE of normalised births. Metrics, in births per day: `mae` (one-step, validation
 * year), `testMae` (one-step, test year) and `testMaeMultiStep` (recursive, `horizon` days from every
 * 7th day of the test year, the first origin being its first day). Baselines: the same three for the
 * seasonal-naive forecast (same weekday a week earlier), on the same days.
 * @throws RangeError naming the setting when the config is outside FORECAST_BOUNDS or does not fit the series
 */
export function createForecastTask(settings: ForecastConfig, data: ForecastData): ForecastTask {
  const name = 'forecast';
  const config = checkedConfig(name, parseForecastConfig(settings));
  const D = FORECAST_DEFAULTS;
  const {
    cell,
    hiddenSize,
    window,
    batchSize,
    numLayers = D.numLayers,
    dropout = D.dropout,
    nonlinearity = D.nonlinearity,
    trainFraction = D.trainFraction,
    horizon = D.horizon,
    weekdays = D.weekdays,
    normalize = D.normalize,
    validationYear = D.validationYear,
    testYear = D.testYear,
  } = config;
  const { records } = data;
  const years = splitByYear(records, { validationYear, testYear });
  // A small slice trains on the latest days before the validation year (their windows may read days before them).
  const [from, to] = years.train;
  const split = { ...years, train: [to - Math.max(1, Math.round((to - from) * trainFraction)), to] as const };
  const births = records.map((r) => r.births);
  // Fit on all the training years even for a slice, so that losses of runs on different slices share one scale.
  // Without normalisation the scaler is the identity: the model reads and predicts births per day.
  const scaler = normalize ? fitScaler(births, years.train) : { mean: 0, std: 1 };
  const series = standardize(births, scaler);
  const covariates = weekdays ? { covariates: weekdayOneHot(records), covariateSize: 7 } : {};
  const windowsOf = (range: readonly [number, number], h = 1, stride = 1): Windows =>
    slidingWindows(series, { window, horizon: h, range, stride, ...covariates });
  const train = windowsOf(split.train);
  const validation = windowsOf(split.validation);
  const test = windowsOf(split.test);
  // Multi-step forecasts start once a week: `horizon` recursive passes from every day would cost more than training between evaluations.
  const testMulti = windowsOf(split.test, horizon, MULTI_STEP_STRIDE);
  if (train.count < batchSize)
    throw new RangeError(`${name}: ${train.count} training windows are fewer than a batch of ${batchSize}`);
  const F = train.inputSize;

  const rng = new Rng(config.seed);
  const model = new RecurrentNet({
    input: { kind: 'dense', inputSize: F },
    cell,
    hiddenSize,
    numLayers,
    dropout,
    nonlinearity,
    outputSize: 1,
    rng,
  });
  const params = model.parameters();
  const optimizer = makeOptimizer(config.optimizer ?? 'adam', params, config.learningRate, config.momentum);

  /** Next-day predictions for time-major windows [window, B, F], normalised: [B, 1]. */
  const predict = (x: Float32Array, B: number): Tensor => {
    const { state } = model.run(model.encode(x, window, B), null);
    return model.fc.forward(model.top(state));
  };

  let batches: number[][] = [];
  let next = 0;
  const step = (): StepReport => {
    if (next === batches.length) {
      batches = batchIndices(train.count, batchSize, { rng, dropLast: true });
      next = 0;
    }
    const idx = batches[next++];
    const x = batchTimeMajor(train.inputs, [train.count, window, F], idx);
    const y = new Tensor(
      Float32Array.from(idx, (n) => train.targets[n]),
      [idx.length, 1],
    );
    const loss = mseLoss(predict(x, idx.length), y);
    const gradNorm = optimizeStep(loss, params, optimizer, config.clip);
    return { loss: loss.item(), gradNorm };
  };

  /** One-step predictions for every window of a set, in births per day, and the normalised MSE. */
  const oneStep = (w: Windows): { births: Float64Array; mse: number } => {
    const all = Array.from({ length: w.count }, (_, n) => n);
    const out = predict(batchTimeMajor(w.inputs, [w.count, window, F], all), w.count).data;
    let se = 0;
    for (let n = 0; n < w.count; n++) se += (out[n] - w.targets[n]) ** 2;
    return { births: Float64Array.from(out, (z) => z * scaler.std + scaler.mean), mse: se / w.count };
  };

  const forecast = (origins: ArrayLike<number>, h: number): Float64Array => {
    checkInt(name, 'horizon', h);
    const N = origins.length;
    const out = new Float64Array(N * h);
    if (N === 0) return out;
    for (let n = 0; n < N; n++) {
      const t = origins[n];
      if (!Number.isInteger(t) || t < window || t > records.length)
        throw new RangeError(`${name}: origin ${t} needs ${window} days of history inside the series`);
    }
    model.eval();
    try {
      noGrad(() => {
        // x is time-major [window, N, F]; each round shifts it one day and appends the prediction.
        const x = new Float32Array(window * N * F);
        for (let n = 0; n < N; n++) {
          for (let k = 0; k < window; k++) {
            const day = origins[n] - window + k;
            const o = (k * N + n) * F;
            x[o] = series[day];
            if (weekdays) x[o + 1 + records[day].weekday - 1] = 1;
          }
        }
        for (let s = 0; s < h; s++) {
          const z = predict(x, N).data;
          for (let n = 0; n < N; n++) out[n * h + s] = z[n] * scaler.std + scaler.mean;
          if (s === h - 1) break;
          x.copyWithin(0, N * F);
          const last = (window - 1) * N * F;
          x.fill(0, last);
          for (let n = 0; n < N; n++) {
            const o = last + n * F;
            x[o] = z[n];
            // The forecast day origin + s may lie past the series; its weekday follows from the window's first day.
            if (weekdays) x[o + 1 + ((records[origins[n] - window].weekday - 1 + window + s) % 7)] = 1;
          }
        }
      });
    } finally {
      model.train();
    }
    return out;
  };

  /** The true births of a set's targets, [count, horizon], read from the records rather than unscaled, so they are exact. */
  const actual = (w: Windows): Float64Array => {
    const out = new Float64Array(w.count * w.horizon);
    for (let n = 0; n < w.count; n++)
      for (let k = 0; k < w.horizon; k++) out[n * w.horizon + k] = births[w.origins[n] + k];
    return out;
  };
  const naive = (w: Windows): Float64Array => seasonalNaive(births, w.origins, w.horizon);

  const evaluate = (): EvalReport => {
    model.eval();
    try {
      const { val, tst } = noGrad(() => ({ val: oneStep(validation), tst: oneStep(test) }));
      const multi = forecast(testMulti.origins, horizon);
      return {
        valLoss: val.mse,
        metrics: {
          mae: meanAbsoluteError(val.births, actual(validation)),
          testMae: meanAbsoluteError(tst.births, actual(test)),
          testMaeMultiStep: meanAbsoluteError(multi, actual(testMulti)),
        },
      };
    } finally {
      model.train();
    }
  };

  const naiveMse = (w: Windows): number => {
    const p = standardize(naive(w), scaler);
    let se = 0;
    for (let n = 0; n < w.count; n++) se += (p[n] - w.targets[n]) ** 2;
    return se / w.count;
  };
  const baselines = {
    valLoss: naiveMse(validation),
    mae: meanAbsoluteError(naive(validation), actual(validation)),
    testMae: meanAbsoluteError(naive(test), actual(test)),
    testMaeMultiStep: meanAbsoluteError(naive(testMulti), actual(testMulti)),
  };

  const showcase = (): ForecastShowcase => {
    const days = Math.min(SHOWCASE_DAYS, test.count);
    const first = Array.from({ length: days }, (_, n) => n);
    const predicted = forecast(test.origins.subarray(0, days), 1);
    const firstMonday =
      test.origins.find((t) => records[t].weekday === 1 && t + horizon <= split.test[1]) ?? test.origins[0];
    const span = Array.from({ length: horizon }, (_, s) => firstMonday + s);
    return {
      oneStep: {
        dates: first.map((n) => records[test.origins[n]].date),
        actual: first.map((n) => births[test.origins[n]]),
        forecast: Array.from(predicted),
        seasonalNaive: Array.from(seasonalNaive(births, test.origins.subarray(0, days), 1)),
      },
      multiStep: {
        origin: records[firstMonday].date,
        dates: span.map((t) => records[t].date),
        actual: span.map((t) => births[t]),
        forecast: Array.from(forecast([firstMonday], horizon)),
        seasonalNaive: Array.from(seasonalNaive(births, [firstMonday], horizon)),
      },
    };
  };

  const forecastYear = (): ForecastYear => {
    const [start, end] = split.test;
    const days = Array.from({ length: end - start }, (_, n) => start + n);
    const H = days.length;
    return {
      year: testYear,
      dates: days.map((t) => records[t].date),
      actual: days.map((t) => births[t]),
      model: { oneStep: Array.from(forecast(days, 1)), recursive: Array.from(forecast([start], H)) },
      seasonalNaive: {
        oneStep: Array.from(seasonalNaive(births, days, 1)),
        recursive: Array.from(seasonalNaive(births, [start], H)),
      },
      persistence: {
        oneStep: Array.from(persistence(births, days, 1)),
        recursive: Array.from(persistence(births, [start], H)),
      },
    };
  };

  return {
    name,
    scaler,
    forecastYear,
    stepsPerEpoch: Math.floor(train.count / batchSize),
    baselines,
    step,
    evaluate,
    forecast,
    showcase,
    setLearningRate(lr: number): void {
      optimizer.lr = lr;
    },
    parametersFinite: () => allFinite(params),
    namedParameters: () => model.namedParameters(),
  };
}
