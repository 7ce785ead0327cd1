// The LSTM and GRU cell diagrams, drawn to match the chapter's equations: gates as selectable boxes holding one
// coloured square per unit, the memory lane along the top, ⊙ and + where the equations multiply and add.
import type { GateName } from '../../../engine';
import { svg } from '../../lib/dom';
import type { CellKind } from './train';

/** A point of a wire. */
type Point = readonly [number, number];

/** A wire: a polyline, tagged with the gate whose value it carries (highlighted with it), arrowhead at its end. */
interface Wire {
  points: readonly Point[];
  gate?: GateName;
  arrow?: boolean;
}

/** An operator node: ⊙ (elementwise product), + (sum), 1− (one minus), or a tanh box. */
interface Operator {
  at: Point;
  kind: 'times' | 'plus' | 'oneMinus' | 'tanh';
}

/** A text label (TeX-like symbols rendered as text with a subscript). */
interface Label {
  at: Point;
  base: string;
  sub?: string;
  anchor?: 'start' | 'middle' | 'end';
  small?: boolean;
}

/** The drawing of one cell type. */
export interface CellLayout {
  width: number;
  height: number;
  /** Gate box centres, in the order drawn. */
  gates: readonly { gate: GateName; at: Point }[];
  wires: readonly Wire[];
  operators: readonly Operator[];
  labels: readonly Label[];
}

/** Gate box size. */
export const GATE_BOX = { width: 54, height: 42 } as const;

const R = 11; // operator radius

/** c_t = f ⊙ c_{t−1} + i ⊙ g along the top lane; h_t = o ⊙ tanh(c_t) on the right; [h_{t−1}, x_t] feeds every gate from below. */
export const LSTM_LAYOUT: CellLayout = {
  width: 430,
  height: 256,
  gates: [
    { gate: 'f', at: [130, 160] },
    { gate: 'i', at: [192, 160] },
    { gate: 'g', at: [254, 160] },
    { gate: 'o', at: [316, 160] },
  ],
  wires: [
    {
      points: [
        [24, 40],
        [130 - R, 40],
      ],
    },
    {
      points: [
        [130 + R, 40],
        [223 - R, 40],
      ],
    },
    {
      points: [
        [223 + R, 40],
        [404, 40],
      ],
      arrow: true,
    },
    {
      points: [
        [130, 139],
        [130, 40 + R],
      ],
      gate: 'f',
      arrow: true,
    },
    {
      points: [
        [192, 139],
        [192, 100],
        [223 - R, 100],
      ],
      gate: 'i',
      arrow: true,
    },
    {
      points: [
        [254, 139],
        [254, 100],
        [223 + R, 100],
      ],
      gate: 'g',
      arrow: true,
    },
    {
      points: [
        [223, 100 - R],
        [223, 40 + R],
      ],
      arrow: true,
    },
    {
      points: [
        [372, 40],
        [372, 88],
      ],
      arrow: true,
    },
    {
      points: [
        [372, 112],
        [372, 160 - R],
      ],
      arrow: true,
    },
    {
      points: [
        [343, 160],
        [372 - R, 160],
      ],
      gate: 'o',
      arrow: true,
    },
    {
      points: [
        [372 + R, 160],
        [418, 160],
      ],
      arrow: true,
    },
    {
      points: [
        [24, 222],
        [316, 222],
      ],
    },
    {
      points: [
        [70, 252],
        [70, 222],
      ],
    },
    ...[130, 192, 254, 316].map((x): Wire => ({
      points: [
        [x, 222],
        [x, 182],
      ],
      arrow: true,
    })),
  ],
  operators: [
    { at: [130, 40], kind: 'times' },
    { at: [223, 40], kind: 'plus' },
    { at: [223, 100], kind: 'times' },
    { at: [372, 100], kind: 'tanh' },
    { at: [372, 160], kind: 'times' },
  ],
  labels: [
    { at: [24, 30], base: 'c', sub: 't−1' },
    { at: [404, 30], base: 'c', sub: 't', anchor: 'end' },
    { at: [418, 150], base: 'h', sub: 't', anchor: 'end' },
    { at: [24, 214], base: 'h', sub: 't−1' },
    { at: [78, 248], base: 'x', sub: 't' },
  ],
};

