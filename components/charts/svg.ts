// SVG building blocks for the charts, all drawn with d3's scales and shapes: the chart's root and axes laid out as
// Observable Plot lays out its own (same margins, ticks, labels and fonts), so they look as they did when Plot drew them.
import type { ScaleBand } from 'd3-scale';

const SVG = 'http://www.w3.org/2000/svg';

/** Attribute values; `undefined` leaves the attribute out. */
export type SvgAttrs = Record<string, string | number | undefined>;

/** One SVG element with its attributes and children; text is set as text, never parsed as markup. */
export function svgNode<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: SvgAttrs = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const node = doc.createElementNS<K>(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, String(v));
  node.append(...children);
  return node;
}

/** The chart's box: width and height in pixels and the margins around the plotting area. */
export interface Frame {
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
}

/**
 * The chart's root: text in currentColor (legible in both themes), Plot's font, scaled down to fit its container
 * (`svg.chart` in global.css). With `ariaLabel` it is one named image; its numbers are in the widget's table.
 */
export function chartRoot(doc: Document, frame: Frame, ariaLabel?: string, className = 'chart'): SVGSVGElement {
  return svgNode(doc, 'svg', {
    class: className,
    width: frame.width,
    height: frame.height,
    viewBox: `0 0 ${frame.width} ${frame.height}`,
    fill: 'currentColor',
    'font-family': 'system-ui, sans-serif',
    'font-size': 10,
    'text-anchor': 'middle',
    role: ariaLabel ? 'img' : undefined,
    'aria-label': ariaLabel,
  });
}

/** Tick labels of a band scale (one per name given), centred on their band; no tick marks, as Plot's `tickSize: 0`. */
export function bandTickLabels(
  doc: Document,
  axis: 'x' | 'y',
  scale: ScaleBand<string>,
  names: readonly string[],
  frame: Frame,
): SVGGElement {
  const g = svgNode(doc, 'g', {
    class: `${axis}-tick-labels`,
    'text-anchor': axis === 'y' ? 'end' : undefined,
  });
  for (const name of names) {
    const at = (scale(name) ?? 0) + scale.bandwidth() / 2;
    g.append(
      axis === 'x'
        ? svgNode(doc, 'text', { x: at, y: frame.height - frame.marginBottom + 9, dy: '0.71em' }, name)
        : svgNode(doc, 'text', { x: frame.marginLeft - 9, y: at, dy: '0.32em' }, name),
    );
  }
  return g;
}

/** A band axis's label: below the plotting area's centre (x), or turned along the left edge (y), as Plot sets them. */
export function bandAxisLabel(doc: Document, axis: 'x' | 'y', label: string, frame: Frame): SVGGElement {
  const { width, height, marginTop, marginRight, marginBottom, marginLeft } = frame;
  const text =
    axis === 'x'
      ? svgNode(doc, 'text', { x: (marginLeft + width - marginRight) / 2, y: height - marginBottom + 27 }, label)
      : svgNode(
          doc,
          'text',
          { dy: '0.71em', transform: `translate(3,${(marginTop + height - marginBottom) / 2}) rotate(-90)` },
          label,
        );
  return svgNode(doc, 'g', { class: `${axis}-label` }, text);
}

/**
 * A continuous axis: its ticks (numbers, or dates on a time axis), their labels (a label with a line break is drawn
 * on two lines, as Plot's "Jan\n2014"), optional grid lines across the plot, and its label with an arrow.
 */
export interface ContinuousAxisOptions<T extends number | Date = number> {
  ticks: readonly T[];
  format: (value: T, index: number) => string;
  label?: string;
  grid?: boolean;
}

/**
 * A continuous x (bottom) or y (left) axis drawn as Plot draws one: 6 px ticks, tabular figures, and its label in the
 * corner, "label →" at the bottom right or "↑ label" at the top left.
 */
export function continuousAxis<T extends number | Date = number>(
  doc: Document,
  axis: 'x' | 'y',
  scale: (value: T) => number,
  options: ContinuousAxisOptions<T>,
  frame: Frame,
): SVGGElement {
  const { width, height, marginTop, marginRight, marginBottom, marginLeft } = frame;
  const root = svgNode(doc, 'g', { class: `${axis}-axis` });
  const bottom = height - marginBottom;
  if (options.grid) {
    const grid = svgNode(doc, 'g', { class: `${axis}-grid`, stroke: 'currentColor', 'stroke-opacity': 0.1 });
    for (const t of options.ticks) {
      const at = scale(t);
      grid.append(
        axis === 'y'
          ? svgNode(doc, 'line', { x1: marginLeft, x2: width - marginRight, y1: at, y2: at })
          : svgNode(doc, 'line', { x1: at, x2: at, y1: marginTop, y2: bottom }),
      );
    }
    root.append(grid);
  }
  const marks = svgNode(doc, 'g', { class: `${axis}-ticks`, fill: 'none', stroke: 'currentColor' });
  const labels = svgNode(doc, 'g', {
    class: `${axis}-tick-labels`,
    'font-variant': 'tabular-nums',
    'text-anchor': axis === 'y' ? 'end' : undefined,
  });
  options.ticks.forEach((t, i) => {
    const at = scale(t);
    if (axis === 'x') {
      marks.append(svgNode(doc, 'path', { transform: `translate(${at},${bottom})`, d: 'M0,0L0,6' }));
      const lines = options.format(t, i).split('\n');
      labels.append(
        lines.length === 1
          ? svgNode(doc, 'text', { x: at, y: bottom + 9, dy: '0.71em' }, lines[0])
          : svgNode(
              doc,
              'text',
              {},
              ...lines.map((line, k) =>
                svgNode(
                  doc,
                  'tspan',
                  { x: at, y: k === 0 ? bottom + 9 : undefined, dy: k === 0 ? '0.71em' : '1em' },
                  line,
                ),
              ),
            ),
      );
    } else {
      marks.append(svgNode(doc, 'path', { transform: `translate(${marginLeft},${at})`, d: 'M0,0L-6,0' }));
      labels.append(svgNode(doc, 'text', { x: marginLeft - 9, y: at, dy: '0.32em' }, options.format(t, i)));
    }
  });
  root.append(marks, labels);
  // As Plot's: a label that already carries its arrow ("↑ error", "day →") gets no second one.
  const label = options.label?.replace(axis === 'x' ? /\s*→$/ : /^↑\s*/, '');
  if (label)
    root.append(
      axis === 'x'
        ? svgNode(doc, 'text', { class: 'x-label', x: width - 3, y: height - 3, 'text-anchor': 'end' }, `${label} →`)
        : svgNode(doc, 'text', { class: 'y-label', x: 3, y: 3, dy: '0.71em', 'text-anchor': 'start' }, `↑ ${label}`),
    );
  return root;
}

/** How many ticks Plot aims for on an axis of this length: one per 80 px across, one per 35 px up. */
export const tickCount = (axis: 'x' | 'y', length: number): number => Math.abs(length) / (axis === 'x' ? 80 : 35);
