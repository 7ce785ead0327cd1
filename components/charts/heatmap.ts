// Heatmap chart: a matrix of values as coloured cells (rows × columns), diverging around zero or sequential from zero. Data in, SVG out.
// Drawn with d3's band scale in Observable Plot's layout (the charts' look), without loading Plot.
import { scaleBand, type ScaleBand } from 'd3-scale';
import { heatmapColor, type HeatmapScale } from './heatmapScale';
import { bandAxisLabel, bandTickLabels, chartRoot, svgNode, type Frame } from './svg';

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

/** Every k-th column name from the first, at most `max` of them (all when `max` is not set). */
function xTicks(names: string[], max: number | undefined): string[] {
  if (max === undefined || names.length <= max) return names;
  const every = Math.ceil(names.length / Math.max(1, max));
  return names.filter((_, i) => i % every === 0);
}

/** The scales of a drawn heatmap, kept for `setHighlightCol` and `setVisibleCols` (which move marks without redrawing). */
interface DrawnHeatmap {
  x: ScaleBand<string>;
  y: ScaleBand<string>;
}

const drawn = new WeakMap<Element, DrawnHeatmap>();

/**
 * Draw `data` as a heatmap: diverging (orange negative, white zero, purple positive) or sequential (viridis); both safe
 * for colour-blind readers. The cells are rects in `g.cells`, each with its column index in `data-col`.
 */
export function heatmap(data: HeatmapData, options: HeatmapOptions = {}): SVGSVGElement {
  const opts = { ...heatmapDefaults, ...options };
  const doc = opts.document ?? document;
  const rows = data.values.length;
  const cols = rows ? data.values[0].length : 0;
  const colNames = (data.colNames ?? Array.from({ length: cols }, (_, i) => i + 1)).map(String);
  const rowNames = (data.rowNames ?? Array.from({ length: rows }, (_, i) => i + 1)).map(String);
  const extent =
    opts.domain ??
    Math.max(1e-12, ...data.values.flatMap((row) => row.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0))));
  const color = heatmapColor(extent, opts.scale);
  // Plot's margins for a chart with a left y axis and a bottom x axis, and its band scales (padding 0.1, rounded).
  const frame: Frame = {
    width: opts.width,
    height: opts.height,
    marginTop: 20,
    marginRight: 20,
    marginBottom: 30,
    marginLeft: 44,
  };
  const x = scaleBand<string>()
    .domain(colNames)
    .range([frame.marginLeft, frame.width - frame.marginRight])
    .padding(0.1)
    .round(true);
  const y = scaleBand<string>()
    .domain(rowNames)
    .range([frame.marginTop, frame.height - frame.marginBottom])
    .padding(0.1)
    .round(true);
  // The site's dark theme draws heatmaps on a light plate (global.css): the scales' darkest colours would vanish into it.
  const svg = chartRoot(doc, frame, opts.ariaLabel, 'chart heatmap');
  // The cells carry no text of their own (the chart's accessible name and the widget's table do).
  const cells = svgNode(doc, 'g', { class: 'cells', 'aria-hidden': 'true' });
  data.values.forEach((row, r) =>
    row.forEach((value, c) =>
      cells.append(
        svgNode(doc, 'rect', {
          x: (x(colNames[c]) ?? 0) + 0.5,
          width: Math.max(0, x.bandwidth() - 1),
          y: (y(rowNames[r]) ?? 0) + 0.5,
          height: Math.max(0, y.bandwidth() - 1),
          // Plot leaves a cell without a finite value undrawn; it is kept here (blank) so every column has its cells.
          fill: Number.isFinite(value) ? color(value) : 'none',
          'data-col': c,
        }),
      ),
    ),
  );
  svg.append(
    bandTickLabels(doc, 'y', y, rowNames, frame),
    bandAxisLabel(doc, 'y', opts.yLabel, frame),
    bandTickLabels(doc, 'x', x, xTicks(colNames, opts.maxXTicks), frame),
    bandAxisLabel(doc, 'x', opts.xLabel, frame),
    cells,
  );
  drawn.set(svg, { x, y });
  if (opts.highlightCol !== undefined) setHighlightCol(svg, opts.highlightCol);
  return svg;
}

/**
 * Outline column `col` of a chart drawn by `heatmap` without redrawing it (a widget stepping through time calls this
 * each step). Out of range hides the outline. Decoration only, hidden from assistive tech.
 * @param chart what `heatmap` returned
 */
export function setHighlightCol(chart: Element, col: number): void {
  const scales = drawn.get(chart);
  if (!scales) return;
  const { x, y } = scales;
  let rect = chart.querySelector<SVGRectElement>(':scope > rect.heatmap-highlight');
  const name = x.domain()[col];
  if (name === undefined) {
    rect?.setAttribute('visibility', 'hidden');
    return;
  }
  if (!rect) {
    rect = svgNode(chart.ownerDocument, 'rect', {
      class: 'heatmap-highlight',
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': 2,
      'aria-hidden': 'true',
    });
    chart.append(rect);
  }
  const [y0, y1] = y.range();
  rect.setAttribute('visibility', 'visible');
  rect.setAttribute('x', String(x(name)));
  rect.setAttribute('width', String(x.bandwidth()));
  rect.setAttribute('y', String(Math.min(y0, y1)));
  rect.setAttribute('height', String(Math.abs(y1 - y0)));
}

/**
 * Show only the first `count` columns of a chart drawn by `heatmap` (the rest stay blank, their place kept), without
 * redrawing it: a widget stepping through time fills the heatmap in this way.
 * @param chart what `heatmap` returned
 */
export function setVisibleCols(chart: Element, count: number): void {
  for (const rect of chart.querySelectorAll<SVGRectElement>('g.cells rect')) {
    rect.setAttribute('visibility', Number(rect.getAttribute('data-col')) >= count ? 'hidden' : 'visible');
  }
}
