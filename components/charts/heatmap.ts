// Heatmap chart: a matrix of signed values as coloured cells (rows × columns), diverging around zero. Data in, SVG out.
import * as Plot from '@observablehq/plot';

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
  /** Values beyond ±domain saturate; defaults to the largest |value| (at least 1e-12). */
  domain?: number;
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

/** The heatmap's colour scale for values in [−extent, extent]: orange negative, white zero, purple positive. */
const colorScale = (extent: number) => ({ type: 'diverging', scheme: 'PuOr', domain: [-extent, extent], reverse: true }) as const;

/**
 * The heatmap's colour for one value, so that other drawings of the same numbers (a cell's state squares) match it.
 * @returns value → CSS colour; values beyond ±extent saturate
 */
export function heatmapColor(extent: number): (value: number) => string {
  const scale = Plot.scale({ color: colorScale(extent) });
  return (value) => String(scale.apply(Math.max(-extent, Math.min(extent, value))));
}

/** Every k-th column name from the first, at most `max` of them (all when `max` is not set). */
function xTicks(names: string[], max: number | undefined): string[] {
  if (max === undefined || names.length <= max) return names;
  const every = Math.ceil(names.length / Math.max(1, max));
  return names.filter((_, i) => i % every === 0);
}

/** Draw `data` as a diverging heatmap (orange negative, white zero, purple positive: safe for colour-blind readers). */
export function heatmap(data: HeatmapData, options: HeatmapOptions = {}): SVGSVGElement | HTMLElement {
  const opts = { ...heatmapDefaults, ...options };
  const rows = data.values.length;
  const cols = rows ? data.values[0].length : 0;
  const colNames = data.colNames ?? Array.from({ length: cols }, (_, i) => i + 1);
  const rowNames = data.rowNames ?? Array.from({ length: rows }, (_, i) => i + 1);
  const cells = data.values.flatMap((row, r) => row.map((value, c) => ({ row: String(rowNames[r]), col: String(colNames[c]), value })));
  const extent = opts.domain ?? Math.max(1e-12, ...cells.map((d) => (Number.isFinite(d.value) ? Math.abs(d.value) : 0)));
  const marks: Plot.Markish[] = [
    Plot.cell(cells, { x: 'col', y: 'row', fill: 'value', inset: 0.5 }),
  ];
  if (opts.highlightCol !== undefined && opts.highlightCol >= 0 && opts.highlightCol < cols) {
    marks.push(Plot.cell([{ col: String(colNames[opts.highlightCol]) }], { x: 'col', fill: 'none', stroke: 'currentColor', strokeWidth: 2 }));
  }
  return Plot.plot({
    document: opts.document,
    width: opts.width,
    height: opts.height,
    marginLeft: 44,
    ariaLabel: opts.ariaLabel,
    x: { label: opts.xLabel, domain: colNames.map(String), tickSize: 0, ticks: xTicks(colNames.map(String), opts.maxXTicks) },
    y: { label: opts.yLabel, domain: rowNames.map(String), tickSize: 0 },
    color: colorScale(extent),
    marks,
  });
}
