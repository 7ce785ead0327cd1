// Shapes the gradient lab's numbers for its charts and words: the curves of each cell, one log-scale range shared by
// the three charts, and sentences derived from the numbers (how fast the gradient decays or grows, what clipping did).
import type { Series } from '../../charts/lineChart';
import { fmt, fmtSci } from '../../lib/format';
import type { CellGradients, CellKind, ClipEffect } from './model';

export const CELL_LABEL: Record<CellKind, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

/** Curve names, also the legend. */
export const SERIES_NAMES = {
  grad: '‖∂L/∂hₜ‖',
  jacobian: '‖∂h_T/∂hₜ‖',
  clipped: '‖∂L/∂hₜ‖ after clipping',
} as const;

/** Curve colours, ≥ 3:1 against both themes' card backgrounds and apart for colour-blind readers (blue, orange, magenta dashed). */
export const SERIES_COLORS = { grad: '#3d7be0', jacobian: '#c8660f', clipped: '#b04fb6' } as const;

/**
 * The curves of one cell's chart, x = t from 1 to T: ‖∂L/∂h_t‖, ‖∂h_T/∂h_t‖, and when clipping shrinks the gradient,
 * the clipped ‖∂L/∂h_t‖ (clipping multiplies every gradient, hence every δ_t, by the same factor).
 */
export function cellSeries(cell: CellGradients, clip: ClipEffect | null): Series[] {
  const points = (v: ArrayLike<number>, k = 1): { x: number; y: number }[] =>
    Array.from(v, (y, i) => ({ x: i + 1, y: y * k }));
  const series: Series[] = [
    { name: SERIES_NAMES.grad, points: points(cell.gradH), color: SERIES_COLORS.grad },
    { name: SERIES_NAMES.jacobian, points: points(cell.jacobian), color: SERIES_COLORS.jacobian },
  ];
  if (clip?.clipped)
    series.push({
      name: SERIES_NAMES.clipped,
      points: points(cell.gradH, clip.factor),
      color: SERIES_COLORS.clipped,
      dashed: true,
    });
  return series;
}

/** A log-scale range [10^a, 10^b] around every positive finite value (at least one decade), for charts that share a scale. */
export function sharedLogDomain(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return [0.1, 10];
  let a = Math.floor(Math.log10(lo));
  let b = Math.ceil(Math.log10(hi));
  if (a === b) {
    a -= 1;
    b += 1;
  }
  return [10 ** a, 10 ** b];
}

/** A y tick label: 10⁻¹² for powers of ten, 2 × 10⁻¹² otherwise; plain numbers between 0.01 and 1000. */
export function fmtTick(y: number): string {
  if (y >= 0.01 && y <= 1000) return String(Number(y.toPrecision(3)));
  const e = Math.round(Math.log10(y));
  if (Math.abs(y / 10 ** e - 1) < 1e-9) return fmtSci(y, 0).replace(/^1 × /, '');
  return fmtSci(y, 0);
}

/** How ‖∂L/∂h_t‖ changes from the last step back to the first. */
export interface Trend {
  /** ‖∂L/∂h_1‖. */
  first: number;
  /** ‖∂L/∂h_T‖. */
  last: number;
  /** first / last (0 when the gradient is exactly zero at t = 1). */
  ratio: number;
  /** The average factor per step back, ratio^(1/(T−1)). */
  perStep: number;
  verdict: 'vanishes' | 'explodes' | 'steady';
}

/** The trend of a gradient profile: vanishing below a 1000th, exploding beyond 1000×. @param gradH [T] */
export function trendOf(gradH: ArrayLike<number>): Trend {
  const T = gradH.length;
  const first = gradH[0];
  const last = gradH[T - 1];
  const ratio = last > 0 ? first / last : first > 0 ? Infinity : 1;
  const perStep = T > 1 ? ratio ** (1 / (T - 1)) : 1;
  const verdict = ratio < 1e-3 ? 'vanishes' : ratio > 1e3 ? 'explodes' : 'steady';
  return { first, last, ratio, perStep, verdict };
}

/** A number in a sentence: three significant digits (1.38, 10, 0.25), scientific notation when tiny or huge. */
const num = (x: number): string =>
  x !== 0 && (Math.abs(x) < 0.01 || Math.abs(x) >= 1000)
    ? fmtSci(x)
    : String(Number(x.toPrecision(3))).replace('-', '−');

/** One sentence on a cell's gradient profile, from its numbers. */
export function describeTrend(kind: CellKind, trend: Trend, T: number): string {
  const head = `${CELL_LABEL[kind]}: from t = ${T} back to t = 1, ‖∂L/∂hₜ‖ goes from ${num(trend.last)} to ${num(trend.first)}`;
  if (trend.first === 0)
    return `${head}: exactly zero, every path back is cut (a ReLU unit that is off passes no gradient). It vanishes.`;
  const factor = `a factor of ${num(trend.ratio)} (×${fmt(trend.perStep, 3)} per step)`;
  const verdict = { vanishes: 'it vanishes', explodes: 'it explodes', steady: 'it neither vanishes nor explodes' }[
    trend.verdict
  ];
  return `${head}, ${factor}: ${verdict}.`;
}

/** What clipping did to a cell's gradient, in words, from its numbers. */
export function describeClipping(kind: CellKind, clip: ClipEffect, trend: Trend): string {
  const label = CELL_LABEL[kind];
  const shape = `‖∂L/∂h₁‖ is still ${num(trend.ratio)} × ‖∂L/∂h_T‖`;
  if (!clip.clipped) {
    const head = `${label}: ‖g‖ = ${num(clip.norm)} is within τ = ${num(clip.tau)}, so clipping does nothing.`;
    if (trend.verdict === 'vanishes')
      return `${head} ${shape}: clipping never makes a gradient larger, so it cannot bring back a vanished one.`;
    if (trend.verdict === 'explodes')
      return `${head} The gradient still grows going back in time; a lower τ would cap the step.`;
    return head;
  }
  const head =
    `${label}: ‖g‖ = ${num(clip.norm)} is above τ = ${num(clip.tau)}, so every gradient is multiplied by ` +
    `${num(clip.factor)}, and the clipped ‖g‖ is ${num(clip.clippedNorm)}.`;
  if (trend.verdict === 'explodes')
    return (
      `${head} That tames the explosion: the update is no longer huge. But the shape is unchanged: ` +
      `${shape}; the dashed curve is the solid one moved down.`
    );
  if (trend.verdict === 'vanishes')
    return `${head} That only makes it smaller: ${shape}. Clipping cannot bring back a vanished gradient.`;
  return `${head} The curve moves down by that factor; its shape stays the same: ${shape}.`;
}
