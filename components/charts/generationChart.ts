// The teacher forcing lab's picture: each generator's free-running error at every generated step (a thin line with
// dots) and its mean over each generated week (a bold segment), optionally a dashed line for an error one step ahead.
// Data in, SVG out. Drawn with d3's scales and line generator in Observable Plot's layout, without loading Plot.
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { DASHES } from './forecastCharts';
import { chartRoot, continuousAxis, svgNode, tickCount, type Frame } from './svg';

/** One generator's errors by step. */
export interface GenerationLine {
  name: string;
  /** [H] error at generated step 1…H */
  errors: readonly number[];
  /** Any CSS colour. */
  color: string;
  dash?: keyof typeof DASHES;
  /** Draw the weekly means as bold segments (default true). */
  weeks?: boolean;
}

/** Options of `generationChart`. */
export interface GenerationChartOptions {
  width?: number;
  height?: number;
  yLabel?: string;
  ariaLabel?: string;
  document?: Document;
}

/**
 * Error against generated step, one line per generator, with each week's mean as a bold segment over its 7 steps.
 * Non-finite errors (a diverged run) are left out. Each generator's marks are `g.line` (its path), `g.dots` (a circle
 * per step) and `g.weeks` (a line per week).
 */
export function generationChart(
  lines: readonly GenerationLine[],
  options: GenerationChartOptions = {},
): SVGSVGElement | HTMLElement {
  const doc = options.document ?? document;
  const frame: Frame = {
    width: options.width ?? 560,
    height: options.height ?? 300,
    marginTop: 20,
    marginRight: 20,
    marginBottom: 30,
    marginLeft: 56,
  };
  const data = lines.map((l) => {
    const rows = l.errors.map((y, i) => ({ x: i + 1, y })).filter((r) => Number.isFinite(r.y));
    const weeks: { x1: number; x2: number; y: number }[] = [];
    if (l.weeks !== false)
      for (let from = 0; from < rows.length; from += 7) {
        const part = rows.slice(from, from + 7);
        weeks.push({
          x1: part[0].x - 0.4,
          x2: part.at(-1)!.x + 0.4,
          y: part.reduce((a, r) => a + r.y, 0) / part.length,
        });
      }
    return { l, rows, weeks };
  });
  const H = Math.max(1, ...lines.map((l) => l.errors.length));
  const ticks = [1, ...Array.from({ length: Math.floor(H / 7) }, (_, k) => 7 * (k + 1))].filter((t) => t <= H);
  // Plot's y domain with `zero`: from 0 to the largest value drawn (not rounded to a tick).
  const yMax = Math.max(0, ...data.flatMap((d) => d.rows.map((r) => r.y)));
  const x = scaleLinear()
    .domain([1, H])
    .range([frame.marginLeft, frame.width - frame.marginRight]);
  const y = scaleLinear()
    .domain([0, yMax || 1])
    .range([frame.height - frame.marginBottom, frame.marginTop]);
  const yCount = tickCount('y', frame.height - frame.marginTop - frame.marginBottom);
  const svg = chartRoot(doc, frame, options.ariaLabel);
  svg.append(
    continuousAxis(
      doc,
      'y',
      y,
      {
        ticks: y.ticks(yCount),
        format: y.tickFormat(yCount),
        label: options.yLabel ?? 'error, births per day',
        grid: true,
      },
      frame,
    ),
    continuousAxis(doc, 'x', x, { ticks, format: (t) => String(Math.round(t)), label: 'generated day' }, frame),
  );
  const path = line<{ x: number; y: number }>()
    .x((r) => x(r.x))
    .y((r) => y(r.y));
  for (const { l, rows, weeks } of data) {
    const dash = DASHES[l.dash ?? 'solid'];
    svg.append(
      svgNode(
        doc,
        'g',
        {
          class: 'line',
          fill: 'none',
          stroke: l.color,
          'stroke-width': 1.2,
          'stroke-opacity': 0.55,
          'stroke-linejoin': 'round',
          'stroke-linecap': 'round',
          'stroke-dasharray': dash,
        },
        svgNode(doc, 'path', { d: path(rows) ?? '' }),
      ),
      svgNode(
        doc,
        'g',
        { class: 'dots', fill: l.color, 'fill-opacity': 0.7 },
        ...rows.map((r) => svgNode(doc, 'circle', { cx: x(r.x), cy: y(r.y), r: 1.8 })),
      ),
    );
    if (weeks.length > 0)
      svg.append(
        svgNode(
          doc,
          'g',
          { class: 'weeks', stroke: l.color, 'stroke-width': 3.5, 'stroke-dasharray': dash },
          ...weeks.map((w) => svgNode(doc, 'line', { x1: x(w.x1), x2: x(w.x2), y1: y(w.y), y2: y(w.y) })),
        ),
      );
  }
  // One named image: its numbers are given in words and a table beside it.
  return svg;
}
