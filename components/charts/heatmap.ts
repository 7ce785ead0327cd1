// Heatmap chart: a matrix of values as coloured cells (rows × columns), diverging around zero or sequential from zero. Data in, SVG out.
import * as Plot from '@observablehq/plot';
import type { HeatmapScale } from './heatmapScale';

/** A matrix to draw: `values[row][col]`, e.g. hidden units × time steps. */
export interface HeatmapData {
  values: readonly (readonly number[])[];
  /** Label of each column (defaults to 1..cols), e.g. time steps. */
  colNames?: readonly (string | number)[];
  /** Label of each row (defaults to 1..rows), e.g. hidden units. */
  rowNames?: readonly (string | number)[];
}

/** Presentation options; every field has a default. */
export interface HeatmapOptions {
  width?: number;
  height?: number;
  /** Axis labels. */
  xLabel?: string;
  yLabel?: string;
  /** Values beyond ±domain (sequential: beyond [0, domain]) saturate; defaults to the largest |value| (at least 1e-12). */
  domain?: number;
  /** `diverging` (default) for signed values around zero; `sequential` for values from 0 up, such as sigmoid gates in [0, 1]. */
  scale?: HeatmapScale;
  /** Accessible name of the chart (the widget also offers the numbers as a table). */
  ariaLabel?: string;
  /** Label at most this many columns (every k-th from the first), so long sequences stay readable on a phone. */
  maxXTicks?: number;
  /** Highlight this column (e.g. the current time step). */
  highlightCol?: number;
  /** The document to build in (tests pass one; the page uses the global). */
  document?: Document;
}

export const heatmapDefaults = { width: 520, height: 220, xLabel: 't', yLabel: 'unit' } as const;

export { heatmapColor, heatmapLegend, type HeatmapLegendOptions, type HeatmapScale } from './heatmapScale';

/**
 * The heatmap's colour scale. Diverging, values in [−extent, extent]: orange negative, white zero, purple positive.
 * Sequential, values in [0, extent]: viridis, dark purple to yellow, monotone in lightness (colour-blind safe).
 */
const colorScale = (extent: number, kind: HeatmapScale = 'diverging') =>
  kind === 'sequential'
    ? ({ type: 'linear', scheme: 'viridis', domain: [0, extent] } as const)
    : ({ type: 'diverging', scheme: 'PuOr', domain: [-extent, extent], reverse: true } as const);

/** Every k-th column name from the first, at most `max` of them (all when `max` is not set). */
function xTicks(names: string[], max: number | undefined): string[] {
  if (max === undefined || names.length <= max) return names;
  const every = Math.ceil(names.length / Math.max(1, max));
  return names.filter((_, i) => i % every === 0);
}

