// The overview: the whole network unrolled over the sequence, one row of cells per layer and direction, each cell
// showing the chosen gate's units as stripes; the current step, the chosen row and the inputs that row has read are marked.
import { svg } from '../../lib/dom';

/** One row of cells as the overview draws it. */
export interface OverviewRow {
  /** Label in the left gutter, long and short (narrow screens). */
  label: string;
  short: string;
  /** Which way the state flows along the row. */
  direction: 'forward' | 'reverse';
  /** [T][H] the values drawn as stripes in each cell (the chosen gate). */
  stripes: readonly (readonly number[])[];
}

/** Everything the overview shows. */
export interface OverviewInput {
  /** [T] the inputs: value and mark. */
  x: readonly { value: number; marked: boolean }[];
  /** [T] the readout ŷ_t. */
  yhat: readonly number[];
  /** Bottom row first (layer 1, or forward then backward). */
  rows: readonly OverviewRow[];
  /** Current step, 1-based. */
  t: number;
  /** Chosen row, 0-based. */
  row: number;
  /** Available width in pixels. */
  width: number;
  color: (value: number) => string;
  markerId: string;
}

/** Geometry of the overview, computed from the width and the sequence length. */
export interface OverviewGeometry {
  gutter: number;
  pitch: number;
  width: number;
  height: number;
  narrow: boolean;
  /** Decimals shown for x and ŷ. */
  digits: number;
}

const ROW_H = 50;
const CELL_H = 30;
const TOP = 24;
const BOTTOM = 40;

/** Column pitch fits the width down to 26 px a step; below that the overview scrolls sideways. */
export function overviewGeometry(width: number, T: number, rows: number): OverviewGeometry {
  const narrow = width < 480;
  const gutter = narrow ? 30 : 78;
  const pitch = Math.max(26, Math.min(96, Math.floor((width - gutter - 4) / Math.max(1, T))));
  return {
    gutter,
    pitch,
    width: gutter + pitch * T + 4,
    height: TOP + rows * ROW_H + BOTTOM,
    narrow,
    digits: pitch >= 40 ? 2 : 1,
  };
}

/** Which steps' inputs a row's cell at step t (1-based) has read: x_1..x_t going forward, x_t..x_T going backward. */
export function readSpan(direction: 'forward' | 'reverse', t: number, T: number): [number, number] {
  return direction === 'forward' ? [1, t] : [t, T];
}

const num = (v: number, digits: number): string => {
  const s = v.toFixed(digits);
  const trimmed = digits === 1 && Math.abs(v) < 1 ? s.replace(/^(-?)0\./, '$1.') : s;
  return (Object.is(Math.round(v * 10 ** digits), -0) ? trimmed.replace('-', '') : trimmed).replace('-', '−');
};

/**
 * Draw the overview. Cells carry `data-t` (1-based) and `data-row` (0-based) for the caller's click handler.
 * Its text alternative is the widget's caption and tables, so the drawing itself is one labelled image.
 */
