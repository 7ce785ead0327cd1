// A search's trials against one hyperparameter: one dot per trial at its value (x) and its score (y, lower is
// better), the best trial ringed and named, trials that diverged or failed as crosses along the top edge.
// Several panels side by side (one per hyperparameter) make the faceted dot plot of a search. Data in, SVG out.
// Drawn with d3-scale/d3-shape in Observable Plot's layout (the charts' look), without loading Plot.
import { scaleLinear, scaleLog, scalePoint, type ScaleContinuousNumeric } from 'd3-scale';
import { symbol, symbolTimes } from 'd3-shape';
import { chartRoot, continuousAxis, svgNode, tickCount, type Frame } from './svg';

/** One trial in a panel. */
export interface TrialDot {
  /** The trial's number, drawn beside the best one. */
  trial: number;
  /** Its value of the panel's hyperparameter. */
  x: number | string;
  /** Its score; a non-finite score means it diverged or failed. */
  y: number;
  best?: boolean;
}

/** Options of `trialsPanel`. */
export interface TrialsPanelOptions {
  /** The hyperparameter's name under the x axis. */
  xLabel: string;
  yLabel: string;
  /** `log` for the learning rate and hidden size drawn from ranges, `point` for a list of values (layers, cell). */
  xType: 'log' | 'linear' | 'point';
  /** The x values a point scale lists, in order (so every panel of a grid shows all its values). */
  xDomain?: readonly (number | string)[];
  /** Shared y range, so panels side by side compare. */
  yDomain: readonly [number, number];
  width?: number;
  height?: number;
  ariaLabel?: string;
  document?: Document;
}

/**
 * The y range of a search's panels: its finite scores, padded, with room at the top for the crosses of trials
 * that diverged or failed.
 */
export function trialsDomain(scores: readonly number[]): [number, number] {
  const finite = scores.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = (hi - lo) * 0.08 || Math.abs(lo) * 0.05 || 0.1;
  return [lo - pad, hi + 2 * pad];
}

/** Plot's default label of an ordinal tick: a number as en-US writes it ("1,024", at most 3 decimals), else the text. */
const numberFormat = new Intl.NumberFormat('en-US');
const ordinalLabel = (v: number | string): string => (typeof v === 'number' ? numberFormat.format(v) : String(v));

/** A cross of "radius" 4 as Plot draws its `times` symbol. */
const CROSS = symbol(symbolTimes, Math.PI * 16).digits(3)() ?? '';

/**
 * One panel: the trials against one hyperparameter. Finite trials are dots in `g.trials`, failed ones crosses along
 * the top edge in `g.failed`, the best ringed in `g.best` and numbered in `g.best-label`.
 */
export function trialsPanel(dots: readonly TrialDot[], options: TrialsPanelOptions): SVGSVGElement | HTMLElement {
  const doc = options.document ?? document;
  const [, top] = options.yDomain;
  const finite = dots.filter((d) => Number.isFinite(d.y));
  const failed = dots.filter((d) => !Number.isFinite(d.y)).map((d) => ({ ...d, y: top }));
  const best = finite.filter((d) => d.best);
  const frame: Frame = {
    width: options.width ?? 220,
    height: options.height ?? 200,
    marginTop: 20,
    marginRight: 16,
    marginBottom: 36,
    marginLeft: 48,
  };
  const xRange = [frame.marginLeft, frame.width - frame.marginRight];
  const y = scaleLinear()
    .domain([...options.yDomain])
    .range([frame.height - frame.marginBottom, frame.marginTop]);
  const yCount = 5;
  const svg = chartRoot(doc, frame, options.ariaLabel);
  svg.append(
    continuousAxis(
      doc,
      'y',
      y,
      { ticks: y.ticks(yCount), format: y.tickFormat(yCount), label: options.yLabel, grid: true },
      frame,
    ),
  );
  let at: (v: number | string) => number;
  if (options.xType === 'point') {
    // As Plot's point scale: the given values, or those drawn in ascending order; padding 0.5 at either end, rounded.
    const values = options.xDomain
      ? [...options.xDomain]
      : [...new Set(dots.map((d) => d.x))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const x = scalePoint<number | string>().domain(values).range(xRange).padding(0.5).round(true);
    at = (v) => x(v) ?? NaN;
    const bottom = frame.height - frame.marginBottom;
    const ticks = svgNode(doc, 'g', { class: 'x-ticks', fill: 'none', stroke: 'currentColor' });
    const labels = svgNode(doc, 'g', { class: 'x-tick-labels' });
    for (const v of values) {
      ticks.append(svgNode(doc, 'path', { transform: `translate(${at(v)},${bottom})`, d: 'M0,0L0,6' }));
      labels.append(svgNode(doc, 'text', { x: at(v), y: bottom + 9, dy: '0.71em' }, ordinalLabel(v)));
    }
    // An ordinal axis's label sits centred under it, without an arrow.
    const label = svgNode(
      doc,
      'text',
      { class: 'x-label', x: (xRange[0] + xRange[1]) / 2, y: bottom + 33 },
      options.xLabel,
    );
    svg.append(svgNode(doc, 'g', { class: 'x-axis' }, ticks, labels, label));
  } else {
    const xs = dots.map((d) => Number(d.x)).filter((v) => Number.isFinite(v) && (options.xType !== 'log' || v > 0));
    const extent: [number, number] = xs.length
      ? [Math.min(...xs), Math.max(...xs)]
      : options.xType === 'log'
        ? [1, 10]
        : [0, 1];
    const x: ScaleContinuousNumeric<number, number> =
      options.xType === 'log'
        ? scaleLog().domain(extent).range(xRange).nice()
        : scaleLinear().domain(extent).range(xRange);
    at = (v) => x(Number(v));
    const count = options.xType === 'log' ? 3 : tickCount('x', xRange[1] - xRange[0]);
    svg.append(
      continuousAxis(doc, 'x', x, { ticks: x.ticks(count), format: x.tickFormat(count), label: options.xLabel }, frame),
    );
  }
  svg.append(
    svgNode(
      doc,
      'g',
      { class: 'trials', 'fill-opacity': 0.45, stroke: 'currentColor', 'stroke-width': 1.5 },
      ...finite.map((d) => svgNode(doc, 'circle', { cx: at(d.x), cy: y(d.y), r: 3.5 })),
    ),
    svgNode(
      doc,
      'g',
      { class: 'failed', fill: 'none', stroke: '#d62728', 'stroke-width': 2 },
      ...failed.map((d) => svgNode(doc, 'path', { transform: `translate(${at(d.x)},${y(d.y)})`, d: CROSS })),
    ),
    svgNode(
      doc,
      'g',
      { class: 'best', fill: 'none', stroke: '#d35400', 'stroke-width': 2.5 },
      ...best.map((d) => svgNode(doc, 'circle', { cx: at(d.x), cy: y(d.y), r: 7 })),
    ),
    svgNode(
      doc,
      'g',
      { class: 'best-label', fill: '#d35400', 'font-weight': 700 },
      ...best.map((d) => svgNode(doc, 'text', { x: at(d.x), y: y(d.y) - 13, dy: '0.32em' }, `#${d.trial}`)),
    ),
  );
  // One named image: its numbers are in the table below the panels.
  return svg;
}
