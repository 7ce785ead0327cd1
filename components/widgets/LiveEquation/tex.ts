// The live-equation's equations as pieces of TeX for katex.render: the symbols, then the same equations with the
// current step's numbers substituted (matrices, products, sum, activation, softmax). Each piece names its term.
import { fmt, fmtVector } from '../../lib/format';
import type { Activation, EquationStep } from './model';
import { LIVE_WEIGHTS } from './model';

/** A term of the equations that the reader can point at; the cell diagram has a part for each. */
export type TermId =
  | 'x'
  | 'hPrev'
  | 'Wxh'
  | 'Whh'
  | 'bh'
  | 'wxhX'
  | 'whhH'
  | 'a'
  | 'act'
  | 'h'
  | 'Why'
  | 'by'
  | 'whyH'
  | 'z'
  | 'softmax'
  | 'y';

/** A part of the cell diagram. */
export type PartId = 'x' | 'hPrev' | 'Wxh' | 'Whh' | 'bh' | 'a' | 'act' | 'h' | 'Why' | 'by' | 'z' | 'softmax' | 'y';

/** The diagram part that shows each term: a product W·v is drawn as its weight's arrow. */
export const TERM_PART: Record<TermId, PartId> = {
  x: 'x',
  hPrev: 'hPrev',
  Wxh: 'Wxh',
  Whh: 'Whh',
  bh: 'bh',
  wxhX: 'Wxh',
  whhH: 'Whh',
  a: 'a',
  act: 'act',
  h: 'h',
  Why: 'Why',
  by: 'by',
  whyH: 'Why',
  z: 'z',
  softmax: 'softmax',
  y: 'y',
};

/** The terms each diagram part stands for (the reverse of TERM_PART). */
export function partTerms(part: PartId): TermId[] {
  return (Object.keys(TERM_PART) as TermId[]).filter((term) => TERM_PART[term] === part);
}

/** One piece of an equation row: TeX, and the term it shows (operators and brackets have none). */
export interface Piece {
  tex: string;
  term?: TermId;
}

/** A row of the equations: its pieces left to right and a sentence for screen readers. */
export interface EquationRow {
  pieces: Piece[];
  /** The row in words, e.g. "Substituting the numbers". */
  caption: string;
}

/** A number for TeX with fixed decimals and an ASCII minus (KaTeX typesets it as a minus sign). */
export const texNum = (x: number, digits = 3): string => fmt(x, digits).replace('−', '-');

/** An input or weight as written: at most 3 decimals, trailing zeros dropped (0.5, −0.3, 1). */
export const texShort = (x: number): string => String(Number(x.toFixed(3))).replace(/^-0$/, '0');

/** A column vector as a bmatrix. */
export const texVector = (v: readonly number[], num: (x: number) => string = texNum): string =>
  `\\begin{bmatrix}${v.map((x) => num(x)).join(' \\\\ ')}\\end{bmatrix}`;

