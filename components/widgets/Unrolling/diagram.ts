// The unrolling widget's two pictures of one network as SVG: unrolled (one cell per step, x_t below, h_t inside as
// a strip of coloured units, the best guess for y_t above, h carried to the right) and folded (one cell with its loop).
import { svg } from '../../lib/dom';

/** What the pictures show about one step. */
export interface DiagramStep {
  /** The input character as shown (␣ for a space). */
  input: string;
  /** [hiddenSize] h_t. */
  h: readonly number[];
  /** The most likely next character and its probability. */
  guess: { label: string; p: number };
}

/** Input of both pictures. */
export interface DiagramInput {
  steps: readonly DiagramStep[];
  /** Current step, 1..steps.length: steps after it are not computed yet. */
  t: number;
  /** Colour of a hidden-state value (the heatmap's scale). */
  color: (value: number) => string;
  /** Ids for the SVG's title, description and arrowhead (unique on the page). */
  idPrefix: string;
}

/** Geometry of the unrolled picture, in CSS pixels (it is drawn at its natural size and scrolls if wider). */
export const UNROLLED = {
  left: 56,
  pitch: 84,
  cellWidth: 60,
  cellTop: 62,
  cellHeight: 100,
  guessTop: 6,
  inputTop: 192,
  height: 248,
} as const;

const pct = (p: number): string => `${Math.round(p * 100)}%`;

/** "h" with a subscript, as SVG text. */
function symbol(
  x: number,
  y: number,
  base: string,
  sub: string,
  attrs: Record<string, string | number> = {},
): SVGTextElement {
  return svg('text', { x, y, class: 'ur-sym', ...attrs }, base, svg('tspan', { class: 'ur-sub', dy: 4 }, sub));
}

/** A column of squares, one per hidden unit, coloured by value (unit 1 on top, as in the heatmap). */
function stateStrip(
  h: readonly number[],
  x: number,
  y: number,
  size: number,
  color: DiagramInput['color'],
): SVGGElement {
  return svg(
    'g',
    { class: 'ur-strip' },
    ...h.map((v, i) =>
      svg('rect', { x, y: y + i * (size + 1), width: size, height: size, rx: 1.5, class: 'ur-unit', fill: color(v) }),
    ),
  );
}

function arrowMarker(id: string): SVGDefsElement {
  return svg(
    'defs',
    {},
    // Fixed-size heads (userSpaceOnUse), so the current step's thicker arrows do not grow bigger heads.
    svg(
      'marker',
      {
        id,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 9,
        markerHeight: 9,
        markerUnits: 'userSpaceOnUse',
        orient: 'auto-start-reverse',
      },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'ur-arrowhead' }),
    ),
  );
}

function phase(k: number, t: number): 'is-past' | 'is-current' | 'is-future' {
  return k < t ? 'is-past' : k === t ? 'is-current' : 'is-future';
}

/** Describe the current step in words, for the pictures' accessible description. */
export function describeStep(input: DiagramInput): string {
  const { steps, t } = input;
  const s = steps[t - 1];
  return (
    `Step ${t} of ${steps.length}: the cell reads “${s.input}” and h_${t - 1}, computes h_${t}, and its ` +
    `best guess for the next character is “${s.guess.label}” (${pct(s.guess.p)}).`
  );
}

/**
 * The network unrolled: one copy of the cell per character. Every step's numbers are drawn; the steps after t are
 * marked `is-future` and drawn dashed and empty by CSS, so `setUnrolledStep` can move t without drawing again.
 */
