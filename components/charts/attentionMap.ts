// Attention weights as a grid: one row per input word, one column per output symbol, each cell shaded by the weight
// and labelled with it, so the alignment reads without a colour key. Data in, SVG out.
// Drawn with d3's band scale in Observable Plot's layout (the charts' look), without loading Plot.
import { scaleBand } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';
import { chartRoot, svgNode, type Frame } from './svg';

/** What `attentionMap` draws. */
export interface AttentionMapData {
  /** Input words, top to bottom. */
  words: readonly string[];
  /** Output symbols, left to right (digits and "end"). */
  outputs: readonly string[];
  /** weights[s][j]: the weight output step s put on word j, each row summing to 1. */
  weights: readonly (readonly number[])[];
}

/** Options of `attentionMap`. */
export interface AttentionMapOptions {
  width?: number;
  /** The chart's accessible name; it should say where the table with the same numbers is. */
  ariaLabel?: string;
  document?: Document;
}

/** Weights above this are drawn on cells dark enough for white numbers. */
const DARK = 0.55;

/** Height of one word's row, in pixels. */
const ROW = 26;

/**
 * Draws the weights with words down the side and outputs along the top; a weight of 1 is the darkest blue. Words and
 * outputs may repeat ("seven hundred and seventy seven"): rows and columns are keyed by position. The cells are rects
 * in `g.cells`, the numbers texts in `g.values` (white ones in `g.values.on-dark`).
 * @returns the SVG, classed `heatmap` (the dark theme sets it on a light plate)
 */
export function attentionMap(data: AttentionMapData, options: AttentionMapOptions = {}): SVGSVGElement | HTMLElement {
  const { words, outputs, weights } = data;
  const doc = options.document ?? document;
  const longest = Math.max(4, ...words.map((w) => w.length));
  const marginLeft = Math.round(longest * 7.5 + 28);
  const frame: Frame = {
    width: Math.min(options.width ?? 420, marginLeft + 24 + Math.max(1, outputs.length) * 56),
    height: 56 + ROW * words.length,
    marginTop: 40,
    marginRight: 20,
    marginBottom: 8,
    marginLeft,
  };
  // Plot's band scales for cells: padding 0.1, rounded; each cell inset by half a pixel.
  const x = scaleBand<number>()
    .domain(outputs.map((_, s) => s))
    .range([frame.marginLeft, frame.width - frame.marginRight])
    .padding(0.1)
    .round(true);
  const y = scaleBand<number>()
    .domain(words.map((_, j) => j))
    .range([frame.marginTop, frame.height - frame.marginBottom])
    .padding(0.1)
    .round(true);
  const mid = (scale: typeof x, i: number): number => (scale(i) ?? 0) + scale.bandwidth() / 2;
  const svg = chartRoot(doc, frame, options.ariaLabel, 'chart heatmap');
  // Words down the left (numbered: a word may repeat), outputs along the top, no tick marks; one axis label on top.
  const yTicks = svgNode(doc, 'g', { class: 'y-tick-labels', 'text-anchor': 'end' });
  words.forEach((w, j) =>
    yTicks.append(svgNode(doc, 'text', { x: frame.marginLeft - 9, y: mid(y, j), dy: '0.32em' }, `${j + 1} ${w}`)),
  );
  const xTicks = svgNode(doc, 'g', { class: 'x-tick-labels' });
  outputs.forEach((o, s) => xTicks.append(svgNode(doc, 'text', { x: mid(x, s), y: frame.marginTop - 9 }, o)));
  const xLabel = svgNode(
    doc,
    'text',
    { class: 'x-label', x: (frame.marginLeft + frame.width - frame.marginRight) / 2, y: 3, dy: '0.71em' },
    'output symbol →',
  );
  // The cells and their numbers carry no text for assistive tech of their own (the accessible name and the widget's
  // table do).
  const cells = svgNode(doc, 'g', { class: 'cells', 'aria-hidden': 'true' });
  // White numbers on the dark cells, near-black on the light ones.
  const onDark = svgNode(doc, 'g', {
    class: 'values on-dark',
    'aria-hidden': 'true',
    fill: '#ffffff',
    'font-size': 11,
  });
  const onLight = svgNode(doc, 'g', { class: 'values', 'aria-hidden': 'true', fill: '#1b1f24', 'font-size': 11 });
  weights.forEach((row, s) =>
    row.forEach((weight, j) => {
      if (x(s) === undefined || y(j) === undefined) return;
      if (Number.isFinite(weight))
        cells.append(
          svgNode(doc, 'rect', {
            x: (x(s) ?? 0) + 0.5,
            width: Math.max(0, x.bandwidth() - 1),
            y: (y(j) ?? 0) + 0.5,
            height: Math.max(0, y.bandwidth() - 1),
            fill: interpolateBlues(Math.max(0, Math.min(1, weight))),
          }),
        );
      (weight > DARK ? onDark : onLight).append(
        svgNode(doc, 'text', { x: mid(x, s), y: mid(y, j), dy: '0.32em' }, weight.toFixed(2).replace(/^0/, '')),
      );
    }),
  );
  svg.append(yTicks, xTicks, xLabel, cells, onDark, onLight);
  return svg;
}
