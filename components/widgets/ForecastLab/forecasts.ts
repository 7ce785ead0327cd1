// The forecast lab's arithmetic, free of the DOM: the window of days the model reads before a target day (the picture
// of windowing), the mean absolute error of each forecaster one step ahead and recursively, and the chart's spans.
import { meanAbsoluteError } from '../../../engine/data/timeseries';
import type { ForecastYear } from '../../../engine/train/tasks/forecast';

/** A stretch of consecutive days of the series, as the shell hands it to the element. */
export interface SeriesPiece {
  /** The first day, YYYY-MM-DD. */
  start: string;
  /** Births per day from `start` on. */
  births: number[];
}

/** One window over a piece of the series: the days the model reads and the day it predicts. */
export interface WindowView {
  /** Indices into the piece: inputs [from, to), target `to`. */
  from: number;
  to: number;
  /** The inputs as the model reads them (z-scores when normalised, else births) and the target likewise. */
  inputs: number[];
  target: number;
  /** The same in births per day. */
  inputBirths: number[];
  targetBirths: number;
}

/** The date `n` days after an ISO date. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** How many windows of `window` days (each with its target after it) fit in `length` days. */
export function windowCount(length: number, window: number): number {
  return Math.max(0, length - window);
}

/**
 * The window at `position` (0 = the first that fits): inputs are days position … position + window − 1 and the target
 * the day after, as `slidingWindows` in the engine cuts them; values are z-scored with `scaler` when it is given.
 * @throws RangeError when the position is outside 0 … windowCount − 1
 */
export function windowAt(
  births: readonly number[],
  window: number,
  position: number,
  scaler: { mean: number; std: number } | null,
): WindowView {
  const count = windowCount(births.length, window);
  if (!Number.isInteger(position) || position < 0 || position >= count)
    throw new RangeError(`windowAt: position ${position} is outside 0 … ${count - 1}`);
  const z = (x: number): number => (scaler ? (x - scaler.mean) / scaler.std : x);
  const inputBirths = births.slice(position, position + window);
  const targetBirths = births[position + window];
  return {
    from: position,
    to: position + window,
    inputs: inputBirths.map(z),
    target: z(targetBirths),
    inputBirths,
    targetBirths,
  };
}

/** The three forecasters of the table. */
export type Forecaster = 'model' | 'seasonalNaive' | 'persistence';

/** One row of the table of errors. */
export interface MaeRow {
  forecaster: Forecaster;
  /** Mean absolute error over the year, births per day: one step ahead, and recursive from the year's first day. */
  oneStep: number;
  recursive: number;
}

/** The mean absolute error of each forecaster over the whole test year, one step ahead and recursively. */
export function yearMaes(year: ForecastYear): MaeRow[] {
  return (['model', 'seasonalNaive', 'persistence'] as const).map((forecaster) => ({
    forecaster,
    oneStep: meanAbsoluteError(year[forecaster].oneStep, year.actual),
    recursive: meanAbsoluteError(year[forecaster].recursive, year.actual),
  }));
}

/** The stretches of the year the chart can show. */
export const SPANS = ['jan-feb', 'mar-apr', 'may-jun', 'jul-aug', 'sep-oct', 'nov-dec', 'year'] as const;
export type Span = (typeof SPANS)[number];

/** The words for a span. */
export const SPAN_LABELS: Readonly<Record<Span, string>> = {
  'jan-feb': 'January and February',
  'mar-apr': 'March and April',
  'may-jun': 'May and June',
  'jul-aug': 'July and August',
  'sep-oct': 'September and October',
  'nov-dec': 'November and December',
  year: 'the whole year',
};

/** The indices [from, to) of the days of `dates` (YYYY-MM-DD, one year) inside a span. */
export function spanRange(dates: readonly string[], span: Span): [number, number] {
  if (span === 'year') return [0, dates.length];
  const first = SPANS.indexOf(span) * 2 + 1;
  const inSpan = (d: string): boolean => {
    const month = Number(d.slice(5, 7));
    return month === first || month === first + 1;
  };
  const from = dates.findIndex(inSpan);
  if (from < 0) return [0, 0];
  let to = from;
  while (to < dates.length && inSpan(dates[to])) to++;
  return [from, to];
}
