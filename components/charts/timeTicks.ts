// Tick labels of a UTC time axis as Observable Plot writes them: the coarsest calendar unit every tick falls on, with
// the next unit up on a second line where it changes ("Oct\n2013", "Nov", "Dec", "Jan\n2014"), so charts drawn with
// d3-scale's scaleUtc read as the Plot ones did.
import { unixDay, utcMonth, utcYear, type TimeInterval } from 'd3-time';
import { utcFormat } from 'd3-time-format';

const DAY = 24 * 3600 * 1000;

/** Two formats: `fine` on every tick, `coarse` below it on the first tick and wherever it changes. */
function conditional(fine: string, coarse: string): (date: Date, i: number, ticks: readonly Date[]) => string {
  const f1 = utcFormat(fine);
  const f2 = utcFormat(coarse);
  return (date, i, ticks) => {
    const below = f2(date);
    return i > 0 && f2(ticks[i - 1]) === below ? f1(date) : `${f1(date)}\n${below}`;
  };
}

/**
 * The labels of a bottom axis's `ticks` (increasing, as d3's `scaleUtc().ticks()` gives them): years as "2014";
 * months as "Jan" over the year; days as "6" over the month; anything finer (or ticks more than six months apart that
 * are not on month starts) as ISO dates.
 * @returns tick → label, a line break between its two lines
 */
export function utcTickFormat(ticks: readonly Date[]): (date: Date, index: number) => string {
  let step = 0;
  for (let i = 1; i < ticks.length; i++) step = Math.max(step, Math.abs(+ticks[i] - +ticks[i - 1]));
  const on = (interval: TimeInterval): boolean => ticks.every((d) => +interval.floor(d) >= +d);
  const pick = on(utcYear)
    ? (d: Date) => utcFormat('%Y')(d)
    : on(utcMonth)
      ? conditional('%b', '%Y')
      : step <= 180 * DAY && on(unixDay)
        ? conditional('%-d', '%b')
        : (d: Date) => utcFormat('%Y-%m-%d')(d);
  return (date, index) => pick(date, index, ticks);
}
