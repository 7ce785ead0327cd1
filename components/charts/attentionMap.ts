// Attention weights as a grid: one row per input word, one column per output symbol, each cell shaded by the weight
// and labelled with it, so the alignment reads without a colour key. Data in, SVG out.
import * as Plot from '@observablehq/plot';

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
 * outputs may repeat ("seven hundred and seventy seven"): rows and columns are keyed by position.
 * @returns the SVG (a figure element if Plot adds one), classed `heatmap` (the dark theme sets it on a light plate)
 */
export function attentionMap(data: AttentionMapData, options: AttentionMapOptions = {}): SVGSVGElement | HTMLElement {
  const { words, outputs, weights } = data;
  const cells = weights.flatMap((row, s) => row.map((weight, j) => ({ col: s, row: j, weight })));
  const longest = Math.max(4, ...words.map((w) => w.length));
  const marginLeft = Math.round(longest * 7.5 + 28);
  const width = Math.min(options.width ?? 420, marginLeft + 24 + Math.max(1, outputs.length) * 56);
  const chart = Plot.plot({
    document: options.document,
    width,
    height: 56 + ROW * words.length,
    marginLeft,
    marginTop: 40,
    marginBottom: 8,
    ariaLabel: options.ariaLabel,
    x: {
      axis: 'top',
      label: 'output symbol →',
      domain: outputs.map((_, s) => s),
      tickFormat: (s: number) => outputs[s] ?? '',
      tickSize: 0,
    },
    y: {
      label: null,
      domain: words.map((_, j) => j),
      tickFormat: (j: number) => `${j + 1} ${words[j] ?? ''}`,
      tickSize: 0,
    },
    color: { type: 'linear', scheme: 'blues', domain: [0, 1] },
    marks: [
      // The cells and their numbers carry no text for assistive tech of their own (the accessible name and the
      // widget's table do); axe rejects Plot's aria-label on their role-less <g>.
      Plot.cell(cells, { x: 'col', y: 'row', fill: 'weight', inset: 0.5, ariaHidden: 'true' }),
      // White numbers on the dark cells, near-black on the light ones (two marks: a constant fill is not scaled).
      ...[true, false].map((dark) =>
        Plot.text(
          cells.filter((d) => d.weight > DARK === dark),
          {
            x: 'col',
            y: 'row',
            text: (d: { weight: number }) => d.weight.toFixed(2).replace(/^0/, ''),
            fill: dark ? '#ffffff' : '#1b1f24',
            fontSize: 11,
            ariaHidden: 'true',
          },
        ),
      ),
    ],
  });
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg');
  svg?.classList.add('heatmap');
  // A named image to assistive tech: its numbers are in the widget's table.
  if (svg?.getAttribute('aria-label')) svg.setAttribute('role', 'img');
  return chart;
}
