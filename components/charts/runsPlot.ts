// Several training runs drawn on one chart: each run's training curve (thin) and validation curve (thick, with a dot
// per evaluation) in the run's colour and named at its end, baselines as dashed rules, marked points (an overfitting
// turn, restored weights). Drawn with d3-scale/d3-shape in Observable Plot's layout (the charts' look), without Plot.
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3-scale';
import { line as lineShape } from 'd3-shape';
import { runsDomain, usable, type RunCurves, type RunsChartOptions } from './runsChart';
import { chartRoot, continuousAxis, svgNode, tickCount, type Frame } from './svg';

/** Numbers the clip paths, so that several charts on one page keep their own. */
let clipCount = 0;

/**
 * Draws the runs: training curves thin and faded, validation curves thick with a dot per evaluation, each run named
 * at its last point, baselines as labelled dashed rules, marks as rings with a word; everything but the names is
 * clipped to the plotting area. There is no legend in the chart; use `runsLegend` beside it.
 * @returns the SVG: `g.baselines`, `g.train` and `g.val` (a path per run), `g.dots`, `g.marks`, `g.ends`
 */
export function runsChart(runs: readonly RunCurves[], options: RunsChartOptions = {}): SVGSVGElement | HTMLElement {
  const { show = 'both', logY = false, baselines = [] } = options;
  const doc = options.document ?? document;
  const domain = options.yDomain ? [...options.yDomain] : runsDomain(runs, baselines, { show, logY });
  // Draw emphasised runs last, so they sit on top.
  const ordered = [...runs].sort((a, b) => Number(a.emphasis ?? false) - Number(b.emphasis ?? false));
  const frame: Frame = {
    width: options.width ?? 560,
    height: options.height ?? 280,
    marginTop: 20,
    marginRight: 34,
    marginBottom: 30,
    marginLeft: 56,
  };
  const trains = show === 'validation' ? [] : ordered.map((r) => r.train);
  const vals = show === 'train' ? [] : ordered.map((r) => r.val);
  const ends = ordered
    .map((r) => {
      const curve = show === 'train' || r.val.length === 0 ? r.train : r.val;
      const last = [...curve].reverse().find((p) => usable(p.y, logY));
      return last && { x: last.x, y: Math.min(Math.max(last.y, domain[0]), domain[1]), name: r.name, color: r.color };
    })
    .filter((d) => d !== undefined);
  const marks = ordered.flatMap((r) => (r.marks ?? []).map((m) => ({ ...m, color: r.color })));
  // As Plot's: x over every point drawn (drawable or not), y over the given domain, neither rounded to ticks.
  const xs = [...trains, ...vals]
    .flatMap((c) => c.map((p) => p.x))
    .concat(
      marks.map((m) => m.x),
      ends.map((e) => e.x),
    );
  const finiteXs = xs.filter(Number.isFinite);
  const x = scaleLinear()
    .domain(finiteXs.length ? [Math.min(...finiteXs), Math.max(...finiteXs)] : [0, 1])
    .range([frame.marginLeft, frame.width - frame.marginRight]);
  const y: ScaleContinuousNumeric<number, number> = (logY ? scaleLog() : scaleLinear())
    .domain(domain)
    .range([frame.height - frame.marginBottom, frame.marginTop]);
  const xCount = tickCount('x', frame.width - frame.marginLeft - frame.marginRight);
  const yCount = tickCount('y', frame.height - frame.marginTop - frame.marginBottom);
  const svg = chartRoot(doc, frame, options.ariaLabel);
  svg.append(
    continuousAxis(
      doc,
      'y',
      y,
      { ticks: y.ticks(yCount), format: y.tickFormat(yCount), label: options.yLabel ?? 'loss', grid: true },
      frame,
    ),
    continuousAxis(
      doc,
      'x',
      x,
      { ticks: x.ticks(xCount), format: x.tickFormat(xCount), label: options.xLabel ?? 'step' },
      frame,
    ),
  );
  const clipId = `runs-clip-${++clipCount}`;
  const clipped = (attrs: Record<string, string | number | undefined>, ...children: Node[]): SVGGElement =>
    svgNode(doc, 'g', { 'clip-path': `url(#${clipId})`, ...attrs }, ...children);
  const drawable = baselines.filter((b) => usable(b.y, logY));
  // A point that cannot be drawn (not finite, or not positive on a log scale) leaves a gap in its curve.
  const path = lineShape<{ x: number; y: number }>()
    .defined((p) => Number.isFinite(p.x) && usable(p.y, logY))
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const curves = (kind: 'train' | 'val', opacity: number | undefined, base: number): SVGGElement =>
    clipped(
      {
        class: kind,
        fill: 'none',
        'stroke-opacity': opacity,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      },
      ...ordered
        .filter((r) => r[kind].length > 0)
        .map((r) =>
          svgNode(doc, 'path', {
            stroke: r.color,
            'stroke-width': base + (r.emphasis ? 1 : 0),
            d: path(r[kind]) ?? '',
          }),
        ),
    );
  svg.append(
    svgNode(
      doc,
      'clipPath',
      { id: clipId },
      svgNode(doc, 'rect', {
        x: frame.marginLeft,
        y: frame.marginTop,
        width: frame.width - frame.marginLeft - frame.marginRight,
        height: frame.height - frame.marginTop - frame.marginBottom,
      }),
    ),
    clipped(
      { class: 'baselines', stroke: 'currentColor', 'stroke-opacity': 0.7, 'stroke-dasharray': '4 3' },
      ...drawable.map((b) =>
        svgNode(doc, 'line', { x1: frame.marginLeft, x2: frame.width - frame.marginRight, y1: y(b.y), y2: y(b.y) }),
      ),
    ),
    clipped(
      { class: 'baseline-labels', 'text-anchor': 'start' },
      ...drawable.map((b) => svgNode(doc, 'text', { x: frame.marginLeft + 4, y: y(b.y) - 6, dy: '0.32em' }, b.label)),
    ),
  );
  if (show !== 'validation') svg.append(curves('train', 0.55, 1.25));
  if (show !== 'train') {
    svg.append(curves('val', undefined, 2.5));
    svg.append(
      clipped(
        { class: 'dots' },
        ...ordered.flatMap((r) =>
          r.val
            .filter((p) => Number.isFinite(p.x) && usable(p.y, logY))
            .map((p) => svgNode(doc, 'circle', { cx: x(p.x), cy: y(p.y), r: 2.5, fill: r.color })),
        ),
      ),
    );
  }
  svg.append(
    clipped(
      { class: 'marks', fill: 'none', 'stroke-width': 2 },
      ...marks.map((m) => svgNode(doc, 'circle', { cx: x(m.x), cy: y(m.y), r: 7, stroke: m.color })),
    ),
    clipped(
      { class: 'mark-labels', 'font-weight': 600 },
      ...marks.map((m) => svgNode(doc, 'text', { x: x(m.x), y: y(m.y) - 13, dy: '0.32em' }, m.label)),
    ),
    // The names are not clipped: a name at the right edge reaches into the margin kept for it.
    svgNode(
      doc,
      'g',
      { class: 'ends', 'text-anchor': 'start', 'font-weight': 700 },
      ...ends.map((e) => svgNode(doc, 'text', { x: x(e.x) + 5, y: y(e.y), dy: '0.32em', fill: e.color }, e.name)),
    ),
  );
  // One named image: its numbers are in the table beside it.
  return svg;
}
