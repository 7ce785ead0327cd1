// TeX for the bptt-stepper: the backward recurrence and the weight-gradient term of one step, symbols first, then with the live numbers.
import { fmt } from '../../lib/format';
import type { BackwardStep } from './model';

/** A number for TeX: `digits` decimals, ASCII minus (typeset as a minus sign), no negative zero. */
export function texNumber(x: number, digits = 3): string {
  return fmt(x, digits).replace('−', '-').replace('∞', '\\infty');
}

/** A column vector. @param v [n] */
export function texColumn(v: readonly number[], digits = 3): string {
  return `\\begin{bmatrix}${v.map((x) => texNumber(x, digits)).join('\\\\')}\\end{bmatrix}`;
}

/** A matrix, row by row. @param m [rows, cols] */
export function texMatrix(m: readonly (readonly number[])[], digits = 3): string {
  return `\\begin{bmatrix}${m.map((row) => row.map((x) => texNumber(x, digits)).join(' & ')).join('\\\\')}\\end{bmatrix}`;
}

const transpose = (m: readonly (readonly number[])[]): number[][] => m[0].map((_, j) => m.map((row) => row[j]));

/**
 * δ_t = W_hyᵀ(ŷ_t − y_t) + W_hhᵀ((1 − h_{t+1}²) ⊙ δ_{t+1}) for one step: the symbols, the numbers substituted,
 * the two terms, and δ_t. At t = T there is no step after, so only the first term appears.
 * @param Why [V, H]
 * @param Whh [H, H]
 */
export function deltaTex(
  step: BackwardStep,
  T: number,
  Why: readonly (readonly number[])[],
  Whh: readonly (readonly number[])[],
): string {
  const { t } = step;
  const local = `W_{hy}^{\\top}(\\hat y_{${t}} - y_{${t}})`;
  const lines = [];
  if (t === T) {
    lines.push(`\\delta_{${t}} &= ${local} \\quad\\text{(no step after } T = ${T}\\text{)}`);
    lines.push(`&= ${texMatrix(transpose(Why))}${texColumn(step.err)}`);
  } else {
    lines.push(`\\delta_{${t}} &= ${local} + W_{hh}^{\\top}\\big((1 - h_{${t + 1}}^2) \\odot \\delta_{${t + 1}}\\big)`);
    lines.push(`&= ${texMatrix(transpose(Why))}${texColumn(step.err)}`);
    lines.push(
      `&\\quad + ${texMatrix(transpose(Whh))}\\left(${texColumn(step.slopeNext)} \\odot ${texColumn(step.deltaNext)}\\right)`,
    );
    lines.push(`&= ${texColumn(step.local)} + ${texColumn(step.carried)}`);
  }
  lines.push(`&= ${texColumn(step.delta)}`);
  return `\\begin{aligned}${lines.join('\\\\[4pt]')}\\end{aligned}`;
}

/**
 * Step t's term of the weight gradient, ((1 − h_t²) ⊙ δ_t) h_{t−1}ᵀ, with its numbers.
 * @param hPrev [H] h_{t−1}
 */
export function termTex(step: BackwardStep, hPrev: readonly number[]): string {
  const { t } = step;
  return [
    `\\begin{aligned}\\Delta_{${t}} &= \\big((1 - h_{${t}}^2) \\odot \\delta_{${t}}\\big)\\, h_{${t - 1}}^{\\top}`,
    `&= ${texColumn(step.dA)}${texMatrix([hPrev])}`,
    `&= ${texMatrix(step.term)}\\end{aligned}`,
  ].join('\\\\[4pt]');
}
