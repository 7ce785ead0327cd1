// The live-equation widget's numbers, computed by the engine: one step of h_t = f(W_xh x_t + W_hh h_{t−1} + b_h)
// and y_t = softmax(W_hy h_t + b_y) with small fixed weights, every intermediate kept for the equation.
import { add, matmul, noGrad, relu, softmax, tanh, tensor, type Tensor } from '../../../engine';

/** The activation f of the hidden-state update. */
export type Activation = 'tanh' | 'relu';

/**
 * Weights: input size 2, hidden size 3, output size 3. W_xh, W_hh and b_h are the step-cell widget's (chapter 2),
 * so h_1 here is the h_1 the reader computed there; W_hy and b_y are new, small and round.
 */
export const LIVE_WEIGHTS = {
  /** [3, 2] */
  Wxh: [
    [0.5, -0.3],
    [0.8, 0.2],
    [-0.4, 0.6],
  ],
  /** [3, 3] */
  Whh: [
    [0.1, 0.4, -0.2],
    [-0.5, 0.3, 0.1],
    [0.2, -0.1, 0.5],
  ],
  /** [3] */
  bh: [0, 0.1, -0.1],
  /** [3, 3] */
  Why: [
    [1, -0.5, 0.3],
    [-0.6, 0.8, 0.2],
    [0.2, 0.4, -0.9],
  ],
  /** [3] */
  by: [0.1, 0, -0.1],
} as const satisfies Record<string, number[] | number[][]>;

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

const matrix = (rows: readonly (readonly number[])[]): Tensor =>
  tensor(
    rows.map((r) => [...r]),
    { dtype: 'float64' },
  );
const column = (v: readonly number[]): Tensor =>
  tensor(
    v.map((x) => [x]),
    { dtype: 'float64' },
  );
const vec = (t: Tensor): number[] => Array.from(t.data);
const W = {
  Wxh: matrix(LIVE_WEIGHTS.Wxh),
  Whh: matrix(LIVE_WEIGHTS.Whh),
  bh: column(LIVE_WEIGHTS.bh),
  Why: matrix(LIVE_WEIGHTS.Why),
  by: column(LIVE_WEIGHTS.by),
};

/**
 * One step of the cell and its output.
 * @param x [2] input x_t
 * @param hPrev [3] previous state h_{t−1}
 */
export function equationStep(x: readonly number[], hPrev: readonly number[], activation: Activation): EquationStep {
  return noGrad(() => {
    const wxhX = matmul(W.Wxh, column(x));
    const whhH = matmul(W.Whh, column(hPrev));
    const a = add(add(wxhX, whhH), W.bh);
    const h = activation === 'tanh' ? tanh(a) : relu(a);
    const whyH = matmul(W.Why, h);
    const z = add(whyH, W.by);
    // softmax runs along the last dimension, so the column z [3, 1] is laid flat as [3] first.
    const y = softmax(tensor(vec(z), { dtype: 'float64' }));
    return {
      x: [...x],
      hPrev: [...hPrev],
      wxhX: vec(wxhX),
      whhH: vec(whhH),
      bh: vec(W.bh),
      a: vec(a),
      h: vec(h),
      whyH: vec(whyH),
      by: vec(W.by),
      z: vec(z),
      y: vec(y),
    };
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
