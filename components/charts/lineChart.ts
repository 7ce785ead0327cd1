// Line chart for curves over steps (losses, gradient norms), optionally on a log scale. Data in, SVG out.
import * as Plot from '@observablehq/plot';

/** One named curve. Points with a non-finite or (on a log scale) non-positive y are left out, breaking the line. */
export interface Series {
  name: string;
  points: readonly { x: number; y: number }[];
  /** A fixed colour (any CSS colour); used when every series gives one, otherwise Plot's categorical scheme. */
  color?: string;
  /** Draw dashed, so the curve differs from the others by more than colour. */
  dashed?: boolean;
}

export interface LineChartOptions {
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** Logarithmic y axis (for norms that vanish or explode). */
  logY?: boolean;
  /** Horizontal reference lines, e.g. a clipping threshold or a baseline's loss. */
  rules?: readonly { y: number; label: string }[];
  ariaLabel?: string;
  /** Fixed y range [lo, hi], e.g. to share one scale across charts drawn side by side. */
  yDomain?: readonly [number, number];
  /** Format of the y tick labels (Plot's default otherwise, SI prefixes on a log scale: 1m, 1k). */
  yTickFormat?: (y: number) => string;
  /** Where the x axis puts its ticks, e.g. whole epochs, labelled as plain numbers (Plot's choice otherwise). */
  xTicks?: readonly number[];
  document?: Document;
}

export const lineChartDefaults = { width: 560, height: 260, xLabel: 'step', yLabel: 'value', logY: false } as const;

/** Draw the series as lines with a colour legend (Plot's categorical scheme, distinguishable without colour by the legend order and end labels). */
export function lineChart(series: readonly Series[], options: LineChartOptions = {}): SVGSVGElement | HTMLElement {
  const opts = { ...lineChartDefaults, ...options };
  const dashed = new Set(series.filter((s) => s.dashed).map((s) => s.name));
  const colors = series.every((s) => s.color !== undefined) ? series.map((s) => s.color as string) : undefined;
  const usable = (y: number): boolean => Number.isFinite(y) && (!opts.logY || y > 0);
  const points = series.flatMap((s) => s.points.map((p) => ({ series: s.name, x: p.x, y: usable(p.y) ? p.y : NaN })));
  const last = series
    .map((s) => ({ series: s.name, point: [...s.points].reverse().find((p) => usable(p.y)) }))
    .filter((d): d is { series: string; point: { x: number; y: number } } => d.point !== undefined)
    .map((d) => ({ series: d.series, x: d.point.x, y: d.point.y }));
  const marks: Plot.Markish[] = [
    Plot.ruleY(opts.rules ?? [], { y: 'y', stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.6 }),
    Plot.text(opts.rules ?? [], {
      y: 'y',
      text: 'label',
      frameAnchor: 'right',
      dy: -6,
      fill: 'currentColor',
      textAnchor: 'end',
    }),
    // NaN y values leave a gap in the line (Plot skips undefined points). Dashed series get their own mark.
    Plot.line(
      points.filter((p) => !dashed.has(p.series)),
      { x: 'x', y: 'y', stroke: 'series', strokeWidth: 2 },
    ),
    Plot.line(
      points.filter((p) => dashed.has(p.series)),
      { x: 'x', y: 'y', stroke: 'series', strokeWidth: 2, strokeDasharray: '6 4' },
    ),
    Plot.dot(last, { x: 'x', y: 'y', fill: 'series', r: 3 }),
  ];
  return Plot.plot({
    document: opts.document,
    width: opts.width,
    height: opts.height,
    marginLeft: 56,
    ariaLabel: opts.ariaLabel,
    x: {
      label: opts.xLabel,
      ticks: opts.xTicks ? [...opts.xTicks] : undefined,
      tickFormat: opts.xTicks ? (x: number) => String(x) : undefined,
    },
    y: {
      label: opts.yLabel,
      type: opts.logY ? 'log' : 'linear',
      grid: true,
      domain: opts.yDomain ? [...opts.yDomain] : undefined,
      tickFormat: opts.yTickFormat,
    },
    color: { legend: series.length > 1, domain: series.map((s) => s.name), range: colors },
    marks,
  });
}
