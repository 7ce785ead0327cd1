// Reading a generator's free-running test: its errors by generated step folded into weeks (births follow a weekly
// cycle, so a week's mean is the fair unit), and how much the last week's error grew over the first's.
import type { GenerationReport } from '../../../engine/train/tasks/teacherForcing';

/** The mean error over one week of generated steps (steps `from` to `to`, counted from 1). */
export interface WeekError {
  week: number;
  from: number;
  to: number;
  mean: number;
}

/**
 * Means of consecutive 7-step weeks; a last partial week is averaged over its own steps.
 * @param errors [H] error at each generated step
 */
export function weeklyMeans(errors: readonly number[]): WeekError[] {
  const out: WeekError[] = [];
  for (let from = 0; from < errors.length; from += 7) {
    const part = errors.slice(from, from + 7);
    out.push({
      week: out.length + 1,
      from: from + 1,
      to: from + part.length,
      mean: part.reduce((a, b) => a + b, 0) / part.length,
    });
  }
  return out;
}

/** The first and last week's mean free-running error, and their ratio (last over first). */
export function growth(report: Pick<GenerationReport, 'freeRunning'>): { first: number; last: number; ratio: number } {
  const weeks = weeklyMeans(report.freeRunning);
  const first = weeks[0]?.mean ?? NaN;
  const last = weeks.at(-1)?.mean ?? NaN;
  return { first, last, ratio: last / first };
}

/** A number of births per day for a sentence: "1,234", or "no value". */
export const births = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'no value');

/** A ratio as a change in words: "grew by 72%", "shrank by 5%", "stayed the same". */
export function changeWords(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'could not be measured';
  const pct = Math.round((ratio - 1) * 100);
  return pct > 0 ? `grew by ${pct}%` : pct < 0 ? `shrank by ${-pct}%` : 'stayed the same';
}
