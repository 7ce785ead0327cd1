// Line chart for curves over steps (losses, gradient norms), optionally on a log scale. Data in, SVG out.
// Drawn with d3's scales and line generator in Observable Plot's layout (the charts' look), without loading Plot.
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import { schemeObservable10 } from 'd3-scale-chromatic';
import { line } from 'd3-shape';
import { chartRoot, continuousAxis, svgNode, tickCount, type Frame } from './svg';

/** One named curve. Points with a non-finite or (on a log scale) non-positive y are left out, breaking the line. */
export interface Series {
  name: string;
  points: readonly { x: number; y: number }[];
  /** A fixed colour (any CSS colour); used when every series gives one, otherwise Plot's categorical scheme (observable10). */
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

/** The extent of `values`, or [0, 1] when there are none. */
function extentOf(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Draw the series as lines, each ending in a dot, with a colour legend above when there is more than one (Plot's
 * categorical scheme; distinguishable without colour by the legend order, the end dots and dashes where asked).
 * @returns the chart's SVG, or a figure holding the legend and the SVG
 */
export function lineChart(series: readonly Series[], options: LineChartOptions = {}): SVGSVGElement | HTMLElement {
  const opts = { ...lineChartDefaults, ...options };
  const doc = opts.document ?? document;
  const colors = series.every((s) => s.color !== undefined)
    ? series.map((s) => s.color as string)
    : series.map((_, i) => schemeObservable10[i % schemeObservable10.length]);
  const usable = (y: number): boolean => Number.isFinite(y) && (!opts.logY || y > 0);
  const frame: Frame = {
    width: opts.width,
    height: opts.height,
    marginTop: 20,
    marginRight: 20,
    marginBottom: 30,
    marginLeft: 56,
  };
  const rules = opts.rules ?? [];
  // Domains as Plot's: the extent of the data (and the rules), not rounded to ticks.
  const xs = series.flatMap((s) => s.points.map((p) => p.x).filter(Number.isFinite));
  const ys = [
    ...series.flatMap((s) => s.points.map((p) => p.y).filter(usable)),
    ...rules.map((r) => r.y).filter(usable),
  ];
  const x = scaleLinear()
    .domain(extentOf(xs))
    .range([frame.marginLeft, frame.width - frame.marginRight]);
  const yRange = [frame.height - frame.marginBottom, frame.marginTop];
  const yDomain = opts.yDomain ? [...opts.yDomain] : extentOf(ys);
  const y: ScaleContinuousNumeric<number, number> = opts.logY
    ? scaleLog()
        .domain(ys.length || opts.yDomain ? yDomain : [1, 10])
        .range(yRange)
    : scaleLinear().domain(yDomain).range(yRange);
  const xCount = tickCount('x', frame.width - frame.marginLeft - frame.marginRight);
  const yCount = tickCount('y', frame.height - frame.marginTop - frame.marginBottom);
  const svg = chartRoot(doc, frame, opts.ariaLabel);
  svg.append(
    continuousAxis(
      doc,
      'y',
      y,
      {
        ticks: y.ticks(yCount),
        format: opts.yTickFormat ?? y.tickFormat(yCount),
        label: opts.yLabel,
        grid: true,
      },
      frame,
    ),
    continuousAxis(
      doc,
      'x',
      x,
      {
        ticks: opts.xTicks ? [...opts.xTicks] : x.ticks(xCount),
        format: opts.xTicks ? (v) => String(v) : x.tickFormat(xCount),
        label: opts.xLabel,
      },
      frame,
    ),
  );
  if (rules.length > 0) {
    const ruleLines = svgNode(doc, 'g', {
      class: 'rules',
      stroke: 'currentColor',
      'stroke-opacity': 0.6,
      'stroke-dasharray': '4 3',
    });
    const ruleLabels = svgNode(doc, 'g', { class: 'rule-labels', 'text-anchor': 'end', transform: 'translate(0,-6)' });
    for (const rule of rules) {
      const at = y(rule.y);
      ruleLines.append(
        svgNode(doc, 'line', { x1: frame.marginLeft, x2: frame.width - frame.marginRight, y1: at, y2: at }),
      );
      ruleLabels.append(svgNode(doc, 'text', { x: frame.width - frame.marginRight, y: at, dy: '0.32em' }, rule.label));
    }
    svg.append(ruleLines, ruleLabels);
  }
  // A point a log scale cannot show, or a non-finite one, leaves a gap in the line.
  const path = line<{ x: number; y: number }>()
    .defined((p) => Number.isFinite(p.x) && usable(p.y))
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const dots = svgNode(doc, 'g', { class: 'dots' });
  series.forEach((s, i) => {
    const g = svgNode(doc, 'g', {
      class: 'line',
      fill: 'none',
      'stroke-width': 2,
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
      'stroke-dasharray': s.dashed ? '6 4' : undefined,
    });
    g.append(svgNode(doc, 'path', { stroke: colors[i], d: path(s.points) ?? '' }));
    svg.append(g);
    const last = [...s.points].reverse().find((p) => Number.isFinite(p.x) && usable(p.y));
    if (last) dots.append(svgNode(doc, 'circle', { cx: x(last.x), cy: y(last.y), r: 3, fill: colors[i] }));
  });
  svg.append(dots);
  if (series.length <= 1) return svg;
  // The legend above the chart, as Plot's swatches: a square in each series' colour and its name.
  const legend = doc.createElement('div');
  legend.className = 'chart-swatches';
  series.forEach((s, i) => {
    const item = doc.createElement('span');
    item.className = 'chart-swatch';
    item.append(
      svgNode(
        doc,
        'svg',
        { width: 15, height: 15, fill: colors[i] },
        svgNode(doc, 'rect', { width: '100%', height: '100%' }),
      ),
      s.name,
    );
    legend.append(item);
  });
  const figure = doc.createElement('figure');
  figure.className = 'chart-figure';
  figure.append(legend, svg);
  return figure;
}