export function unrolledDiagram(input: DiagramInput): SVGSVGElement {
  const { steps, color, idPrefix } = input;
  const g = UNROLLED;
  const width = g.left + steps.length * g.pitch;
  const mid = g.cellTop + g.cellHeight / 2;
  const arrow = `url(#${idPrefix}-arrow)`;
  const groups = steps.map((s, i) => {
    const k = i + 1;
    const x = g.left + i * g.pitch;
    const cx = x + g.cellWidth / 2;
    return svg(
      'g',
      { class: 'ur-step', 'data-t': k },
      // h_{t-1} arriving from the left (from h_0 for the first cell).
      svg('line', {
        x1: x - (i === 0 ? 26 : g.pitch - g.cellWidth) + 2,
        y1: mid,
        x2: x - 2,
        y2: mid,
        class: 'ur-edge ur-flow',
        'data-flow': 'h',
        'marker-end': arrow,
      }),
      svg('line', {
        x1: cx,
        y1: g.inputTop - 2,
        x2: cx,
        y2: g.cellTop + g.cellHeight + 2,
        class: 'ur-edge ur-flow',
        'data-flow': 'x',
        'marker-end': arrow,
      }),
      svg('line', {
        x1: cx,
        y1: g.cellTop - 2,
        x2: cx,
        y2: g.guessTop + 28,
        class: 'ur-edge ur-flow',
        'data-flow': 'y',
        'marker-end': arrow,
      }),
      svg('rect', { x, y: g.cellTop, width: g.cellWidth, height: g.cellHeight, rx: 9, class: 'ur-cell' }),
      symbol(x + 6, g.cellTop + 18, 'h', String(k)),
      stateStrip(s.h, x + g.cellWidth - 22, g.cellTop + 8, 10, color),
      svg('rect', { x: x + 6, y: g.inputTop, width: g.cellWidth - 12, height: 28, rx: 6, class: 'ur-input' }),
      svg('text', { x: cx, y: g.inputTop + 19, class: 'ur-char', 'text-anchor': 'middle' }, s.input),
      svg('text', { x: cx, y: g.inputTop + 46, class: 'ur-t', 'text-anchor': 'middle' }, `t=${k}`),
      svg('rect', { x: x + 2, y: g.guessTop, width: g.cellWidth - 4, height: 26, rx: 6, class: 'ur-guess' }),
      svg(
        'text',
        { x: cx, y: g.guessTop + 18, class: 'ur-guess-text', 'text-anchor': 'middle' },
        svg('tspan', { class: 'ur-char' }, s.guess.label),
        ` ${pct(s.guess.p)}`,
      ),
    );
  });
  const picture = svg(
    'svg',
    {
      class: 'ur-diagram ur-unrolled',
      width,
      height: g.height,
      viewBox: `0 0 ${width} ${g.height}`,
      role: 'img',
      'aria-labelledby': `${idPrefix}-title ${idPrefix}-desc`,
    },
    svg('title', { id: `${idPrefix}-title` }, `The RNN unrolled over ${steps.length} steps`),
    svg('desc', { id: `${idPrefix}-desc` }),
    arrowMarker(`${idPrefix}-arrow`),
    symbol(8, mid + 4, 'h', '0'),
    ...groups,
  );
  setUnrolledStep(picture, input);
  return picture;
}

/** Move the unrolled picture to step `input.t`: mark each step past, current or future and describe the new step. */
export function setUnrolledStep(picture: SVGSVGElement, input: DiagramInput): void {
  for (const group of picture.querySelectorAll<SVGGElement>('.ur-step')) {
    group.setAttribute('class', `ur-step ${phase(Number(group.dataset.t), input.t)}`);
  }
  const desc = picture.querySelector('desc');
  if (desc)
    desc.textContent =
      `One copy of the same cell per character; each reads its character x_t below and the state from the ` +
      `left, and shows its guess for the next character above. The steps after the current one are not ` +
      `computed yet. ${describeStep(input)}`;
}

/** Geometry of the folded picture (a viewBox; it scales down to fit narrow screens). */
export const FOLDED = { width: 360, height: 312, cellX: 120, cellTop: 84, cellWidth: 80, cellHeight: 114 } as const;

