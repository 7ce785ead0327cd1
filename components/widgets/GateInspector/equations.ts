// The gate-inspector's equations as TeX (written as MathML by lib/texMathml) and as plain text, with the current numbers substituted.
// Symbols follow the chapter (PyTorch's W_if, b_hf…); a row's notation adds the layer or the direction.
import type { GateName } from '../../../engine';
import { fmt, fmtFactor } from '../../lib/format';
import type { GateTerms, StateUpdate } from './model';

/** What each gate is called and does, in the chapter's words. */
export const GATE_INFO: Record<GateName, { name: string; role: string; squash: 'sigmoid' | 'tanh' }> = {
  i: { name: 'input gate', role: 'how much of the candidate g to write into the memory', squash: 'sigmoid' },
  f: {
    name: 'forget gate',
    role: 'how much of the old memory c to keep: near 1 keeps, near 0 erases',
    squash: 'sigmoid',
  },
  g: { name: 'candidate', role: 'the new content that could be written, in (−1, 1)', squash: 'tanh' },
  o: { name: 'output gate', role: 'how much of the squashed memory to show as h', squash: 'sigmoid' },
  r: { name: 'reset gate', role: 'how much of the old state the candidate n may use', squash: 'sigmoid' },
  z: {
    name: 'update gate',
    role: 'how much of the old state to keep: near 1 copies h, near 0 replaces it by n',
    squash: 'sigmoid',
  },
  n: { name: 'new state (candidate)', role: 'the proposed new state, in (−1, 1)', squash: 'tanh' },
};

/** How one row of cells writes its symbols: plain for one layer, a layer superscript when stacked, an arrow when bidirectional. */
export interface RowNotation {
  /** The row's own quantities: gate letters, h, c. `decorate('h')` → `h`, `h^{(2)}` or `\overleftarrow{h}`. */
  decorate: (symbol: string) => string;
  /** The input symbol: `x`, or the layer below's `h^{(1)}`. */
  input: string;
  /** +1 when the row runs backwards (its previous step is t + 1), −1 otherwise. */
  previous: 1 | -1;
}

/** The notation of a row: layer (0-based), how many layers, and its direction. */
export function rowNotation(
  layer: number,
  numLayers: number,
  direction: 'forward' | 'reverse',
  bidirectional: boolean,
): RowNotation {
  const arrow = direction === 'reverse' ? '\\overleftarrow' : '\\overrightarrow';
  return {
    decorate: (s) => (bidirectional ? `${arrow}{${s}}` : numLayers > 1 ? `${s}^{(${layer + 1})}` : s),
    input: layer === 0 ? 'x' : `h^{(${layer})}`,
    previous: direction === 'reverse' ? 1 : -1,
  };
}

/** A number for TeX: fixed decimals, ASCII minus (typeset as a minus sign). */
export const texNum = (x: number, digits = 3): string => fmt(x, digits).replace('−', '-');

/** A column vector as a TeX bmatrix. */
export const texVector = (v: readonly number[], digits = 3): string =>
  `\\begin{bmatrix}${v.map((x) => texNum(x, digits)).join(' \\\\ ')}\\end{bmatrix}`;

const sub = (symbol: string, index: string | number): string => `${symbol}_{${index}}`;

/** The weight and bias names of a gate, as the chapter writes them: W_{if}, b_{if}, W_{hf}, b_{hf}. */
export const weightNames = (gate: GateName): { Wi: string; bi: string; Wh: string; bh: string } => ({
  Wi: `W_{i${gate}}`,
  bi: `b_{i${gate}}`,
  Wh: `W_{h${gate}}`,
  bh: `b_{h${gate}}`,
});

/** The index of the previous step in a row's notation: t − 1, or t + 1 for a backward row. */
export const previousIndex = (notation: RowNotation, t: number | string): string =>
  typeof t === 'number' ? String(t + notation.previous) : `${t}${notation.previous > 0 ? '+' : '-'}1`;

/**
 * The gate's equation with symbols only, e.g. i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi).
 * @param t the step index to write (a number, or 't')
 */
export function gateEquationTex(gate: GateName, notation: RowNotation, t: number | string = 't'): string {
  const { Wi, bi, Wh, bh } = weightNames(gate);
  const d = notation.decorate;
  const x = sub(notation.input, t);
  const hPrev = sub(d('h'), previousIndex(notation, t));
  const lhs = sub(d(gate), t);
  if (gate === 'n')
    return `${lhs} = \\tanh\\big(${Wi} ${x} + ${bi} + ${sub(d('r'), t)} \\odot (${Wh} ${hPrev} + ${bh})\\big)`;
  const f = GATE_INFO[gate].squash === 'tanh' ? '\\tanh' : '\\sigma';
  return `${lhs} = ${f}(${Wi} ${x} + ${bi} + ${Wh} ${hPrev} + ${bh})`;
}

