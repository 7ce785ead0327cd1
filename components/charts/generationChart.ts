// The teacher forcing lab's picture: each generator's free-running error at every generated step (a thin line with
// dots) and its mean over each generated week (a bold segment), optionally a dashed line for an error one step ahead.
// Data in, SVG out.
import * as Plot from '@observablehq/plot';
import { DASHES } from './forecastCharts';

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
 * Non-finite errors (a diverged run) are left out.
 */
export function generationChart(
  lines: readonly GenerationLine[],
  options: GenerationChartOptions = {},
): SVGSVGElement | HTMLElement {
  const marks: Plot.Markish[] = [];
  for (const l of lines) {
    const rows = l.errors.map((y, i) => ({ x: i + 1, y })).filter((r) => Number.isFinite(r.y));
    const stroke = { stroke: l.color, strokeDasharray: DASHES[l.dash ?? 'solid'] };
    marks.push(Plot.line(rows, { x: 'x', y: 'y', strokeWidth: 1.2, strokeOpacity: 0.55, ...stroke }));
    marks.push(Plot.dot(rows, { x: 'x', y: 'y', r: 1.8, fill: l.color, fillOpacity: 0.7 }));
    if (l.weeks === false) continue;
    const weeks: { x1: number; x2: number; y: number }[] = [];
    for (let from = 0; from < rows.length; from += 7) {
      const part = rows.slice(from, from + 7);
      weeks.push({ x1: part[0].x - 0.4, x2: part.at(-1)!.x + 0.4, y: part.reduce((a, r) => a + r.y, 0) / part.length });
    }
    marks.push(Plot.ruleY(weeks, { x1: 'x1', x2: 'x2', y: 'y', strokeWidth: 3.5, ...stroke }));
  }
  const H = Math.max(1, ...lines.map((l) => l.errors.length));
  const ticks = [1, ...Array.from({ length: Math.floor(H / 7) }, (_, k) => 7 * (k + 1))].filter((t) => t <= H);
  const chart = Plot.plot({
    document: options.document,
    width: options.width ?? 560,
    height: options.height ?? 300,
    marginLeft: 56,
    ariaLabel: options.ariaLabel,
    x: { label: 'generated day →', domain: [1, H], ticks, tickFormat: 'd' },
    y: { label: options.yLabel ?? '↑ error, births per day', grid: true, zero: true },
    marks,
  });
  // One named image: its numbers are given in words and a table beside it.
  for (const svg of chart.tagName.toLowerCase() === 'svg' ? [chart] : [...chart.querySelectorAll('svg')]) {
    if (svg.getAttribute('aria-label')) svg.setAttribute('role', 'img');
    for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
  }
  return chart;
}