/** The same network folded: one cell, its loop carrying h_{t−1} back in, the current character and guess, and the text as a tape. */
export function foldedDiagram(input: DiagramInput): SVGSVGElement {
  const { steps, t, color, idPrefix } = input;
  const f = FOLDED;
  const s = steps[t - 1];
  const prev = t > 1 ? steps[t - 2].h : s.h.map(() => 0);
  const cx = f.cellX + f.cellWidth / 2;
  const right = f.cellX + f.cellWidth;
  const bottom = f.cellTop + f.cellHeight;
  const arrow = `url(#${idPrefix}-arrow)`;
  const inputTop = bottom + 30;
  const tapeTop = inputTop + 58;
  const cellW = Math.min(16, (f.width - 20) / steps.length);
  const tapeLeft = (f.width - cellW * steps.length) / 2;
  return svg(
    'svg',
    {
      class: 'ur-diagram ur-folded',
      width: '100%',
      viewBox: `0 0 ${f.width} ${f.height}`,
      style: `max-width:${f.width}px`,
      role: 'img',
      'aria-labelledby': `${idPrefix}-title ${idPrefix}-desc`,
    },
    svg('title', { id: `${idPrefix}-title` }, 'The RNN folded: one cell with a loop'),
    svg(
      'desc',
      { id: `${idPrefix}-desc` },
      `The single cell reads one character per step and feeds its state back into itself through the loop. ${describeStep(input)}`,
    ),
    arrowMarker(`${idPrefix}-arrow`),
    svg(
      'g',
      { class: 'ur-step is-current', 'data-t': t },
      svg('path', {
        d: `M${right + 2},${f.cellTop + 26} C${right + 92},${f.cellTop + 2} ${right + 92},${bottom - 2} ${right + 4},${bottom - 26}`,
        class: 'ur-edge ur-flow ur-loop',
        fill: 'none',
        'data-flow': 'h',
        'marker-end': arrow,
      }),
      svg('line', {
        x1: cx,
        y1: inputTop - 2,
        x2: cx,
        y2: bottom + 2,
        class: 'ur-edge ur-flow',
        'data-flow': 'x',
        'marker-end': arrow,
      }),
      svg('line', {
        x1: cx,
        y1: f.cellTop - 2,
        x2: cx,
        y2: 44,
        class: 'ur-edge ur-flow',
        'data-flow': 'y',
        'marker-end': arrow,
      }),
      svg('rect', { x: f.cellX, y: f.cellTop, width: f.cellWidth, height: f.cellHeight, rx: 12, class: 'ur-cell' }),
      symbol(f.cellX + 10, f.cellTop + 24, 'h', String(t)),
      stateStrip(s.h, right - 24, f.cellTop + 14, 10, color),
      symbol(right + 44, f.cellTop + 4, 'W', 'hh', { class: 'ur-sym ur-small' }),
      stateStrip(prev, right + 90, f.cellTop + 22, 8, color),
      symbol(right + 80, bottom + 6, 'h', String(t - 1), { class: 'ur-sym ur-small' }),
      svg('rect', { x: cx - 48, y: 8, width: 96, height: 34, rx: 7, class: 'ur-guess' }),
      svg(
        'text',
        { x: cx, y: 31, class: 'ur-guess-text', 'text-anchor': 'middle' },
        svg('tspan', { class: 'ur-char' }, s.guess.label),
        ` ${pct(s.guess.p)}`,
      ),
      svg('rect', { x: cx - 22, y: inputTop, width: 44, height: 34, rx: 7, class: 'ur-input' }),
      svg('text', { x: cx, y: inputTop + 22, class: 'ur-char', 'text-anchor': 'middle' }, s.input),
      symbol(cx - 80, inputTop + 22, 'x', String(t)),
      symbol(cx - 80, 31, 'y', String(t)),
    ),
    svg(
      'text',
      { x: f.width / 2, y: tapeTop - 8, class: 'ur-t', 'text-anchor': 'middle' },
      `step t = ${t} of ${steps.length}`,
    ),
    svg(
      'g',
      { class: 'ur-tape' },
      ...steps.map((step, i) =>
        svg(
          'g',
          { class: `ur-tape-cell ${phase(i + 1, t)}` },
          svg('rect', { x: tapeLeft + i * cellW, y: tapeTop, width: cellW - 1, height: 20, rx: 2 }),
          svg(
            'text',
            { x: tapeLeft + i * cellW + (cellW - 1) / 2, y: tapeTop + 14, 'text-anchor': 'middle' },
            step.input,
          ),
        ),
      ),
    ),
  );
}