export function overview(input: OverviewInput, label: string): SVGSVGElement {
  const T = input.x.length;
  const g = overviewGeometry(input.width, T, input.rows.length);
  const colX = (t: number): number => g.gutter + (t - 1) * g.pitch + g.pitch / 2;
  // Rows are drawn bottom-up: row 0 just above the inputs.
  const rowY = (r: number): number => TOP + (input.rows.length - 1 - r) * ROW_H + (ROW_H - CELL_H) / 2;
  const cellW = Math.min(44, g.pitch - 8);
  const xY = g.height - BOTTOM + 22;
  const chosen = input.rows[input.row];
  const [from, to] = chosen ? readSpan(chosen.direction, input.t, T) : [1, input.t];
  const bidirectional = input.rows.some((row) => row.direction === 'reverse');
  const parts: SVGElement[] = [];

  parts.push(
    svg('rect', {
      x: colX(input.t) - g.pitch / 2 + 1,
      y: 2,
      width: g.pitch - 2,
      height: g.height - 4,
      rx: 6,
      class: 'gi-n-current',
    }),
  );
  parts.push(
    svg('rect', {
      x: colX(from) - g.pitch / 2 + 3,
      y: xY - 17,
      width: (to - from + 1) * g.pitch - 6,
      height: 24,
      rx: 12,
      class: 'gi-n-read',
    }),
  );
  parts.push(svg('text', { x: 2, y: 16, class: 'gi-n-rowlabel' }, 'ŷ'));
  parts.push(svg('text', { x: 2, y: xY, class: 'gi-n-rowlabel' }, 'x'));

  input.rows.forEach((row, r) => {
    const y = rowY(r);
    parts.push(
      svg(
        'text',
        { x: 2, y: y + CELL_H / 2 + 4, class: r === input.row ? 'gi-n-rowlabel is-chosen' : 'gi-n-rowlabel' },
        g.narrow ? row.short : row.label,
      ),
    );
    for (let t = 1; t <= T; t++) {
      const cx = colX(t);
      // What feeds the cell from below: x_t for the first layer (both directions read it), the layer below's h_t above it.
      const fromBelow = r === 0 || bidirectional ? xY - 14 : rowY(r - 1);
      parts.push(svg('line', { x1: cx, x2: cx, y1: fromBelow, y2: y + CELL_H, class: 'gi-n-wire' }));
      if (t < T) {
        const [a, b] =
          row.direction === 'forward'
            ? [cx + cellW / 2, colX(t + 1) - cellW / 2]
            : [colX(t + 1) - cellW / 2, cx + cellW / 2];
        parts.push(
          svg('line', {
            x1: a,
            x2: b,
            y1: y + CELL_H / 2,
            y2: y + CELL_H / 2,
            class: 'gi-n-wire',
            'marker-end': `url(#${input.markerId})`,
          }),
        );
      }
    }
  });
  // The top row (or both directions of a bidirectional layer) feeds the readout ŷ_t.
  const top = input.rows.length - 1;
  for (let t = 1; t <= T; t++)
    parts.push(svg('line', { x1: colX(t), x2: colX(t), y1: rowY(top), y2: 22, class: 'gi-n-wire' }));

  input.rows.forEach((row, r) => {
    const y = rowY(r);
    for (let t = 1; t <= T; t++) {
      const values = row.stripes[t - 1] ?? [];
      const isCurrent = t === input.t && r === input.row;
      parts.push(
        svg(
          'g',
          { class: isCurrent ? 'gi-n-cell is-current' : 'gi-n-cell', 'data-t': t, 'data-row': r },
          svg('rect', { x: colX(t) - cellW / 2, y, width: cellW, height: CELL_H, rx: 4, class: 'gi-n-box' }),
          ...values.map((v, j) =>
            svg('rect', {
              x: colX(t) - cellW / 2 + 3,
              y: y + 2 + j * ((CELL_H - 4) / values.length),
              width: cellW - 6,
              height: Math.max(1, (CELL_H - 4) / values.length - 1),
              fill: input.color(v),
            }),
          ),
          svg('rect', { x: colX(t) - cellW / 2, y, width: cellW, height: CELL_H, rx: 4, class: 'gi-n-frame' }),
        ),
      );
    }
  });

  input.x.forEach((step, k) => {
    const t = k + 1;
    const inSpan = t >= from && t <= to;
    parts.push(
      svg(
        'text',
        {
          x: colX(t),
          y: xY,
          'text-anchor': 'middle',
          class: `gi-n-x${step.marked ? ' is-marked' : ''}${inSpan ? ' is-read' : ''}`,
          'data-t': t,
        },
        `${step.marked ? '*' : ''}${num(step.value, g.digits)}`,
      ),
    );
    parts.push(
      svg(
        'text',
        { x: colX(t), y: 16, 'text-anchor': 'middle', class: 'gi-n-y', 'data-t': t },
        num(input.yhat[k] ?? 0, g.digits),
      ),
    );
    parts.push(
      svg(
        'text',
        { x: colX(t), y: g.height - 4, 'text-anchor': 'middle', class: t === input.t ? 'gi-n-t is-current' : 'gi-n-t' },
        String(t),
      ),
    );
  });

  return svg(
    'svg',
    {
      width: g.width,
      height: g.height,
      viewBox: `0 0 ${g.width} ${g.height}`,
      class: 'gi-overview-svg',
      role: 'img',
      'aria-label': label,
    },
    svg(
      'defs',
      {},
      svg(
        'marker',
        {
          id: input.markerId,
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 6,
          markerHeight: 6,
          orient: 'auto-start-reverse',
        },
        svg('path', { d: 'M 0 1 L 9 5 L 0 9 z', class: 'gi-d-arrow' }),
      ),
    ),
    ...parts,
  );
}
