// Tests for the births time-series helpers on small hand-made series: records, file round trip,
// year split, scaler fitted on a range, windows with covariates, and the seasonal-naive baseline.
import { describe, expect, it } from 'vitest';
import {
  decodeBirths,
  encodeBirths,
  fitScaler,
  meanAbsoluteError,
  persistence,
  prepareBirths,
  seasonalNaive,
  seasonalNaiveMae,
  slidingWindows,
  splitByYear,
  standardize,
  unstandardize,
  weekdayOneHot,
  type StdlibBirthRow,
} from './timeseries';

// 2012-12-30 was a Sunday (7), 2012-12-31 a Monday (1), 2013-01-01 a Tuesday (2).
const rows: StdlibBirthRow[] = [
  { year: 2012, month: 12, date_of_month: 30, day_of_week: 7, births: 8000 },
  { year: 2012, month: 12, date_of_month: 31, day_of_week: 1, births: 11000 },
  { year: 2013, month: 1, date_of_month: 1, day_of_week: 2, births: 9000 },
];

describe('prepareBirths', () => {
  it('builds ISO-dated records', () => {
    expect(prepareBirths(rows)[2]).toEqual({ date: '2013-01-01', weekday: 2, births: 9000 });
  });

  it('rejects gaps, wrong weekdays and bad counts', () => {
    expect(() => prepareBirths([rows[0], rows[2]])).toThrow(/row 1 is 2013-01-01, expected 2012-12-31/);
    expect(() => prepareBirths([{ ...rows[0], day_of_week: 6 }])).toThrow(/calendar says 7/);
    expect(() => prepareBirths([{ ...rows[0], births: NaN }])).toThrow(/births NaN/);
    expect(() => prepareBirths([])).toThrow(/no rows/);
  });
});

describe('encodeBirths / decodeBirths', () => {
  it('round-trips through the compact file, recomputing weekdays', () => {
    const records = prepareBirths(rows);
    const file = JSON.parse(JSON.stringify(encodeBirths(records)));
    expect(file.births).toEqual([8000, 11000, 9000]);
    expect(decodeBirths(file)).toEqual(records);
  });

  it('rejects malformed files', () => {
    expect(() => decodeBirths({ births: [1] })).toThrow(/expected/);
    expect(() => decodeBirths({ start: '2013-02-30', births: [1] })).toThrow(/valid YYYY-MM-DD/);
    expect(() => decodeBirths({ start: '2013-02-01', births: [1, 'x'] })).toThrow(/births\[1\]/);
  });
});

/** Consecutive records from 2011-01-01 through 2014-12-31 with births = index. */
function years(): ReturnType<typeof decodeBirths> {
  const n = (Date.UTC(2015, 0, 1) - Date.UTC(2011, 0, 1)) / 86_400_000;
  return decodeBirths({ start: '2011-01-01', births: Array.from({ length: n }, (_, i) => i) });
}

describe('splitByYear', () => {
  it('holds out the validation and test years as index ranges', () => {
    const r = years();
    const s = splitByYear(r);
    expect(r[s.train[1] - 1].date).toBe('2012-12-31');
    expect(r[s.validation[0]].date).toBe('2013-01-01');
    expect(r[s.test[0]].date).toBe('2014-01-01');
    expect(s.test[1]).toBe(r.length);
    expect(s.test[1] - s.test[0]).toBe(365);
  });

  it('rejects a missing year or an inverted order', () => {
    expect(() => splitByYear(years(), { validationYear: 2014, testYear: 2013 })).toThrow(/must come before/);
    expect(() => splitByYear(years(), { testYear: 2016 })).toThrow(/must contain/);
    expect(() => splitByYear(years(), { validationYear: 2011, testYear: 2012 })).toThrow(/must contain/);
  });
});

describe('scaling', () => {
  it('fits on the given range only and inverts exactly', () => {
    const values = [1, 3, 100, 200];
    const s = fitScaler(values, [0, 2]);
    expect(s).toEqual({ mean: 2, std: 1 });
    expect(Array.from(standardize(values, s))).toEqual([-1, 1, 98, 198]);
    expect(Array.from(unstandardize([-1, 98], s))).toEqual([1, 100]);
    expect(() => fitScaler([5, 5, 5])).toThrow(/constant/);
    expect(() => fitScaler([5])).toThrow(/at least 2/);
  });
});

