// A search's trials against one hyperparameter: one dot per trial at its value (x) and its score (y, lower is
// better), the best trial ringed and named, trials that diverged or failed as crosses along the top edge.
// Several panels side by side (one per hyperparameter) make the faceted dot plot of a search. Data in, SVG out.
import * as Plot from '@observablehq/plot';

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

/** One panel: the trials against one hyperparameter. */
export function trialsPanel(dots: readonly TrialDot[], options: TrialsPanelOptions): SVGSVGElement | HTMLElement {
  const [, top] = options.yDomain;
  const finite = dots.filter((d) => Number.isFinite(d.y));
  const failed = dots.filter((d) => !Number.isFinite(d.y)).map((d) => ({ ...d, y: top }));
  const best = finite.filter((d) => d.best);
  const x =
    options.xType === 'point'
      ? { type: 'point' as const, domain: options.xDomain ? [...options.xDomain] : undefined, padding: 0.5 }
      : { type: options.xType, nice: options.xType === 'log' };
  const chart = Plot.plot({
    document: options.document,
    width: options.width ?? 220,
    height: options.height ?? 200,
    marginLeft: 48,
    marginRight: 16,
    marginBottom: 36,
    ariaLabel: options.ariaLabel,
    x: { ...x, label: options.xLabel, ...(options.xType === 'log' ? { ticks: 3 } : {}) },
    y: { label: options.yLabel, domain: [...options.yDomain], grid: true, ticks: 5 },
    marks: [
      Plot.dot(finite, { x: 'x', y: 'y', r: 3.5, fill: 'currentColor', fillOpacity: 0.45, stroke: 'currentColor' }),
      Plot.dot(failed, { x: 'x', y: 'y', symbol: 'times', r: 4, stroke: '#d62728', strokeWidth: 2 }),
      Plot.dot(best, { x: 'x', y: 'y', r: 7, stroke: '#d35400', strokeWidth: 2.5 }),
      Plot.text(best, {
        x: 'x',
        y: 'y',
        text: (d: TrialDot) => `#${d.trial}`,
        dy: -13,
        fill: '#d35400',
        fontWeight: 700,
      }),
    ],
  });
  for (const svg of chart.tagName.toLowerCase() === 'svg' ? [chart] : [...chart.querySelectorAll('svg')]) {
    if (svg.getAttribute('aria-label')) svg.setAttribute('role', 'img');
    for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
  }
  return chart;
}