/** h_t = (1 − z) ⊙ n + z ⊙ h_{t−1} along the top lane; n = tanh(W_in x + b_in + r ⊙ (W_hn h_{t−1} + b_hn)). */
export const GRU_LAYOUT: CellLayout = {
  width: 430,
  height: 256,
  gates: [
    { gate: 'z', at: [120, 160] },
    { gate: 'r', at: [200, 160] },
    { gate: 'n', at: [310, 160] },
  ],
  wires: [
    {
      points: [
        [24, 40],
        [120 - R, 40],
      ],
    },
    {
      points: [
        [120 + R, 40],
        [310 - R, 40],
      ],
    },
    {
      points: [
        [310 + R, 40],
        [410, 40],
      ],
      arrow: true,
    },
    {
      points: [
        [120, 139],
        [120, 40 + R],
      ],
      gate: 'z',
      arrow: true,
    },
    {
      points: [
        [120, 100],
        [212 - R - 2, 100],
      ],
      gate: 'z',
      arrow: true,
    },
    {
      points: [
        [212 + R + 2, 100],
        [310 - R, 100],
      ],
      gate: 'z',
      arrow: true,
    },
    {
      points: [
        [310, 139],
        [310, 100 + R],
      ],
      gate: 'n',
      arrow: true,
    },
    {
      points: [
        [310, 100 - R],
        [310, 40 + R],
      ],
      arrow: true,
    },
    {
      points: [
        [227, 160],
        [257 - R, 160],
      ],
      gate: 'r',
      arrow: true,
    },
    {
      points: [
        [257 + R, 160],
        [283, 160],
      ],
      arrow: true,
    },
    {
      points: [
        [36, 40],
        [36, 222],
        [310, 222],
      ],
    },
    {
      points: [
        [70, 252],
        [70, 222],
      ],
    },
    ...[120, 200, 310].map((x): Wire => ({
      points: [
        [x, 222],
        [x, 182],
      ],
      arrow: true,
    })),
    {
      points: [
        [257, 222],
        [257, 160 + R],
      ],
      arrow: true,
    },
  ],
  operators: [
    { at: [120, 40], kind: 'times' },
    { at: [310, 40], kind: 'plus' },
    { at: [212, 100], kind: 'oneMinus' },
    { at: [310, 100], kind: 'times' },
    { at: [257, 160], kind: 'times' },
  ],
  labels: [
    { at: [24, 30], base: 'h', sub: 't−1' },
    { at: [410, 30], base: 'h', sub: 't', anchor: 'end' },
    { at: [44, 214], base: 'h', sub: 't−1', small: true },
    { at: [78, 248], base: 'x', sub: 't' },
    { at: [262, 200], base: 'W', sub: 'hn', small: true },
  ],
};

/** The layout of a cell type. */
export const layoutOf = (cell: CellKind): CellLayout => (cell === 'lstm' ? LSTM_LAYOUT : GRU_LAYOUT);

/** Handles for updating a drawn diagram without rebuilding it. */
export interface CellDiagram {
  element: SVGSVGElement;
  /** Gate element by name, for focus and events. */
  gateNodes: Map<GateName, SVGGElement>;
  /**
   * Show a step: each gate's unit values as colours, the selected gate highlighted with its wires.
   * @param values gate → [H] activations at the step
   * @param color gate → (value → CSS colour)
   * @param describe gate → accessible name including its values
   */
  update(
    values: Partial<Record<GateName, readonly number[]>>,
    selected: GateName,
    color: (gate: GateName, v: number) => string,
    describe: (gate: GateName) => string,
  ): void;
}

const textLabel = (label: Label): SVGTextElement =>
  svg(
    'text',
    {
      x: label.at[0],
      y: label.at[1],
      class: label.small ? 'gi-d-label is-small' : 'gi-d-label',
      'text-anchor': label.anchor ?? 'start',
    },
    svg('tspan', { class: 'gi-d-sym' }, label.base),
    label.sub ? svg('tspan', { class: 'gi-d-sub', dy: 4 }, label.sub) : null,
  );