/** Draw `data` as a heatmap: diverging (orange negative, white zero, purple positive) or sequential (viridis); both safe for colour-blind readers. */
export function heatmap(data: HeatmapData, options: HeatmapOptions = {}): SVGSVGElement | HTMLElement {
  const opts = { ...heatmapDefaults, ...options };
  const rows = data.values.length;
  const cols = rows ? data.values[0].length : 0;
  const colNames = data.colNames ?? Array.from({ length: cols }, (_, i) => i + 1);
  const rowNames = data.rowNames ?? Array.from({ length: rows }, (_, i) => i + 1);
  const cells = data.values.flatMap((row, r) =>
    row.map((value, c) => ({ row: String(rowNames[r]), col: String(colNames[c]), value })),
  );
  const extent =
    opts.domain ?? Math.max(1e-12, ...cells.map((d) => (Number.isFinite(d.value) ? Math.abs(d.value) : 0)));
  const marks: Plot.Markish[] = [
    // The cells carry no text of their own (the chart's accessible name and the widget's table do); axe rejects
    // Plot's aria-label on their role-less <g>, so they are hidden from assistive tech.
    Plot.cell(cells, { x: 'col', y: 'row', fill: 'value', inset: 0.5, ariaHidden: 'true' }),
  ];
  if (opts.highlightCol !== undefined && opts.highlightCol >= 0 && opts.highlightCol < cols) {
    // Decoration only (the accessible name says which column is current); an unnamed-role <g aria-label> fails axe.
    marks.push(
      Plot.cell([{ col: String(colNames[opts.highlightCol]) }], {
        x: 'col',
        fill: 'none',
        stroke: 'currentColor',
        strokeWidth: 2,
        ariaHidden: 'true',
      }),
    );
  }
  const chart = Plot.plot({
    document: opts.document,
    width: opts.width,
    height: opts.height,
    marginLeft: 44,
    ariaLabel: opts.ariaLabel,
    x: {
      label: opts.xLabel,
      domain: colNames.map(String),
      tickSize: 0,
      ticks: xTicks(colNames.map(String), opts.maxXTicks),
    },
    y: { label: opts.yLabel, domain: rowNames.map(String), tickSize: 0 },
    color: colorScale(extent, opts.scale),
    marks,
  });
  // The site's dark theme draws heatmaps on a light plate (global.css): the scales' darkest colours would vanish into it.
  (chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg'))?.classList.add('heatmap');
  return chart;
}

/** Plot's handle on a scale of a drawn chart (the `scale(name)` method of what Plot.plot returns). */
interface DrawnBandScale {
  domain: string[];
  range: [number, number];
  bandwidth: number;
  apply(value: string): number;
}

/**
 * Outline column `col` of a chart drawn by `heatmap` without redrawing it (a widget stepping through time calls this
 * each step; drawing costs far more). Out of range hides the outline. Decoration only, hidden from assistive tech.
 * @param chart what `heatmap` returned
 */
export function setHighlightCol(chart: Element, col: number): void {
  const scaleOf = (chart as unknown as { scale?: (name: string) => DrawnBandScale | undefined }).scale;
  const x = scaleOf?.call(chart, 'x');
  const y = scaleOf?.call(chart, 'y');
  const root = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg');
  if (!x || !y || !root) return;
  let rect = root.querySelector<SVGRectElement>(':scope > rect.heatmap-highlight');
  const name = x.domain[col];
  if (name === undefined) {
    rect?.setAttribute('visibility', 'hidden');
    return;
  }
  if (!rect) {
    rect = root.ownerDocument.createElementNS<'rect'>('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('class', 'heatmap-highlight');
    rect.setAttribute('fill', 'none');
    rect.setAttribute('stroke', 'currentColor');
    rect.setAttribute('stroke-width', '2');
    rect.setAttribute('aria-hidden', 'true');
    root.append(rect);
  }
  const [y0, y1] = [Math.min(...y.range), Math.max(...y.range)];
  rect.setAttribute('visibility', 'visible');
  rect.setAttribute('x', String(x.apply(name)));
  rect.setAttribute('width', String(x.bandwidth));
  rect.setAttribute('y', String(y0));
  rect.setAttribute('height', String(y1 - y0));
}

/**
 * Show only the first `count` columns of a chart drawn by `heatmap` (the rest stay blank, their place kept), without
 * redrawing it: a widget stepping through time fills the heatmap in this way.
 * @param chart what `heatmap` returned
 */
export function setVisibleCols(chart: Element, count: number): void {
  const x = (chart as unknown as { scale?: (name: string) => DrawnBandScale | undefined }).scale?.call(chart, 'x');
  if (!x) return;
  const next = x.domain[Math.max(0, count)];
  // Cells start half a pixel into their band (inset 0.5), so a cell at or right of the first hidden band is hidden.
  const cut = next === undefined ? Infinity : x.apply(next);
  for (const rect of chart.querySelectorAll<SVGRectElement>('g[aria-label="cell"]:not([fill="none"]) rect')) {
    rect.setAttribute('visibility', Number(rect.getAttribute('x')) >= cut ? 'hidden' : 'visible');
  }
}
