// The forecast lab's two pictures: a window of days sliding over the births series with the day it predicts, and a
// year of forecasts against the actual births, each forecaster a line of its own colour and dash. Data in, SVG out.
// Drawn with d3-scale's scaleUtc (and its ticks) and d3-shape in Observable Plot's layout, without loading Plot.
import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { RUN_COLORS } from './runsChart';
import { chartRoot, continuousAxis, svgNode, tickCount, type Frame } from './svg';
import { utcTickFormat } from './timeTicks';

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

/** The extent of the finite `values`, or [0, 1] when there are none. */
function extentOf(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  return finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1];
}

/**
 * A chart with a UTC time x axis (no label) and a linear y axis with grid lines, as Plot laid out these two charts:
 * the domains are the extents of what is drawn. One named image: its numbers are given in words and a table beside it.
 */
function timeFrame(xs: readonly Date[], ys: readonly number[], height: number, options: ForecastChartOptions) {
  const doc = options.document ?? document;
  const frame: Frame = {
    width: options.width ?? 560,
    height,
    marginTop: 20,
    marginRight: 20,
    marginBottom: 30,
    marginLeft: 56,
  };
  const times = xs.map(Number);
  const x = scaleUtc()
    .domain(
      times.length ? [new Date(Math.min(...times)), new Date(Math.max(...times))] : [0, 1].map((t) => new Date(t)),
    )
    .range([frame.marginLeft, frame.width - frame.marginRight]);
  const y = scaleLinear()
    .domain(extentOf(ys))
    .range([frame.height - frame.marginBottom, frame.marginTop]);
  const xTicks = x.ticks(tickCount('x', frame.width - frame.marginLeft - frame.marginRight));
  const yCount = tickCount('y', frame.height - frame.marginTop - frame.marginBottom);
  const svg = chartRoot(doc, frame, options.ariaLabel);
  svg.append(
    continuousAxis(
      doc,
      'y',
      y,
      { ticks: y.ticks(yCount), format: y.tickFormat(yCount), label: options.yLabel ?? 'births per day', grid: true },
      frame,
    ),
    continuousAxis(doc, 'x', x, { ticks: xTicks, format: utcTickFormat(xTicks) }, frame),
  );
  return { doc, frame, svg, x, y };
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
  const rows = dates.map((d, i) => ({ x: day(d), y: values[i], i })).filter((r) => Number.isFinite(r.y));
  const inputs = rows.filter((r) => r.i >= window.from && r.i < window.to);
  const target = rows.filter((r) => r.i === window.to);
  const half = 12 * 3600 * 1000;
  // The shaded band reaches half a day either side of the window's first and last day.
  const band = { x1: new Date(+day(dates[window.from]) - half), x2: new Date(+day(dates[window.to - 1]) + half) };
  const { doc, frame, svg, x, y } = timeFrame(
    [...rows.map((r) => r.x), band.x1, band.x2],
    rows.map((r) => r.y),
    options.height ?? 200,
    options,
  );
  const dot = (r: { x: Date; y: number }, radius: number) =>
    svgNode(doc, 'circle', { cx: x(r.x), cy: y(r.y), r: radius });
  const path = line<{ x: Date; y: number }>()
    .x((r) => x(r.x))
    .y((r) => y(r.y));
  svg.append(
    svgNode(
      doc,
      'g',
      { class: 'window', fill: RUN_COLORS[0], 'fill-opacity': 0.14 },
      svgNode(doc, 'rect', {
        x: x(band.x1),
        y: frame.marginTop,
        width: x(band.x2) - x(band.x1),
        height: frame.height - frame.marginTop - frame.marginBottom,
      }),
    ),
    svgNode(
      doc,
      'g',
      {
        class: 'line',
        fill: 'none',
        stroke: 'currentColor',
        'stroke-opacity': 0.45,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      },
      svgNode(doc, 'path', { d: path(rows) ?? '' }),
    ),
    svgNode(doc, 'g', { class: 'days', 'fill-opacity': 0.45 }, ...rows.map((r) => dot(r, 1.5))),
    svgNode(doc, 'g', { class: 'inputs', fill: RUN_COLORS[0] }, ...inputs.map((r) => dot(r, 2.6))),
    svgNode(
      doc,
      'g',
      { class: 'target', fill: 'none', stroke: RUN_COLORS[1], 'stroke-width': 2.5 },
      ...target.map((r) => dot(r, 6)),
    ),
    svgNode(
      doc,
      'g',
      { class: 'target-label', fill: RUN_COLORS[1], 'font-weight': 700 },
      ...target.map((r) => svgNode(doc, 'text', { x: x(r.x), y: y(r.y) - 14, dy: '0.32em' }, 'target')),
    ),
  );
  return svg;
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
 * Lines over the days of `dates` (each a `g.line` with its path; a non-finite value leaves a gap).
 * @param dates [T] YYYY-MM-DD
 * @param lines each with [T] values
 */
export function forecastChart(
  dates: readonly string[],
  lines: readonly ForecastLine[],
  options: ForecastChartOptions = {},
): SVGSVGElement | HTMLElement {
  const days = dates.map(day);
  const { doc, svg, x, y } = timeFrame(
    lines.flatMap((l) => l.values.flatMap((v, i) => (Number.isFinite(v) && days[i] ? [days[i]] : []))),
    lines.flatMap((l) => l.values.filter((v, i) => days[i] !== undefined)),
    options.height ?? 300,
    options,
  );
  const path = line<number>()
    .defined((v, i) => Number.isFinite(v) && days[i] !== undefined)
    .x((_, i) => x(days[i]))
    .y((v) => y(v));
  for (const l of lines)
    svg.append(
      svgNode(
        doc,
        'g',
        {
          class: 'line',
          fill: 'none',
          stroke: l.color,
          'stroke-width': l.width ?? 1.6,
          'stroke-linejoin': 'round',
          'stroke-linecap': 'round',
          'stroke-dasharray': DASHES[l.dash ?? 'solid'],
        },
        svgNode(doc, 'path', { d: path(l.values) ?? '' }),
      ),
    );
  return svg;
}
