// The bptt-stepper's numbers: a small character RNN run forward and backward by the engine (float64, traced),
// and the same backward pass redone one step at a time from the recurrence on the page, with engine ops.
import {
  add,
  crossEntropy,
  fromArray,
  Linear,
  matmul,
  mul,
  noGrad,
  reshape,
  RecurrentTrace,
  RNN,
  Rng,
  tensor,
  type Tensor,
} from '../../../engine';

/** Hidden size: three units, so every vector and matrix fits in the typeset equation. */
export const HIDDEN_SIZE = 3;

/** The character task: read `word[0..T−1]`, predict the next character at every step. */
export interface Task {
  word: string;
  /** The distinct letters of the word, sorted: the one-hot input and output alphabet. */
  vocab: string[];
  /** [T] index of x_t in vocab. */
  inputs: number[];
  /** [T] index of the target y_t (the next character) in vocab. */
  targets: number[];
}

/** Builds the next-character task of a word (at least two characters). */
export function makeTask(word: string): Task {
  const vocab = [...new Set(word)].sort();
  const index = (ch: string): number => vocab.indexOf(ch);
  const chars = [...word];
  return {
    word,
    vocab,
    inputs: chars.slice(0, -1).map(index),
    targets: chars.slice(1).map(index),
  };
}

/** The weights as plain arrays (b_h = b_ih + b_hh, as the page writes one bias). */
export interface Weights {
  /** [H, V] */
  Wxh: number[][];
  /** [H, H] */
  Whh: number[][];
  /** [H] */
  bh: number[];
  /** [V, H] */
  Why: number[][];
  /** [V] */
  by: number[];
}

/** One step of the backward sweep, as the recurrence on the page computes it. */
export interface BackwardStep {
  /** 1-based time step. */
  t: number;
  /** [V] ŷ_t − y_t, the gradient of L_t at the logits. */
  err: number[];
  /** [H] W_hyᵀ(ŷ_t − y_t) = ∂L_t/∂h_t. */
  local: number[];
  /** [H] 1 − h_{t+1}², the tanh slopes of the next step (zeros at t = T, where there is no next step). */
  slopeNext: number[];
  /** [H] δ_{t+1} (zeros at t = T). */
  deltaNext: number[];
  /** [H] W_hhᵀ((1 − h_{t+1}²) ⊙ δ_{t+1}), what step t+1 sends back. */
  carried: number[];
  /** [H] δ_t = local + carried. */
  delta: number[];
  /** [H] (1 − h_t²) ⊙ δ_t, the gradient at step t's pre-activation. */
  dA: number[];
  /** [H, H] step t's term of ∂L/∂W_hh: dA h_{t−1}ᵀ. */
  term: number[][];
  /** [H, H] the running total Σ_{s ≥ t} term_s. */
  total: number[][];
}

/** A full forward pass and its backward sweep, with the engine's own gradient beside the stepper's. */
export interface BpttRun {
  task: Task;
  weights: Weights;
  /** [T + 1, H] h_0 … h_T. */
  h: number[][];
  /** [T, V] softmax(W_hy h_t + b_y). */
  probs: number[][];
  /** L = Σ_t L_t, cross-entropy summed over steps. */
  loss: number;
  /** The sweep, indexed by t − 1 (steps[T − 1] is computed first). */
  steps: BackwardStep[];
  /** What the engine's autodiff found. */
  engine: {
    /** [H, H] weight_hh_l0.grad. */
    gradWhh: number[][];
    /** [T, H] the trace's ∂L/∂h_t. */
    gradH: number[][];
    /** [T, H, H] the trace's per-step terms of ∂L/∂W_hh. */
    terms: number[][][];
  };
}

/** The model: an engine RNN and readout, float64, initialised from `seed` as PyTorch would. */
export interface Model {
  task: Task;
  rnn: RNN;
  readout: Linear;
}

/** Builds the model for a word: RNN(V, 3) and Linear(3, V), both drawn from Rng(seed). */
export function makeModel(word: string, seed: number): Model {
  const task = makeTask(word);
  const rng = new Rng(seed);
  const V = task.vocab.length;
  const rnn = new RNN(V, HIDDEN_SIZE, { rng, dtype: 'float64' });
  const readout = new Linear(HIDDEN_SIZE, V, { rng, dtype: 'float64' });
  return { task, rnn, readout };
}

/** [T, 1, V] one-hot inputs. */
function oneHot(task: Task): Tensor {
  const V = task.vocab.length;
  const data = new Float64Array(task.inputs.length * V);
  task.inputs.forEach((k, t) => {
    data[t * V + k] = 1;
  });
  return fromArray(data, [task.inputs.length, 1, V]);
}

/** Forward pass to the loss L = Σ_t CE(W_hy h_t + b_y, target_t) (summed, so δ_t carries no 1/T). */
function lossOf(model: Model, trace: RecurrentTrace | null): { loss: Tensor; output: Tensor; logits: Tensor } {
  const { task, rnn, readout } = model;
  const { output } = rnn.forward(oneHot(task), { trace });
  const logits = readout.forward(reshape(output, [task.inputs.length, HIDDEN_SIZE]));
  return { loss: crossEntropy(logits, task.targets, { reduction: 'sum' }), output, logits };
}

const rows = (data: ArrayLike<number>, r: number, c: number, offset = 0): number[][] =>
  Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => data[offset + i * c + j]));
const vec = (t: Tensor): number[] => Array.from(t.data);
const col = (v: readonly number[]): Tensor => fromArray(Float64Array.from(v), [v.length, 1]);