describe('weekdayOneHot', () => {
  it('sets column weekday − 1', () => {
    const oh = weekdayOneHot(prepareBirths(rows));
    expect(Array.from(oh.subarray(0, 7))).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(oh.subarray(14, 21))).toEqual([0, 1, 0, 0, 0, 0, 0]);
  });
});

describe('slidingWindows', () => {
  const values = Array.from({ length: 10 }, (_, i) => i * 10);

  it('cuts one-step windows whose targets lie in the range and whose inputs may precede it', () => {
    const w = slidingWindows(values, { window: 3, horizon: 1, range: [5, 8] });
    expect(Array.from(w.origins)).toEqual([5, 6, 7]);
    expect(Array.from(w.inputs.subarray(0, 3))).toEqual([20, 30, 40]);
    expect(Array.from(w.targets)).toEqual([50, 60, 70]);
    expect(w.inputSize).toBe(1);
  });

  it('cuts multi-step windows that keep the whole horizon in range, with a stride', () => {
    const w = slidingWindows(values, { window: 2, horizon: 3, range: [0, 10], stride: 2 });
    expect(Array.from(w.origins)).toEqual([2, 4, 6]);
    expect(Array.from(w.targets.subarray(6, 9))).toEqual([60, 70, 80]);
  });

  it('interleaves covariates after the value', () => {
    const cov = Float32Array.from({ length: 20 }, (_, i) => i);
    const w = slidingWindows(values, { window: 2, horizon: 1, range: [2, 3], covariates: cov, covariateSize: 2 });
    expect(w.inputSize).toBe(3);
    expect(Array.from(w.inputs)).toEqual([0, 0, 1, 10, 2, 3]);
    expect(() =>
      slidingWindows(values, { window: 2, horizon: 1, range: [2, 3], covariates: cov, covariateSize: 3 }),
    ).toThrow(/covariates/);
    expect(() => slidingWindows(values, { window: 0, horizon: 1, range: [0, 10] })).toThrow(/window/);
  });
});

describe('persistence', () => {
  it('predicts every day of the horizon by the last day before the origin', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(Array.from(persistence(values, [1, 4, 7], 1))).toEqual([3, 1, 2]);
    expect(Array.from(persistence(values, [5, 2], 3))).toEqual([5, 5, 5, 1, 1, 1]);
    expect(() => persistence(values, [0], 1)).toThrow(/no day before/);
  });

  it('scores the mean absolute day-to-day change one step ahead', () => {
    const values = [10, 12, 9, 9, 15];
    const origins = [1, 2, 3, 4];
    const actual = origins.map((t) => values[t]);
    expect(meanAbsoluteError(persistence(values, origins, 1), actual)).toBe((2 + 3 + 0 + 6) / 4);
  });
});

describe('seasonal naive', () => {
  it('repeats the last observed week, also over a multi-day horizon', () => {
    const values = Array.from({ length: 21 }, (_, i) => i);
    // origin 14: day 14+h is predicted by day 7+(h mod 7)
    expect(Array.from(seasonalNaive(values, [14], 9))).toEqual([7, 8, 9, 10, 11, 12, 13, 7, 8]);
    expect(() => seasonalNaive(values, [3], 1)).toThrow(/less than one period/);
  });

  it('is perfect on a purely weekly series and measures the error otherwise', () => {
    const weekly = Array.from({ length: 70 }, (_, i) => [5, 9, 9, 9, 9, 9, 4][i % 7]);
    expect(seasonalNaiveMae(weekly, { window: 14, horizon: 3, range: [14, 70] })).toBe(0);
    const trend = Array.from({ length: 70 }, (_, i) => i);
    expect(seasonalNaiveMae(trend, { window: 7, horizon: 1, range: [7, 70] })).toBe(7);
    expect(meanAbsoluteError([1, 2], [2, 4])).toBe(1.5);
    expect(() => meanAbsoluteError([], [])).toThrow(/positive/);
  });
});
