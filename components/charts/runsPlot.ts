// Several training runs drawn on one chart with Observable Plot: each run's training curve (thin) and validation curve
// (thick, with a dot per evaluation) in the run's colour and named at its end, baselines as dashed rules, marked points
// (an overfitting turn, restored weights). Widgets import it on first draw, so a page loads Plot only to draw a curve.
import * as Plot from '@observablehq/plot';
import { runsDomain, usable, type RunCurves, type RunsChartOptions } from './runsChart';

/**
 * Draws the runs: training curves thin and faded, validation curves thick with a dot per evaluation, each run named
 * at its last point, baselines as labelled dashed rules, marks as rings with a word. Plot's own legend is off; use
 * `runsLegend` beside the chart.
 * @returns the SVG (a figure element if Plot adds one)
 */
export function runsChart(runs: readonly RunCurves[], options: RunsChartOptions = {}): SVGSVGElement | HTMLElement {
  const { show = 'both', logY = false, baselines = [] } = options;
  const domain = options.yDomain ? [...options.yDomain] : runsDomain(runs, baselines, { show, logY });
  // Draw emphasised runs last, so they sit on top.
  const ordered = [...runs].sort((a, b) => Number(a.emphasis ?? false) - Number(b.emphasis ?? false));
  type Row = { run: string; x: number; y: number; color: string; width: number };
  const rows = (pick: (r: RunCurves) => readonly { x: number; y: number }[], base: number): Row[] =>
    ordered.flatMap((r) =>
      pick(r).map((p) => ({
        run: r.id,
        x: p.x,
        y: usable(p.y, logY) ? p.y : NaN,
        color: r.color,
        width: base + (r.emphasis ? 1 : 0),
      })),
    );
  const train = show === 'validation' ? [] : rows((r) => r.train, 1.25);
  const val = show === 'train' ? [] : rows((r) => r.val, 2.5);
  const ends = ordered
    .map((r) => {
      const curve = show === 'train' || r.val.length === 0 ? r.train : r.val;
      const last = [...curve].reverse().find((p) => usable(p.y, logY));
      return last && { x: last.x, y: Math.min(Math.max(last.y, domain[0]), domain[1]), name: r.name, color: r.color };
    })
    .filter((d) => d !== undefined);
  const marks = ordered.flatMap((r) => (r.marks ?? []).map((m) => ({ ...m, color: r.color })));
  const line = (data: Row[], opacity: number) =>
    Plot.line(data, {
      x: 'x',
      y: 'y',
      z: 'run',
      stroke: (d: Row) => d.color,
      strokeWidth: (d: Row) => d.width,
      strokeOpacity: opacity,
      clip: true,
    });
  const chart = Plot.plot({
    document: options.document,
    width: options.width ?? 560,
    height: options.height ?? 280,
    marginLeft: 56,
    marginRight: 34,
    ariaLabel: options.ariaLabel,
    x: { label: options.xLabel ?? 'step' },
    y: { label: options.yLabel ?? 'loss', type: logY ? 'log' : 'linear', grid: true, domain },
    marks: [
      Plot.ruleY(baselines, { y: 'y', stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.7, clip: true }),
      Plot.text(baselines, {
        y: 'y',
        text: 'label',
        frameAnchor: 'left',
        dx: 4,
        dy: -6,
        fill: 'currentColor',
        textAnchor: 'start',
        clip: true,
      }),
      line(train, 0.55),
      line(val, 1),
      Plot.dot(val, { x: 'x', y: 'y', fill: (d: Row) => d.color, r: 2.5, clip: true }),
      Plot.dot(marks, { x: 'x', y: 'y', stroke: (d: { color: string }) => d.color, r: 7, strokeWidth: 2, clip: true }),
      Plot.text(marks, {
        x: 'x',
        y: 'y',
        text: 'label',
        dy: -13,
        fill: 'currentColor',
        fontWeight: 600,
        clip: true,
      }),
      Plot.text(ends, {
        x: 'x',
        y: 'y',
        text: 'name',
        dx: 5,
        textAnchor: 'start',
        fill: (d: { color: string }) => d.color,
        fontWeight: 700,
      }),
    ],
  });
  // One named image (its numbers are in the table): Plot's labels on its mark groups are not valid ARIA there.
  for (const svg of chart.tagName.toLowerCase() === 'svg' ? [chart] : [...chart.querySelectorAll('svg')]) {
    if (svg.getAttribute('aria-label')) svg.setAttribute('role', 'img');
    for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
  }
  return chart;
}
