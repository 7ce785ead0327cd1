// Tests that the real datasets load from node_modules and come out as the tasks expect: the book over
// the 75-character alphabet with all chapters, and 15 complete years of births with a known baseline.
import { describe, expect, it } from 'vitest';
import { CHAR_ALPHABET } from '../../engine/data/text';
import { decodeBirths, seasonalNaiveMae, splitByYear } from '../../engine/data/timeseries';
import { loadMobyDick, loadUsBirths, usBirthsFile } from './datasets';

describe('loadMobyDick', () => {
  const text = loadMobyDick();

  it('holds the whole book, chapters 1 to 135 and the Epilogue, in order', () => {
    expect(text.length).toBeGreaterThan(1_100_000);
    expect(text.startsWith('CHAPTER 1. Loomings.\nCall me Ishmael.')).toBe(true);
    const headings = [...text.matchAll(/^CHAPTER (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(headings).toEqual(Array.from({ length: 135 }, (_, i) => i + 1));
    expect(text).toMatch(/\nEpilogue "AND I ONLY AM ESCAPED ALONE TO TELL THEE" Job\.\n/);
  });

  it('uses only the alphabet, with no doubled spaces or blank lines', () => {
    const used = new Set(text);
    for (const ch of used) expect(CHAR_ALPHABET).toContain(ch);
    expect(text).not.toMatch(/ {2}|\n\n| \n|\n /);
  });
});

describe('loadUsBirths', () => {
  const records = loadUsBirths();

  it('has every day from 2000-01-01 to 2014-12-31', () => {
    expect(records.length).toBe(5479);
    expect(records[0]).toEqual({ date: '2000-01-01', weekday: 6, births: 9083 });
    expect(records[5478].date).toBe('2014-12-31');
  });

  it('round-trips through the served file', () => {
    expect(decodeBirths(JSON.parse(JSON.stringify(usBirthsFile())))).toEqual(records);
  });

  it('gives the seasonal-naive baseline its known MAE on the held-out 2014', () => {
    const split = splitByYear(records);
    const values = records.map((r) => r.births);
    // The number the forecaster must beat (births per day), one step and one week ahead.
    expect(seasonalNaiveMae(values, { window: 28, horizon: 1, range: split.test })).toBeCloseTo(435.816, 2);
    expect(seasonalNaiveMae(values, { window: 28, horizon: 7, range: split.test })).toBeCloseTo(424.927, 2);
  });
});