/** A matrix as a bmatrix. */
export const texMatrix = (m: readonly (readonly number[])[], num: (x: number) => string = texShort): string =>
  `\\begin{bmatrix}${m.map((row) => row.map((x) => num(x)).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;

/** The activation's name in TeX. */
export const texActivation = (activation: Activation): string =>
  activation === 'tanh' ? '\\tanh' : '\\operatorname{ReLU}';

// Brackets as tall as a 3-entry column, so that separately rendered pieces line up.
const TALL = '\\vphantom{\\begin{bmatrix}0 \\\\ 0 \\\\ 0\\end{bmatrix}}';
const open = (name: string): string => `${name}\\left(${TALL}\\right.`;
const close = `\\left.${TALL}\\right)`;
const op = (tex: string): Piece => ({ tex });

/**
 * The hidden-state update, symbols first, then with the numbers: matrices and vectors, the three products, the
 * pre-activation a_t and the new state h_t.
 * @param t the step (1-based) written as the subscripts
 */
export function hiddenRows(step: EquationStep, t: number, activation: Activation): EquationRow[] {
  const f = texActivation(activation);
  return [
    {
      caption: 'The hidden-state update',
      pieces: [
        { tex: `h_{${t}}`, term: 'h' },
        op('='),
        { tex: `${f}\\big(`, term: 'act' },
        { tex: 'W_{xh}', term: 'Wxh' },
        { tex: `x_{${t}}`, term: 'x' },
        op('+'),
        { tex: 'W_{hh}', term: 'Whh' },
        { tex: `h_{${t - 1}}`, term: 'hPrev' },
        op('+'),
        { tex: 'b_h', term: 'bh' },
        op('\\big)'),
      ],
    },
    {
      caption: 'with the weights and vectors substituted',
      pieces: [
        op('='),
        op(open(f)),
        { tex: texMatrix(LIVE_WEIGHTS.Wxh), term: 'Wxh' },
        { tex: texVector(step.x, texShort), term: 'x' },
        op('+'),
        { tex: texMatrix(LIVE_WEIGHTS.Whh), term: 'Whh' },
        { tex: texVector(step.hPrev), term: 'hPrev' },
        op('+'),
        { tex: texVector(step.bh, texShort), term: 'bh' },
        op(close),
      ],
    },
    {
      caption: 'with the two products worked out',
      pieces: [
        op('='),
        op(open(f)),
        { tex: texVector(step.wxhX), term: 'wxhX' },
        op('+'),
        { tex: texVector(step.whhH), term: 'whhH' },
        op('+'),
        { tex: texVector(step.bh, texShort), term: 'bh' },
        op(close),
      ],
    },
    {
      caption: 'the sum, then the activation',
      pieces: [
        op('='),
        { tex: open(f), term: 'act' },
        { tex: texVector(step.a), term: 'a' },
        op(close),
        op('='),
        { tex: texVector(step.h), term: 'h' },
      ],
    },
  ];
}

/** The output equation, symbols first, then the numbers: W_hy and h_t, the product, the logits z_t and y_t. */
export function outputRows(step: EquationStep, t: number): EquationRow[] {
  const sm = '\\operatorname{softmax}';
  return [
    {
      caption: 'The output',
      pieces: [
        { tex: `y_{${t}}`, term: 'y' },
        op('='),
        { tex: `${sm}\\big(`, term: 'softmax' },
        { tex: 'W_{hy}', term: 'Why' },
        { tex: `h_{${t}}`, term: 'h' },
        op('+'),
        { tex: 'b_y', term: 'by' },
        op('\\big)'),
      ],
    },
    {
      caption: 'with the weights and the new state substituted',
      pieces: [
        op('='),
        op(open(sm)),
        { tex: texMatrix(LIVE_WEIGHTS.Why), term: 'Why' },
        { tex: texVector(step.h), term: 'h' },
        op('+'),
        { tex: texVector(step.by, texShort), term: 'by' },
        op(close),
      ],
    },
    {
      caption: 'the logits, then the probabilities',
      pieces: [
        op('='),
        { tex: open(sm), term: 'softmax' },
        { tex: texVector(step.z), term: 'z' },
        op(close),
        op('='),
        { tex: texVector(step.y), term: 'y' },
      ],
    },
  ];
}

/** What a term is, in words, with its current value: for aria-labels and the readout under the diagram. */
export interface TermInfo {
  /** Its symbol in plain text, e.g. "W_hh h_1". */
  symbol: string;
  /** What it is. */
  role: string;
  /** Its numbers in plain text. */
  value: string;
}

const rowsText = (m: readonly (readonly number[])[]): string =>
  m.map((row) => fmtVector(row.map(Number), 1)).join(', ');

/** Describe a term at this step. */
export function termInfo(term: TermId, step: EquationStep, t: number, activation: Activation): TermInfo {
  const f = activation === 'tanh' ? 'tanh' : 'ReLU';
  const v = (x: readonly number[]): string => fmtVector(x);
  const info: Record<TermId, TermInfo> = {
    x: { symbol: `x_${t}`, role: 'the input at this step', value: fmtVector(step.x, 2) },
    hPrev: {
      symbol: `h_${t - 1}`,
      role: t === 1 ? 'the previous hidden state; h_0 starts at zero' : 'the previous hidden state, the memory so far',
      value: v(step.hPrev),
    },
    Wxh: {
      symbol: 'W_xh',
      role: 'the input-to-hidden weights, 3 by 2, the same at every step',
      value: rowsText(LIVE_WEIGHTS.Wxh),
    },
    Whh: {
      symbol: 'W_hh',
      role: 'the hidden-to-hidden weights, 3 by 3: how the old memory shapes the new one',
      value: rowsText(LIVE_WEIGHTS.Whh),
    },
    bh: { symbol: 'b_h', role: 'the hidden bias', value: fmtVector(step.bh, 1) },
    wxhX: { symbol: `W_xh x_${t}`, role: 'the input term', value: v(step.wxhX) },
    whhH: { symbol: `W_hh h_${t - 1}`, role: 'the memory term', value: v(step.whhH) },
    a: {
      symbol: `a_${t}`,
      role: 'the pre-activation: the sum of the input term, the memory term and the bias',
      value: v(step.a),
    },
    act: {
      symbol: f,
      role:
        activation === 'tanh'
          ? 'the activation, applied to each entry; it squashes into (−1, 1)'
          : 'the activation, applied to each entry; it keeps positives and sets negatives to 0',
      value: `${f}(${v(step.a)}) = ${v(step.h)}`,
    },
    h: { symbol: `h_${t}`, role: 'the new hidden state, carried to the next step', value: v(step.h) },
    Why: { symbol: 'W_hy', role: 'the hidden-to-output weights, 3 by 3', value: rowsText(LIVE_WEIGHTS.Why) },
    by: { symbol: 'b_y', role: 'the output bias', value: fmtVector(step.by, 1) },
    whyH: { symbol: `W_hy h_${t}`, role: 'the hidden state read by the output weights', value: v(step.whyH) },
    z: { symbol: `z_${t}`, role: 'the logits, one score per class', value: v(step.z) },
    softmax: {
      symbol: 'softmax',
      role: 'turns the logits into probabilities that sum to 1',
      value: `softmax(${v(step.z)}) = ${v(step.y)}`,
    },
    y: { symbol: `y_${t}`, role: 'the output: a probability for each of the 3 classes', value: v(step.y) },
  };
  return info[term];
}

/** The accessible name of a term: "W_hh h_1, the memory term: [0.100, …]". */
export function termLabel(term: TermId, step: EquationStep, t: number, activation: Activation): string {
  const info = termInfo(term, step, t, activation);
  return `${info.symbol}, ${info.role}: ${info.value}`;
}
