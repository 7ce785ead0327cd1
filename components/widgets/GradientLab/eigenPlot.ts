// The eigenvalues of W_hh in the complex plane, with the unit circle (|λ| = 1) and the circle |λ| = ρ. Data in, SVG out.
// Drawn with d3's scales in Observable Plot's layout (the charts' look), without loading Plot.
import { scaleLinear } from 'd3-scale';
import { chartRoot, continuousAxis, svgNode, type Frame } from '../../charts/svg';
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

/** Draw the eigenvalues as dots, the unit circle solid and the circle of radius ρ dashed. */
export function eigenPlot(eigenvalues: readonly Complex[], rho: number, options: EigenPlotOptions = {}): SVGSVGElement {
  const opts = { ...eigenPlotDefaults, ...options };
  const doc = opts.document ?? document;
  const extent = Math.max(1.25, rho * 1.15);
  const margin = 36;
  const frame: Frame = {
    width: opts.size,
    height: opts.size,
    marginLeft: margin,
    marginBottom: margin,
    marginTop: 12,
    marginRight: 12,
  };
  const x = scaleLinear([-extent, extent], [frame.marginLeft, frame.width - frame.marginRight]);
  const y = scaleLinear([-extent, extent], [frame.height - frame.marginBottom, frame.marginTop]);
  const svg = chartRoot(doc, frame, opts.ariaLabel);
  const axis = (scale: typeof x, which: 'x' | 'y', label: string): SVGGElement =>
    continuousAxis(doc, which, scale, { ticks: scale.ticks(5), format: scale.tickFormat(5), label }, frame);
  /** A circle of radius r as a closed path through 120 points (as the chart always drew it). */
  const circle = (r: number, n = 120): string =>
    Array.from({ length: n + 1 }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return `${i === 0 ? 'M' : 'L'}${x(r * Math.cos(a))},${y(r * Math.sin(a))}`;
    }).join('');
  const axes = svgNode(doc, 'g', { class: 'zero-rules', stroke: 'currentColor', 'stroke-opacity': 0.25 });
  axes.append(
    svgNode(doc, 'line', { x1: x(0), x2: x(0), y1: frame.marginTop, y2: frame.height - frame.marginBottom }),
    svgNode(doc, 'line', { x1: frame.marginLeft, x2: frame.width - frame.marginRight, y1: y(0), y2: y(0) }),
  );
  const lineStyle = { fill: 'none', 'stroke-linejoin': 'round', 'stroke-linecap': 'round' };
  const unit = svgNode(doc, 'g', {
    class: 'line',
    ...lineStyle,
    stroke: 'currentColor',
    'stroke-opacity': 0.7,
    'stroke-width': 1.5,
  });
  unit.append(svgNode(doc, 'path', { d: circle(1) }));
  const radius = svgNode(doc, 'g', {
    class: 'line',
    ...lineStyle,
    stroke: opts.color,
    'stroke-width': 1.5,
    'stroke-dasharray': '5 4',
  });
  radius.append(svgNode(doc, 'path', { d: circle(rho) }));
  const dots = svgNode(doc, 'g', { class: 'dots', fill: opts.color, stroke: 'currentColor', 'stroke-width': 0.75 });
  for (const l of eigenvalues) dots.append(svgNode(doc, 'circle', { cx: x(l.re), cy: y(l.im), r: 4.5 }));
  svg.append(axis(y, 'y', 'Im λ'), axis(x, 'x', 'Re λ'), axes, unit, radius, dots);
  return svg;
}
