// The live-equation's small cell diagram as SVG: x_t and h_{t−1} into the sum, the activation, h_t out, and the
// output layer up to y_t. Every part is focusable and named by data-part, so the widget can link it to its terms.
import { svg } from '../../lib/dom';
import type { Activation } from './model';
import type { PartId } from './tex';

/** Size of the diagram's viewBox; it scales down to fit narrow screens. */
export const CELL_DIAGRAM = { width: 360, height: 330 } as const;

type Box = { x: number; y: number; w: number; h: number };

/** The label of a part: a symbol with an optional subscript. */
function label(x: number, y: number, base: string, sub?: string): SVGTextElement {
  return svg(
    'text',
    { x, y, class: 'le-d-label', 'text-anchor': 'middle' },
    base,
    sub === undefined ? null : svg('tspan', { class: 'le-d-sub', dy: 5 }, sub),
  );
}

/**
 * Draw the diagram for step t.
 * @param describe the accessible name of each part (its terms and values)
 * @param idPrefix unique prefix for the arrowhead marker id
 */
export function cellDiagram(
  t: number,
  activation: Activation,
  describe: (part: PartId) => string,
  idPrefix: string,
): SVGSVGElement {
  const arrow = `url(#${idPrefix}-arrow)`;
  const part = (id: PartId, ...children: SVGElement[]): SVGGElement =>
    svg('g', { class: 'le-part', 'data-part': id, tabindex: 0, role: 'img', 'aria-label': describe(id) }, ...children);
  const box = (b: Box, round = 7): SVGRectElement =>
    svg('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: round, class: 'le-d-shape' });
  // An arrow part: the visible line with its head, and a wide invisible line that is easy to point at.
  const edge = (id: PartId, x1: number, y1: number, x2: number, y2: number, text: SVGTextElement): SVGGElement =>
    part(
      id,
      svg('line', { x1, y1, x2, y2, class: 'le-d-hit' }),
      svg('line', { x1, y1, x2, y2, class: 'le-d-shape le-d-edge', 'marker-end': arrow }),
      text,
    );
  const plain = (x1: number, y1: number, x2: number, y2: number): SVGLineElement =>
    svg('line', { x1, y1, x2, y2, class: 'le-d-edge le-d-plain', 'marker-end': arrow });

  const hPrev = { x: 8, y: 200, w: 66, h: 32 };
  const x = { x: 118, y: 292, w: 64, h: 32 };
  const sum = { cx: 150, cy: 216, r: 20 };
  const act = { x: 190, y: 200, w: 56, h: 32 };
  const h = { x: 272, y: 200, w: 60, h: 32 };
  const bh = { x: 196, y: 246, w: 44, h: 28 };
  const z = { x: 272, y: 120, w: 60, h: 30 };
  const by = { x: 196, y: 121, w: 44, h: 28 };
  const sm = { x: 262, y: 66, w: 80, h: 30 };
  const y = { x: 272, y: 10, w: 60, h: 30 };
  const hx = h.x + h.w / 2;

  return svg(
    'svg',
    {
      class: 'le-diagram',
      viewBox: `0 0 ${CELL_DIAGRAM.width} ${CELL_DIAGRAM.height}`,
      width: '100%',
      role: 'group',
      'aria-label': 'Cell diagram: each part can be focused to light up its terms in the equations',
    },
    svg(
      'defs',
      {},
      // Fixed-size heads (userSpaceOnUse), so a lit, thicker arrow does not grow a huge head.
      svg(
        'marker',
        {
          id: `${idPrefix}-arrow`,
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 9,
          markerHeight: 9,
          markerUnits: 'userSpaceOnUse',
          orient: 'auto-start-reverse',
        },
        svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'le-d-arrowhead' }),
      ),
    ),
    svg('rect', { x: 100, y: 168, width: 160, height: 114, rx: 12, class: 'le-d-cell' }),
    svg('text', { x: 108, y: 184, class: 'le-d-caption' }, 'the RNN cell'),
    // Plain connectors that belong to no single term.
    plain(sum.cx + sum.r, sum.cy, act.x - 2, sum.cy),
    plain(act.x + act.w, sum.cy, h.x - 2, sum.cy),
    plain(h.x + h.w, sum.cy, 356, sum.cy),
    svg('text', { x: 352, y: 250, class: 'le-d-caption', 'text-anchor': 'end' }, `to step ${t + 1}`),
    plain(hx, z.y - 1, hx, sm.y + sm.h + 2),
    plain(hx, sm.y - 1, hx, y.y + y.h + 2),
    edge('Whh', hPrev.x + hPrev.w, sum.cy, sum.cx - sum.r - 2, sum.cy, label(100, 202, 'W', 'hh')),
    edge('Wxh', sum.cx, x.y - 1, sum.cx, sum.cy + sum.r + 2, label(128, 266, 'W', 'xh')),
    edge('Why', hx, h.y - 1, hx, z.y + z.h + 2, label(hx + 28, 182, 'W', 'hy')),
    part('hPrev', box(hPrev), label(hPrev.x + hPrev.w / 2, hPrev.y + 21, 'h', String(t - 1))),
    part('x', box(x), label(x.x + x.w / 2, x.y + 21, 'x', String(t))),
    part(
      'bh',
      box(bh),
      label(bh.x + bh.w / 2, bh.y + 19, 'b', 'h'),
      svg('line', {
        x1: bh.x + 4,
        y1: bh.y + 4,
        x2: sum.cx + 15,
        y2: sum.cy + 15,
        class: 'le-d-shape le-d-edge',
        'marker-end': arrow,
      }),
    ),
    part(
      'a',
      svg('circle', { cx: sum.cx, cy: sum.cy, r: sum.r, class: 'le-d-shape' }),
      svg('text', { x: sum.cx, y: sum.cy + 6, class: 'le-d-label', 'text-anchor': 'middle' }, '+'),
      label(sum.cx + 30, sum.cy - 10, 'a', String(t)),
    ),
    part(
      'act',
      box(act),
      svg(
        'text',
        { x: act.x + act.w / 2, y: act.y + 21, class: 'le-d-fn', 'text-anchor': 'middle' },
        activation === 'tanh' ? 'tanh' : 'ReLU',
      ),
    ),
    part('h', box(h), label(hx, h.y + 21, 'h', String(t))),
    part(
      'by',
      box(by),
      label(by.x + by.w / 2, by.y + 19, 'b', 'y'),
      svg('line', {
        x1: by.x + by.w,
        y1: by.y + by.h / 2,
        x2: z.x - 2,
        y2: z.y + z.h / 2,
        class: 'le-d-shape le-d-edge',
        'marker-end': arrow,
      }),
    ),
    part('z', box(z), label(hx, z.y + 20, 'z', String(t))),
    part(
      'softmax',
      box(sm),
      svg('text', { x: hx, y: sm.y + 20, class: 'le-d-fn', 'text-anchor': 'middle' }, 'softmax'),
    ),
    part('y', box(y), label(hx, y.y + 20, 'y', String(t))),
  );
}