function operator(op: Operator): SVGGElement {
  const [x, y] = op.at;
  if (op.kind === 'tanh') {
    return svg(
      'g',
      { class: 'gi-d-op' },
      svg('rect', { x: x - 22, y: y - 12, width: 44, height: 24, rx: 12 }),
      svg('text', { x, y: y + 4, 'text-anchor': 'middle' }, 'tanh'),
    );
  }
  const symbol = op.kind === 'times' ? '×' : op.kind === 'plus' ? '+' : '1−';
  return svg(
    'g',
    { class: 'gi-d-op' },
    svg('circle', { cx: x, cy: y, r: op.kind === 'oneMinus' ? R + 2 : R }),
    svg(
      'text',
      {
        x,
        y: y + (op.kind === 'oneMinus' ? 4 : 5),
        'text-anchor': 'middle',
        class: op.kind === 'oneMinus' ? 'is-small' : '',
      },
      symbol,
    ),
  );
}

/**
 * Draw a cell's diagram. Gate boxes are buttons (role, tabindex, aria-pressed); the caller wires their events.
 * @param units hidden units per gate (one square each)
 * @param markerId a page-unique id for the arrowhead marker
 */
export function cellDiagram(cell: CellKind, units: number, markerId: string): CellDiagram {
  const layout = layoutOf(cell);
  const gateNodes = new Map<GateName, SVGGElement>();
  const squares = new Map<GateName, SVGRectElement[]>();
  const wiresByGate = new Map<GateName, SVGPolylineElement[]>();
  const arrow = svg(
    'marker',
    {
      id: markerId,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      orient: 'auto-start-reverse',
    },
    svg('path', { d: 'M 0 1 L 9 5 L 0 9 z', class: 'gi-d-arrow' }),
  );
  const wires = layout.wires.map((w) => {
    const line = svg('polyline', {
      points: w.points.map((p) => p.join(',')).join(' '),
      class: 'gi-d-wire',
      'marker-end': w.arrow ? `url(#${markerId})` : null,
    });
    if (w.gate) wiresByGate.set(w.gate, [...(wiresByGate.get(w.gate) ?? []), line]);
    return line;
  });
  const size = 9;
  const gap = 2;
  const squashLabels: SVGElement[] = [];
  const gateBoxes = layout.gates.map(({ gate, at: [x, y] }) => {
    const { width, height } = GATE_BOX;
    const row = units * size + (units - 1) * gap;
    const unitSquares = Array.from({ length: units }, (_, j) =>
      svg('rect', { x: x - row / 2 + j * (size + gap), y: y + 4, width: size, height: size, class: 'gi-d-unit' }),
    );
    squares.set(gate, unitSquares);
    // The button's only text is the gate's letter, which its name ("forget gate f: …") contains (WCAG 2.5.3); the
    // squashing function is drawn over it but outside it, and lets clicks through.
    const node = svg(
      'g',
      { class: 'gi-gate', role: 'button', tabindex: 0, 'data-gate': gate, 'aria-pressed': 'false' },
      svg('rect', { x: x - width / 2, y: y - height / 2, width, height, rx: 7, class: 'gi-d-box' }),
      svg('text', { x: x - width / 2 + 7, y: y - 5, class: 'gi-d-gate' }, gate),
      ...unitSquares,
    );
    squashLabels.push(
      svg(
        'text',
        { x: x + width / 2 - 6, y: y - 6, class: 'gi-d-squash', 'text-anchor': 'end', 'pointer-events': 'none' },
        gate === 'g' || gate === 'n' ? 'tanh' : 'σ',
      ),
    );
    gateNodes.set(gate, node);
    return node;
  });
  const element = svg(
    'svg',
    {
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      class: `gi-diagram-svg is-${cell}`,
      role: 'group',
      'aria-label': cell === 'lstm' ? 'LSTM cell: choose a gate' : 'GRU cell: choose a gate',
    },
    svg('defs', {}, arrow),
    svg('g', { 'aria-hidden': 'true' }, ...wires, ...layout.operators.map(operator), ...layout.labels.map(textLabel)),
    ...gateBoxes,
    svg('g', { 'aria-hidden': 'true' }, ...squashLabels),
  );

  return {
    element,
    gateNodes,
    update(values, selected, color, describe) {
      for (const [gate, node] of gateNodes) {
        const on = gate === selected;
        node.setAttribute('aria-pressed', String(on));
        node.classList.toggle('is-selected', on);
        node.setAttribute('aria-label', describe(gate));
        const v = values[gate] ?? [];
        squares
          .get(gate)
          ?.forEach((square, j) => square.setAttribute('fill', v[j] === undefined ? 'none' : color(gate, v[j])));
      }
      for (const [gate, lines] of wiresByGate)
        for (const line of lines) line.classList.toggle('is-selected', gate === selected);
    },
  };
}
