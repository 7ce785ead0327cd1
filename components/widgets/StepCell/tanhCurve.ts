// The step-cell's tanh: a small curve with each hidden unit drawn where its pre-activation lands, so saturation is seen.
import { svg } from '../../lib/dom';
import { fmt } from '../../lib/format';
import { isSaturated } from './model';

/** Size of the drawing in CSS pixels. */
const WIDTH = 132;
const HEIGHT = 84;
const PAD = 8;

/** Where the curve and the units go: the a-range shown is ±range (at least ±3, widened to fit every unit). */
export interface TanhCurveGeometry {
  range: number;
  /** The curve as an SVG path. */
  path: string;
  /** One dot per unit: its position, and whether it is saturated. */
  dots: { x: number; y: number; saturated: boolean }[];
}

/**
 * Geometry of the tanh curve for pre-activations `a` (y = tanh(a), drawn from −range to range).
 * @param a [n] pre-activations of the units
 */
export function tanhCurveGeometry(a: readonly number[]): TanhCurveGeometry {
  const range = Math.max(3, Math.ceil(Math.max(0, ...a.map(Math.abs))));
  const sx = (v: number): number => PAD + ((v + range) / (2 * range)) * (WIDTH - 2 * PAD);
  const sy = (v: number): number => HEIGHT / 2 - v * (HEIGHT / 2 - PAD);
  const points = Array.from({ length: 61 }, (_, i) => -range + (i / 60) * 2 * range);
  const path = points.map((v, i) => `${i ? 'L' : 'M'}${sx(v).toFixed(1)},${sy(Math.tanh(v)).toFixed(1)}`).join('');
  const dots = a.map((v) => ({ x: sx(v), y: sy(Math.tanh(v)), saturated: isSaturated(Math.tanh(v)) }));
  return { range, path, dots };
}

/** In words, for the drawing's text alternative. */
export function tanhCurveLabel(a: readonly number[]): string {
  const units = a.map(
    (v, i) =>
      `unit ${i + 1} at a = ${fmt(v)} gives ${fmt(Math.tanh(v))}${isSaturated(Math.tanh(v)) ? ', saturated' : ''}`,
  );
  return `The tanh curve from −1 to 1: ${units.join('; ')}.`;
}

/** The drawing: dashed lines at ±1, the curve, and a numbered dot per unit (ringed when saturated). */
export function tanhCurve(a: readonly number[]): SVGSVGElement {
  const { path, dots, range } = tanhCurveGeometry(a);
  const y = (v: number): number => HEIGHT / 2 - v * (HEIGHT / 2 - PAD);
  const limit = (v: number): SVGElement =>
    svg('line', { x1: PAD, x2: WIDTH - PAD, y1: y(v), y2: y(v), class: 'sc-tanh-limit' });
  return svg(
    'svg',
    {
      class: 'sc-tanh',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      width: WIDTH,
      height: HEIGHT,
      role: 'img',
      'aria-label': tanhCurveLabel(a),
    },
    limit(1),
    limit(-1),
    svg('line', { x1: WIDTH / 2, x2: WIDTH / 2, y1: PAD / 2, y2: HEIGHT - PAD / 2, class: 'sc-tanh-axis' }),
    svg('path', { d: path, class: 'sc-tanh-curve' }),
    svg('text', { x: WIDTH - PAD, y: HEIGHT - 1, class: 'sc-tanh-tick', 'text-anchor': 'end' }, String(range)),
    svg('text', { x: PAD, y: HEIGHT - 1, class: 'sc-tanh-tick' }, `−${range}`),
    ...dots.map((d, i) =>
      svg(
        'g',
        { class: d.saturated ? 'sc-tanh-dot saturated' : 'sc-tanh-dot' },
        svg('circle', { cx: d.x, cy: d.y, r: d.saturated ? 5.5 : 4 }),
        svg('text', { x: d.x, y: d.y < HEIGHT / 2 ? d.y + 15 : d.y - 8, 'text-anchor': 'middle' }, String(i + 1)),
      ),
    ),
  );
}
