// The course's toy RNN (chapters 2 and 3), computed by the engine: one vanilla RNN step with small fixed weights.
import { add, matmul, noGrad, relu, tanh, tensor, type Tensor } from '../../../engine';

/** The activation f of the hidden-state update: tanh (chapter 2), or ReLU (chapter 3's alternative). */
export type Activation = 'tanh' | 'relu';

/**
 * The toy RNN's weights (input size 2, hidden size 3), chosen small and round so a step can be checked by hand.
 * The live-equation widget (chapter 3) runs the same cell, so its h_t is the h_t the reader computed here.
 */
export const STEP_CELL_WEIGHTS = {
  /** [3, 2] input-to-hidden weights. */
  Wxh: [
    [0.5, -0.3],
    [0.8, 0.2],
    [-0.4, 0.6],
  ],
  /** [3, 3] hidden-to-hidden weights. */
  Whh: [
    [0.1, 0.4, -0.2],
    [-0.5, 0.3, 0.1],
    [0.2, -0.1, 0.5],
  ],
  /** [3] bias. */
  bh: [0, 0.1, -0.1],
} as const satisfies { Wxh: number[][]; Whh: number[][]; bh: number[] };

/** Every intermediate of h_t = f(W_xh x_t + W_hh h_{t-1} + b_h); each a vector of the 3 hidden units. */
export interface CellStep {
  wxhX: number[];
  whhH: number[];
  bh: number[];
  /** Pre-activation a_t = W_xh x_t + W_hh h_{t-1} + b_h. */
  a: number[];
  /** New hidden state h_t = f(a_t). */
  h: number[];
}

const column = (v: readonly number[]): Tensor =>
  tensor(
    v.map((x) => [x]),
    { dtype: 'float64' },
  );
const vec = (t: Tensor): number[] => Array.from(t.data);
const Wxh = tensor(
  STEP_CELL_WEIGHTS.Wxh.map((row) => [...row]),
  { dtype: 'float64' },
);
const Whh = tensor(
  STEP_CELL_WEIGHTS.Whh.map((row) => [...row]),
  { dtype: 'float64' },
);
const bh = column(STEP_CELL_WEIGHTS.bh);

/**
 * One step of the cell.
 * @param x [2] input x_t
 * @param hPrev [3] previous state h_{t-1}
 * @param activation f, tanh unless given
 */
export function cellStep(x: readonly number[], hPrev: readonly number[], activation: Activation = 'tanh'): CellStep {
  return noGrad(() => {
    const wxhX = matmul(Wxh, column(x));
    const whhH = matmul(Whh, column(hPrev));
    const a = add(add(wxhX, whhH), bh);
    const h = activation === 'tanh' ? tanh(a) : relu(a);
    return { wxhX: vec(wxhX), whhH: vec(whhH), bh: vec(bh), a: vec(a), h: vec(h) };
  });
}

/**
 * The state carried into step `steps + 1`: h_0 = 0 run through x_1..x_steps.
 * @param seq [T][2] the input sequence
 * @returns [3] h_steps
 */
export function carriedState(
  seq: readonly (readonly number[])[],
  steps: number,
  activation: Activation = 'tanh',
): number[] {
  let h = [0, 0, 0];
  for (let t = 0; t < steps; t++) h = cellStep(seq[t], h, activation).h;
  return h;
}

/** A tanh unit counts as saturated once |h| ≥ 0.99 (|a| ≥ 2.65): there its slope 1 − h² is below 0.02. */
export const SATURATION = 0.99;

/** Whether a tanh unit with value `h` sits on the flat part of the curve (see SATURATION). */
export function isSaturated(h: number): boolean {
  return Math.abs(h) >= SATURATION;
}
