// The forecast lab's two pictures: a window of days sliding over the births series with the day it predicts, and a
// year of forecasts against the actual births, each forecaster a line of its own colour and dash. Data in, SVG out.
import * as Plot from '@observablehq/plot';
import { RUN_COLORS } from './runsChart';

/** Turns YYYY-MM-DD into a UTC date for the x axis. */
const day = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** Options shared by both charts. */
export interface ForecastChartOptions {
  width?: number;
  height?: number;
  yLabel?: string;
  ariaLabel?: string;
  document?: Document;
}

/** Makes the chart one named image; its numbers are given in words and a table beside it. */
function asImage(chart: SVGSVGElement | HTMLElement): SVGSVGElement | HTMLElement {
  for (const svg of chart.tagName.toLowerCase() === 'svg' ? [chart] : [...chart.querySelectorAll('svg')]) {
    if (svg.getAttribute('aria-label')) svg.setAttribute('role', 'img');
    for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
  }
  return chart;
}

/**
 * The series with one window on it: every day a small dot on a thin line, the window's days shaded and dotted in
 * the accent colour, the day it predicts ringed and labelled "target".
 * @param dates [T] YYYY-MM-DD
 * @param values [T] what the model reads (births, or their z-scores)
 * @param window the input days [from, to); `to` is the target
 */
export function windowChart(
  dates: readonly string[],
  values: readonly number[],
  window: { from: number; to: number },
  options: ForecastChartOptions = {},
): SVGSVGElement | HTMLElement {
  const rows = dates.map((d, i) => ({ x: day(d), y: values[i], i }));
  const inputs = rows.filter((r) => r.i >= window.from && r.i < window.to);
  const target = rows.filter((r) => r.i === window.to);
  const half = 12 * 3600 * 1000;
  const band = [{ x1: new Date(+rows[window.from].x - half), x2: new Date(+rows[window.to - 1].x + half) }];
  return asImage(
    Plot.plot({
      document: options.document,
      width: options.width ?? 560,
      height: options.height ?? 200,
      marginLeft: 56,
      ariaLabel: options.ariaLabel,
      x: { type: 'utc', label: null },
      y: { label: options.yLabel ?? 'births per day', grid: true },
      marks: [
        Plot.rectX(band, { x1: 'x1', x2: 'x2', fill: RUN_COLORS[0], fillOpacity: 0.14 }),
        Plot.line(rows, { x: 'x', y: 'y', stroke: 'currentColor', strokeOpacity: 0.45, strokeWidth: 1 }),
        Plot.dot(rows, { x: 'x', y: 'y', fill: 'currentColor', fillOpacity: 0.45, r: 1.5 }),
        Plot.dot(inputs, { x: 'x', y: 'y', fill: RUN_COLORS[0], r: 2.6 }),
        Plot.dot(target, { x: 'x', y: 'y', stroke: RUN_COLORS[1], strokeWidth: 2.5, r: 6 }),
        Plot.text(target, {
          x: 'x',
          y: 'y',
          text: () => 'target',
          dy: -14,
          fill: RUN_COLORS[1],
          fontWeight: 700,
        }),
      ],
    }),
  );
}

/** One line of the year chart. */
export interface ForecastLine {
  name: string;
  values: readonly number[];
  /** Any CSS colour; `currentColor` for the actual births. */
  color: string;
  dash?: 'solid' | 'dashed' | 'dotted';
  width?: number;
}

/** The dash patterns of the lines, so they differ by more than colour. */
export const DASHES = { solid: undefined, dashed: '7 4', dotted: '1.5 3' } as const;

/**
 * Lines over the days of `dates`, named at their right end.
 * @param dates [T] YYYY-MM-DD
 * @param lines each with [T] values
 */
export function forecastChart(
  dates: readonly string[],
  lines: readonly ForecastLine[],
  options: ForecastChartOptions = {},
): SVGSVGElement | HTMLElement {
  const x = dates.map(day);
  const marks = lines.map((l) =>
    Plot.line(
      l.values.map((y, i) => ({ x: x[i], y: Number.isFinite(y) ? y : NaN })),
      {
        x: 'x',
        y: 'y',
        stroke: l.color,
        strokeWidth: l.width ?? 1.6,
        strokeDasharray: DASHES[l.dash ?? 'solid'],
      },
    ),
  );
  return asImage(
    Plot.plot({
      document: options.document,
      width: options.width ?? 560,
      height: options.height ?? 300,
      marginLeft: 56,
      ariaLabel: options.ariaLabel,
      x: { type: 'utc', label: null },
      y: { label: options.yLabel ?? 'births per day', grid: true },
      marks,
    }),
  );
}
