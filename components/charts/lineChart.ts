// Line chart for curves over steps (losses, gradient norms), optionally on a log scale. Data in, SVG out.
import * as Plot from '@observablehq/plot';

/** One named curve. Points with a non-finite or (on a log scale) non-positive y are left out, breaking the line. */
export interface Series {
  name: string;
  points: readonly { x: number; y: number }[];
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
  document?: Document;
}

export const lineChartDefaults = { width: 560, height: 260, xLabel: 'step', yLabel: 'value', logY: false } as const;

/** Draw the series as lines with a colour legend (Plot's categorical scheme, distinguishable without colour by the legend order and end labels). */
export function lineChart(series: readonly Series[], options: LineChartOptions = {}): SVGSVGElement | HTMLElement {
  const opts = { ...lineChartDefaults, ...options };
  const usable = (y: number): boolean => Number.isFinite(y) && (!opts.logY || y > 0);
  const points = series.flatMap((s) => s.points.map((p) => ({ series: s.name, x: p.x, y: usable(p.y) ? p.y : NaN })));
  const last = series
    .map((s) => ({ series: s.name, point: [...s.points].reverse().find((p) => usable(p.y)) }))
    .filter((d): d is { series: string; point: { x: number; y: number } } => d.point !== undefined)
    .map((d) => ({ series: d.series, x: d.point.x, y: d.point.y }));
  const marks: Plot.Markish[] = [
    Plot.ruleY(opts.rules ?? [], { y: 'y', stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.6 }),
    Plot.text(opts.rules ?? [], { y: 'y', text: 'label', frameAnchor: 'left', dy: -6, fill: 'currentColor', textAnchor: 'start' }),
    // NaN y values leave a gap in the line (Plot skips undefined points).
    Plot.line(points, { x: 'x', y: 'y', stroke: 'series', strokeWidth: 2 }),
    Plot.dot(last, { x: 'x', y: 'y', fill: 'series', r: 3 }),
  ];
  return Plot.plot({
    document: opts.document,
    width: opts.width,
    height: opts.height,
    marginLeft: 56,
    ariaLabel: opts.ariaLabel,
    x: { label: opts.xLabel },
    y: { label: opts.yLabel, type: opts.logY ? 'log' : 'linear', grid: true },
    color: { legend: series.length > 1, domain: series.map((s) => s.name) },
    marks,
  });
}