/** The model's weights as plain arrays. */
export function weightsOf(model: Model): Weights {
  const p = model.rnn.cells[0][0];
  const H = HIDDEN_SIZE;
  const V = model.task.vocab.length;
  const bias = (b: Tensor | null): number[] => (b === null ? new Array<number>(H).fill(0) : vec(b));
  const bih = bias(p.biasIH);
  const bhh = bias(p.biasHH);
  return {
    Wxh: rows(p.weightIH.data, H, V),
    Whh: rows(p.weightHH.data, H, H),
    bh: bih.map((b, i) => b + bhh[i]),
    Why: rows(model.readout.weight.data, V, H),
    by: model.readout.bias === null ? new Array<number>(V).fill(0) : vec(model.readout.bias),
  };
}

/**
 * Runs the engine forward and backward, then redoes the backward sweep with the recurrence
 * δ_t = W_hyᵀ(ŷ_t − y_t) + W_hhᵀ((1 − h_{t+1}²) ⊙ δ_{t+1}) and ∂L/∂W_hh += ((1 − h_t²) ⊙ δ_t) h_{t−1}ᵀ.
 */
export function runBptt(model: Model): BpttRun {
  const { task, rnn, readout } = model;
  const T = task.inputs.length;
  const H = HIDDEN_SIZE;
  const V = task.vocab.length;
  for (const p of [...rnn.parameters(), ...readout.parameters()]) p.grad = null;
  const trace = new RecurrentTrace();
  const { loss, logits } = lossOf(model, trace);
  loss.backward();
  const d = trace.at(0);
  const hAll = [vec(d.h0()).slice(0, H), ...rows(d.h().data, T, H)];
  const logitRows = rows(logits.data, T, V);
  const probs = logitRows.map((z) => {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
  const weights = weightsOf(model);
  const gradWhh = rows(rnn.cells[0][0].weightHH.grad as ArrayLike<number>, H, H);
  const termData = d.weightHHGradTerms().data;
  const engine = {
    gradWhh,
    gradH: rows(d.gradH().data, T, H),
    terms: Array.from({ length: T }, (_, t) => rows(termData, H, H, t * H * H)),
  };

  const steps = noGrad(() => {
    const Why = tensor(weights.Why, { dtype: 'float64' });
    const Whh = tensor(weights.Whh, { dtype: 'float64' });
    const out = new Array<BackwardStep>(T);
    let deltaNext = new Array<number>(H).fill(0);
    let slopeNext = new Array<number>(H).fill(0);
    let total = rows(new Float64Array(H * H), H, H);
    for (let t = T; t >= 1; t--) {
      const err = probs[t - 1].map((p, k) => p - (k === task.targets[t - 1] ? 1 : 0));
      const local = vec(matmul(Why, col(err), { transposeA: true }));
      // Step t+1 sends back W_hhᵀ((1 − h_{t+1}²) ⊙ δ_{t+1}); nothing at t = T.
      const carried = vec(matmul(Whh, mul(col(slopeNext), col(deltaNext)), { transposeA: true }));
      const delta = vec(add(col(local), col(carried)));
      const slope = hAll[t].map((v) => 1 - v * v);
      const dA = vec(mul(col(slope), col(delta)));
      const term = rows(matmul(col(dA), col(hAll[t - 1]), { transposeB: true }).data, H, H);
      total = rows(add(tensor(total, { dtype: 'float64' }), tensor(term, { dtype: 'float64' })).data, H, H);
      out[t - 1] = { t, err, local, slopeNext, deltaNext, carried, delta, dA, term, total };
      deltaNext = delta;
      slopeNext = slope;
    }
    return out;
  });
  return { task, weights, h: hAll, probs, loss: loss.item(), steps, engine };
}

/** Largest |a − b| over two matrices of the same shape. */
export function maxAbsDiff(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let m = 0;
  a.forEach((row, i) =>
    row.forEach((v, j) => {
      m = Math.max(m, Math.abs(v - b[i][j]));
    }),
  );
  return m;
}

/** Central differences of L with respect to each entry of W_hh, and their agreement with a gradient. */
export interface FiniteDifferenceCheck {
  eps: number;
  /** [H, H] (L(W + εE_ij) − L(W − εE_ij)) / 2ε. */
  numeric: number[][];
  /** [H, H] |analytic − numeric| / max(|analytic|, |numeric|, 1e-12). */
  relError: number[][];
  maxRelError: number;
}

/**
 * Perturbs each W_hh entry in place by ±ε (float64), recomputes the loss without a graph, restores it.
 * @param analytic [H, H] the gradient to compare with
 */
export function finiteDifferences(
  model: Model,
  analytic: readonly (readonly number[])[],
  eps = 1e-6,
): FiniteDifferenceCheck {
  const W = model.rnn.cells[0][0].weightHH.data;
  const H = HIDDEN_SIZE;
  const lossAt = (): number => noGrad(() => lossOf(model, null).loss.item());
  const numeric = rows(new Float64Array(H * H), H, H);
  const relError = rows(new Float64Array(H * H), H, H);
  let maxRelError = 0;
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < H; j++) {
      const k = i * H + j;
      const w = W[k];
      W[k] = w + eps;
      const up = lossAt();
      W[k] = w - eps;
      const down = lossAt();
      W[k] = w;
      const n = (up - down) / (2 * eps);
      const a = analytic[i][j];
      numeric[i][j] = n;
      relError[i][j] = Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1e-12);
      maxRelError = Math.max(maxRelError, relError[i][j]);
    }
  }
  return { eps, numeric, relError, maxRelError };
}
