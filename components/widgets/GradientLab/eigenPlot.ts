// The eigenvalues of W_hh in the complex plane, with the unit circle (|λ| = 1) and the circle |λ| = ρ. Data in, SVG out.
import * as Plot from '@observablehq/plot';
import type { Complex } from './eigen';

export interface EigenPlotOptions {
  /** Width and height in pixels (the plot is square, so circles look round). */
  size?: number;
  ariaLabel?: string;
  /** Colour of the eigenvalue dots and the ρ circle. */
  color?: string;
  document?: Document;
}

export const eigenPlotDefaults = { size: 240, color: '#3d7be0' } as const;

/** Points on a circle of radius r, closed. */
function circle(r: number, n = 120): { x: number; y: number }[] {
  return Array.from({ length: n + 1 }, (_, i) => ({
    x: r * Math.cos((2 * Math.PI * i) / n),
    y: r * Math.sin((2 * Math.PI * i) / n),
  }));
}

/** Draw the eigenvalues as dots, the unit circle solid and the circle of radius ρ dashed. */
export function eigenPlot(
  eigenvalues: readonly Complex[],
  rho: number,
  options: EigenPlotOptions = {},
): SVGSVGElement | HTMLElement {
  const opts = { ...eigenPlotDefaults, ...options };
  const extent = Math.max(1.25, rho * 1.15);
  const margin = 36;
  return Plot.plot({
    document: opts.document,
    width: opts.size,
    height: opts.size,
    marginLeft: margin,
    marginBottom: margin,
    marginTop: 12,
    marginRight: 12,
    ariaLabel: opts.ariaLabel,
    x: { domain: [-extent, extent], label: 'Re λ', ticks: 5 },
    y: { domain: [-extent, extent], label: 'Im λ', ticks: 5 },
    marks: [
      Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.25 }),
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.25 }),
      Plot.line(circle(1), { x: 'x', y: 'y', stroke: 'currentColor', strokeOpacity: 0.7 }),
      Plot.line(circle(rho), { x: 'x', y: 'y', stroke: opts.color, strokeDasharray: '5 4', strokeWidth: 1.5 }),
      Plot.dot(eigenvalues, { x: 're', y: 'im', fill: opts.color, stroke: 'currentColor', strokeWidth: 0.75, r: 4.5 }),
    ],
  });
}
