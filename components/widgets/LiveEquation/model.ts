// The live-equation's numbers: the step-cell's toy RNN step for h_t, then the output y_t = softmax(W_hy h_t + b_y).
import { add, matmul, noGrad, softmax, tensor, type Tensor } from '../../../engine';
import { cellStep, STEP_CELL_WEIGHTS, type Activation } from '../StepCell/model';

export type { Activation };

/**
 * Weights: input size 2, hidden size 3, output size 3. The cell (W_xh, W_hh, b_h) is the step-cell widget's own
 * (chapter 2), imported, so h_1 here is the h_1 the reader computed there; W_hy and b_y are new, small and round.
 */
export const LIVE_WEIGHTS = {
  ...STEP_CELL_WEIGHTS,
  /** [3, 3] */
  Why: [
    [1, -0.5, 0.3],
    [-0.6, 0.8, 0.2],
    [0.2, 0.4, -0.9],
  ],
  /** [3] */
  by: [0.1, 0, -0.1],
} as const satisfies Record<string, readonly number[] | readonly (readonly number[])[]>;

/** Every number of one step; vectors have 3 entries except x (2). */
export interface EquationStep {
  x: number[];
  hPrev: number[];
  /** W_xh x_t */
  wxhX: number[];
  /** W_hh h_{t−1} */
  whhH: number[];
  bh: number[];
  /** a_t = W_xh x_t + W_hh h_{t−1} + b_h, the pre-activation */
  a: number[];
  /** h_t = f(a_t) */
  h: number[];
  /** W_hy h_t */
  whyH: number[];
  by: number[];
  /** z_t = W_hy h_t + b_y, the logits */
  z: number[];
  /** y_t = softmax(z_t) */
  y: number[];
}

const vec = (t: Tensor): number[] => Array.from(t.data);
const column = (v: readonly number[]): Tensor =>
  tensor(
    v.map((x) => [x]),
    { dtype: 'float64' },
  );
const Why = tensor(
  LIVE_WEIGHTS.Why.map((r) => [...r]),
  { dtype: 'float64' },
);
const by = column(LIVE_WEIGHTS.by);

/**
 * One step of the cell (the step-cell's `cellStep`) and its output.
 * @param x [2] input x_t
 * @param hPrev [3] previous state h_{t−1}
 */
export function equationStep(x: readonly number[], hPrev: readonly number[], activation: Activation): EquationStep {
  const cell = cellStep(x, hPrev, activation);
  return noGrad(() => {
    const whyH = matmul(Why, column(cell.h));
    const z = add(whyH, by);
    // softmax runs along the last dimension, so the column z [3, 1] is laid flat as [3] first.
    const y = softmax(tensor(vec(z), { dtype: 'float64' }));
    return { x: [...x], hPrev: [...hPrev], ...cell, whyH: vec(whyH), by: vec(by), z: vec(z), y: vec(y) };
  });
}

/**
 * Run the sequence from h_0 = 0, carrying h_t from each step into the next.
 * @param seq [T][2] inputs x_1..x_T
 * @returns T steps
 */
export function runSequence(seq: readonly (readonly number[])[], activation: Activation): EquationStep[] {
  const steps: EquationStep[] = [];
  let h = [0, 0, 0];
  for (const x of seq) {
    const step = equationStep(x, h, activation);
    steps.push(step);
    h = step.h;
  }
  return steps;
}
