// The heatmaps' colour scales as plain functions, and their legend: for drawings that colour the same numbers without
// a Plot chart (a cell's state squares, a canvas heatmap), so they load d3's colour schemes and not Observable Plot.
import { interpolatePuOr, interpolateViridis } from 'd3-scale-chromatic';

/** The two colour scales: diverging around zero, or sequential from zero. */
export type HeatmapScale = 'diverging' | 'sequential';

/**
 * The heatmap's colour for one value, so that other drawings of the same numbers (a cell's state squares) match it.
 * @returns value → CSS colour; values beyond the domain saturate
 */
export function heatmapColor(extent: number, kind: HeatmapScale = 'diverging'): (value: number) => string {
  // As Plot's scales of heatmap.ts: viridis over [0, extent]; PuOr reversed over [−extent, extent].
  const lo = kind === 'sequential' ? 0 : -extent;
  const t = (value: number): number => (Math.max(lo, Math.min(extent, value)) - lo) / (extent - lo);
  return kind === 'sequential' ? (value) => interpolateViridis(t(value)) : (value) => interpolatePuOr(1 - t(value));
}

/** Options of `heatmapLegend`. */
export interface HeatmapLegendOptions {
  /** The heatmap's domain (as its `domain` option). */
  domain: number;
  scale?: HeatmapScale;
  /** Caption of the colour ramp, e.g. "σ gates". */
  label?: string;
  /** Width in pixels; default 240. */
  width?: number;
  /** The document to build in (tests pass one; the page uses the global). */
  document?: Document;
}

let legendCount = 0;

/**
 * A colour ramp with ticks for heatmaps drawn with the same `domain` and `scale`: an SVG gradient (no canvas, so it
 * also builds in tests) whose text uses currentColor, legible in both themes.
 */
export function heatmapLegend(options: HeatmapLegendOptions): SVGSVGElement {
  const doc = options.document ?? document;
  const width = options.width ?? 240;
  const kind = options.scale ?? 'diverging';
  const lo = kind === 'sequential' ? 0 : -options.domain;
  const color = heatmapColor(options.domain, kind);
  const ns = 'http://www.w3.org/2000/svg';
  const make = (tag: string, attrs: Record<string, string | number>): Element => {
    const node = doc.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const id = `heatmap-legend-${++legendCount}`;
  const top = options.label ? 16 : 2;
  const svg = make('svg', {
    width,
    height: top + 28,
    viewBox: `0 0 ${width} ${top + 28}`,
    class: 'heatmap-legend',
    role: 'img',
    'aria-label': `Colour scale${options.label ? ` of ${options.label}` : ''}: ${lo} to ${options.domain}`,
  }) as SVGSVGElement;
  const gradient = make('linearGradient', { id });
  for (let k = 0; k <= 10; k++)
    gradient.append(make('stop', { offset: `${k * 10}%`, 'stop-color': color(lo + ((options.domain - lo) * k) / 10) }));
  const defs = make('defs', {});
  defs.append(gradient);
  svg.append(defs);
  if (options.label) {
    const label = make('text', { x: 0, y: 11, fill: 'currentColor', 'font-size': 11, 'font-weight': 600 });
    label.textContent = options.label;
    svg.append(label);
  }
  const pad = 16; // room for half of the end ticks' labels (−1.00)
  svg.append(make('rect', { x: pad, y: top, width: width - 2 * pad, height: 10, fill: `url(#${id})` }));
  for (let k = 0; k <= 4; k++) {
    const value = lo + ((options.domain - lo) * k) / 4;
    const x = pad + ((width - 2 * pad) * k) / 4;
    svg.append(make('line', { x1: x, x2: x, y1: top + 10, y2: top + 14, stroke: 'currentColor' }));
    const tick = make('text', { x, y: top + 25, fill: 'currentColor', 'font-size': 10, 'text-anchor': 'middle' });
    tick.textContent = value.toFixed(2).replace('-', '−');
    svg.append(tick);
  }
  return svg;
}