/**
 * The gate's equation at step t (1-based) with every term's numbers, one line per stage:
 * the symbols, the four terms as vectors, then the argument and the activation.
 */
export function gateSubstitutedTex(terms: GateTerms, notation: RowNotation, t: number): string {
  const f = GATE_INFO[terms.gate].squash === 'tanh' ? '\\tanh' : '\\sigma';
  const [wx, bi, wh, bh] = [terms.wx, terms.bi, terms.wh, terms.bh].map((v) => texVector(v));
  const inner = terms.r
    ? `${wx} + ${bi} + ${texVector(terms.r)} \\odot \\left(${wh} + ${bh}\\right)`
    : `${wx} + ${bi} + ${wh} + ${bh}`;
  return [
    '\\begin{aligned}',
    `${gateEquationTex(terms.gate, notation, t).replace(' = ', ' &= ')} \\\\`,
    `&= ${f}\\left(${inner}\\right) \\\\`,
    `&= ${f}\\left(${texVector(terms.pre)}\\right) = ${texVector(terms.value)}`,
    '\\end{aligned}',
  ].join('\n');
}

/** The state update of step t (1-based) with its numbers: c_t and h_t for the LSTM, h_t for the GRU. */
export function stateUpdateTex(update: StateUpdate, notation: RowNotation, t: number): string {
  const d = notation.decorate;
  const at = (s: string, k: number | string = t): string => sub(d(s), k);
  const prev = previousIndex(notation, t);
  const v = (x: readonly number[]): string => texVector(x);
  if (update.lstm) {
    const u = update.lstm;
    return [
      '\\begin{aligned}',
      `${at('c')} &= ${at('f')} \\odot ${at('c', prev)} + ${at('i')} \\odot ${at('g')} = ${v(u.f)} \\odot ` +
        `${v(u.cPrev)} + ${v(u.i)} \\odot ${v(u.g)} = ${v(u.c)} \\\\`,
      `${at('h')} &= ${at('o')} \\odot \\tanh(${at('c')}) = ${v(u.o)} \\odot ${v(u.tanhC)} = ${v(u.h)}`,
      '\\end{aligned}',
    ].join('\n');
  }
  const u = update.gru!;
  return [
    '\\begin{aligned}',
    `${at('h')} &= (1 - ${at('z')}) \\odot ${at('n')} + ${at('z')} \\odot ${at('h', prev)} \\\\`,
    `&= \\left(1 - ${v(u.z)}\\right) \\odot ${v(u.n)} + ${v(u.z)} \\odot ${v(u.hPrev)} = ${v(u.h)}`,
    '\\end{aligned}',
  ].join('\n');
}

/** One line of plain-text arithmetic for each stage of one unit's gate value. */
export interface UnitArithmetic {
  unit: number;
  lines: string[];
}

const dotText = (row: readonly number[], v: readonly number[]): string =>
  row.map((w, k) => `${fmtFactor(w)}·${fmtFactor(v[k])}`).join(' + ');

/**
 * The gate value of every unit, written out as plain text from the weights (the rows of the gate's block of W_ih and W_hh).
 * @param Wi [H][inF] the gate's rows of W_ih; Wh [H][H] its rows of W_hh
 */
export function unitArithmetic(
  terms: GateTerms,
  Wi: readonly (readonly number[])[],
  Wh: readonly (readonly number[])[],
): UnitArithmetic[] {
  const { Wi: wiName, Wh: whName } = { Wi: `W_i${terms.gate}`, Wh: `W_h${terms.gate}` };
  const f = GATE_INFO[terms.gate].squash === 'tanh' ? 'tanh' : 'σ';
  return terms.value.map((value, j) => {
    const recurrent = terms.r
      ? `${fmtFactor(terms.r[j])}·(${fmt(terms.wh[j])} + ${fmtFactor(terms.bh[j])})`
      : `${fmt(terms.wh[j])} + ${fmtFactor(terms.bh[j])}`;
    return {
      unit: j + 1,
      lines: [
        `${wiName}·x = ${dotText(Wi[j], terms.x)} = ${fmt(terms.wx[j])}`,
        `${whName}·h = ${dotText(Wh[j], terms.hPrev)} = ${fmt(terms.wh[j])}`,
        `a = ${fmt(terms.wx[j])} + ${fmtFactor(terms.bi[j])} + ${recurrent} = ${fmt(terms.pre[j])}`,
        `${terms.gate} = ${f}(${fmt(terms.pre[j])}) = ${fmt(value)}`,
      ],
    };
  });
}
