// The gradient lab's numbers: an RNN (tanh, ReLU or linear), an LSTM and a GRU read the same seeded sequence;
// a loss at the last step is back-propagated and the engine's trace gives ‖∂L/∂h_t‖ and ‖∂h_T/∂h_t‖ for every t.
import {
  add,
  CELL_TYPES,
  fromArray,
  GRU,
  Linear,
  LSTM,
  matmul,
  mseLoss,
  noGrad,
  RecurrentTrace,
  reshape,
  RNN,
  Rng,
  select,
  tensor,
  type CellType,
  type RecurrentBase,
  type Tensor,
} from '../../../engine';
import { withSpectralRadius, type Complex } from './eigen';

/** Hidden units of every cell. */
export const HIDDEN_SIZE = 8;
/** Features of each input x_t. */
export const INPUT_SIZE = 4;
/** The longest sequence the lab runs. */
export const MAX_SEQ_LEN = 200;
/** Standard deviation of the inputs: enough to move the gates, small enough that tanh does not sit saturated. */
export const INPUT_STD = 0.5;

export type Activation = 'tanh' | 'relu' | 'linear';
/** The cells the lab compares: all of the engine's cell types. */
export type CellKind = CellType;
export const CELL_KINDS: readonly CellKind[] = CELL_TYPES;

/** What the reader sets. */
export interface LabSettings {
  /** Spectral radius ρ(W_hh) (each gate block's, for the LSTM and GRU). */
  rho: number;
  /** The RNN's nonlinearity. */
  activation: Activation;
  /** Sequence length T, 1..MAX_SEQ_LEN. */
  seqLen: number;
  /** Seed of W_hh's direction, the other weights and the inputs. */
  seed: number;
  /** Bias of the gate that keeps memory: the LSTM's forget gate f, the GRU's update gate z. */
  gateBias: number;
}

/** A seeded random H×H matrix with N(0, 1/H) entries: the direction that ρ rescales. */
export function baseMatrix(seed: number, size = HIDDEN_SIZE): number[][] {
  const rng = new Rng(seed * 7919 + 1);
  const std = 1 / Math.sqrt(size);
  return Array.from({ length: size }, () => Array.from({ length: size }, () => rng.normal(0, std)));
}

/** W_hh with spectral radius `rho`, and its eigenvalues. */
export function recurrentMatrix(seed: number, rho: number): { W: number[][]; eigenvalues: Complex[] } {
  const { matrix, eigenvalues } = withSpectralRadius(baseMatrix(seed), rho);
  return { W: matrix, eigenvalues };
}

/**
 * The input sequence x_1..x_T, N(0, INPUT_STD²) entries from a seeded stream, so a longer sequence extends a shorter one.
 * @returns [T, 1, INPUT_SIZE]
 */
export function inputSequence(seed: number, seqLen: number): Tensor {
  const rng = new Rng(seed * 104729 + 3);
  const data = new Float64Array(seqLen * INPUT_SIZE);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal(0, INPUT_STD);
  return fromArray(data, [seqLen, 1, INPUT_SIZE]);
}

/** A cell's gradient profile; arrays are indexed by t − 1. */
export interface CellGradients {
  kind: CellKind;
  /** ‖∂L/∂h_t‖₂ for t = 1..T (from the engine's trace). */
  gradH: Float64Array;
  /** ‖∂h_T/∂h_t‖_F for t = 1..T (the trace's Jacobian norms; √H at t = T). */
  jacobian: Float64Array;
  /** L = (W_hy h_T + b_y − 1)². */
  loss: number;
  /** ‖g‖₂, the norm of all parameter gradients together (what clip_grad_norm_ measures). */
  gradNorm: number;
}

/** A cell ready to run: its recurrent module (null for the linear RNN, which the engine's RNN has no mode for) and readout. */
interface Cell {
  kind: CellKind;
  activation: Activation;
  recurrent: RecurrentBase | null;
  /** The linear RNN's weights, [H, INPUT] W_ih, [H, H] W_hh, [H] b_h. */
  linearWeights: { Wih: Tensor; Whh: Tensor; bh: Tensor } | null;
  readout: Linear;
  inputs: Tensor;
}

/** Builds one cell for the settings: PyTorch's initialisation from the seed, then W_hh's gate blocks set to ρ-scaled W and the memory gate's bias set. */
function makeCell(
  kind: CellKind,
  s: LabSettings,
  Whh: readonly (readonly number[])[] = recurrentMatrix(s.seed, s.rho).W,
): Cell {
  const rng = new Rng(s.seed * 31 + CELL_KINDS.indexOf(kind));
  const opts = { rng, dtype: 'float64' as const };
  const W = Whh.flat();
  const inputs = inputSequence(s.seed, s.seqLen);
  const H = HIDDEN_SIZE;
  if (kind === 'rnn' && s.activation === 'linear') {
    const base = new RNN(INPUT_SIZE, H, opts);
    const p = base.cells[0][0];
    const bh = (p.biasIH as Tensor).data.map((b, i) => b + (p.biasHH as Tensor).data[i]);
    const readout = new Linear(H, 1, opts);
    const req = (t: Tensor): Tensor => {
      t.requiresGrad = true;
      return t;
    };
    return {
      kind,
      activation: 'linear',
      recurrent: null,
      linearWeights: {
        Wih: req(p.weightIH.clone()),
        Whh: req(fromArray(Float64Array.from(W), [H, H])),
        bh: req(fromArray(Float64Array.from(bh), [H])),
      },
      readout,
      inputs,
    };
  }
  const recurrent: RecurrentBase =
    kind === 'lstm'
      ? new LSTM(INPUT_SIZE, H, opts)
      : kind === 'gru'
        ? new GRU(INPUT_SIZE, H, opts)
        : new RNN(INPUT_SIZE, H, { ...opts, nonlinearity: s.activation === 'relu' ? 'relu' : 'tanh' });
  const p = recurrent.cells[0][0];
  const gates = kind === 'lstm' ? 4 : kind === 'gru' ? 3 : 1;
  for (let g = 0; g < gates; g++) p.weightHH.data.set(W, g * H * H);
  // The memory gate's bias: LSTM f is block 1 of i f g o, GRU z is block 1 of r z n.
  if (kind !== 'rnn') {
    (p.biasIH as Tensor).data.fill(s.gateBias, H, 2 * H);
    (p.biasHH as Tensor).data.fill(0, H, 2 * H);
  }
  return { kind, activation: s.activation, recurrent, linearWeights: null, readout: new Linear(H, 1, opts), inputs };
}

const target = fromArray(Float64Array.of(1), [1, 1]);

/** The loss at the last step, L = (W_hy h_T + b_y − 1)². @param hT [1, H] */
function lossAt(cell: Cell, hT: Tensor): Tensor {
  return mseLoss(cell.readout.forward(hT), target);
}

/** Runs the linear RNN h_t = W_ih x_t + W_hh h_{t−1} + b_h from `h0`, over inputs[from..]; returns every h_t as [1, H]. */
function linearStates(cell: Cell, h0: Tensor, from: number): Tensor[] {
  const { Wih, Whh, bh } = cell.linearWeights as NonNullable<Cell['linearWeights']>;
  const T = cell.inputs.shape[0];
  const hs: Tensor[] = [];
  let h = h0;
  for (let t = from; t < T; t++) {
    const x = select(cell.inputs, 0, t); // [1, INPUT]
    h = add(add(matmul(x, Wih, { transposeB: true }), matmul(h, Whh, { transposeB: true })), bh);
    hs.push(h);
  }
  return hs;
}

const norm2 = (v: ArrayLike<number>, from = 0, to = v.length): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += v[i] ** 2;
  return Math.sqrt(s);
};

function parametersOf(cell: Cell): Tensor[] {
  const rec = cell.recurrent
    ? cell.recurrent.parameters()
    : Object.values(cell.linearWeights as NonNullable<Cell['linearWeights']>);
  return [...rec, ...cell.readout.parameters()];
}

/** Forward, backward, and the gradient profile of one cell. */
function profile(cell: Cell): CellGradients {
  const T = cell.inputs.shape[0];
  const H = HIDDEN_SIZE;
  const params = parametersOf(cell);
  for (const p of params) p.grad = null;
  const gradH = new Float64Array(T);
  let jacobian: Float64Array;
  let loss: Tensor;
  if (cell.recurrent) {
    const trace = new RecurrentTrace();
    const { output } = (cell.recurrent as RNN).forward(cell.inputs, { trace });
    loss = lossAt(cell, select(output, 0, T - 1));
    loss.backward();
    const d = trace.at(0);
    const dh = d.gradH().data;
    for (let t = 0; t < T; t++) gradH[t] = norm2(dh, t * H, (t + 1) * H);
    jacobian = d.jacobianNorms(T - 1, 0);
  } else {
    const hs = linearStates(cell, fromArray(new Float64Array(H), [1, H]), 0);
    loss = lossAt(cell, hs[T - 1]);
    loss.backward();
    hs.forEach((h, t) => {
      gradH[t] = norm2(h.grad as ArrayLike<number>);
    });
    // ∂h_T/∂h_t = W_hh^(T−t) for the linear cell.
    jacobian = new Float64Array(T);
    noGrad(() => {
      const W = (cell.linearWeights as NonNullable<Cell['linearWeights']>).Whh.detach();
      let P = tensor(
        Array.from({ length: H }, (_, i) => Array.from({ length: H }, (_, j) => (i === j ? 1 : 0))),
        { dtype: 'float64' },
      );
      for (let t = T - 1; t >= 0; t--) {
        jacobian[t] = norm2(P.data);
        P = matmul(P, W);
      }
    });
  }
  let g = 0;
  for (const p of params) if (p.grad) g += norm2(p.grad) ** 2;
  return { kind: cell.kind, gradH, jacobian, loss: loss.item(), gradNorm: Math.sqrt(g) };
}

/** Everything the lab shows for one setting. */
export interface LabResult {
  settings: LabSettings;
  /** [H] eigenvalues of W_hh. */
  eigenvalues: Complex[];
  /** The profile of each cell. */
  cells: Record<CellKind, CellGradients>;
}

/** Whether a cell's numbers differ between two settings: the RNN ignores the gate bias, the gated cells the activation. */
function cellChanged(kind: CellKind, a: LabSettings, b: LabSettings): boolean {
  if (a.rho !== b.rho || a.seqLen !== b.seqLen || a.seed !== b.seed) return true;
  return kind === 'rnn' ? a.activation !== b.activation : a.gateBias !== b.gateBias;
}

/**
 * Runs the three cells for the settings (float64, one forward and backward pass each).
 * @param previous an earlier result whose cells are reused where the settings that matter to them are unchanged
 */
export function runLab(settings: LabSettings, previous: LabResult | null = null): LabResult {
  const { W, eigenvalues: eig } = recurrentMatrix(settings.seed, settings.rho);
  const cells = Object.fromEntries(
    CELL_KINDS.map((kind) => [
      kind,
      previous !== null && !cellChanged(kind, previous.settings, settings)
        ? previous.cells[kind]
        : profile(makeCell(kind, settings, W)),
    ]),
  ) as Record<CellKind, CellGradients>;
  return { settings: { ...settings }, eigenvalues: eig, cells };
}

/**
 * ∂L/∂h_t by central differences, independent of autodiff: perturb each unit of h_t (keeping c_t for the
 * LSTM), run the rest of the sequence forward without a graph, and difference the losses.
 * @param t 1-based step
 * @returns [H]
 */
export function finiteDifferenceGradH(kind: CellKind, settings: LabSettings, t: number, eps = 1e-6): number[] {
  const cell = makeCell(kind, settings);
  const T = settings.seqLen;
  const H = HIDDEN_SIZE;
  if (!Number.isInteger(t) || t < 1 || t > T) throw new Error(`finiteDifferenceGradH: t = ${t} outside [1, ${T}]`);
  return noGrad(() => {
    // The states at t from one forward pass.
    let ht: Float64Array;
    let ct: Float64Array | null = null;
    if (cell.recurrent) {
      const trace = new RecurrentTrace();
      (cell.recurrent as RNN).forward(cell.inputs, { trace });
      ht = Float64Array.from(
        trace
          .at(0)
          .h()
          .data.subarray((t - 1) * H, t * H),
      );
      if (kind === 'lstm')
        ct = Float64Array.from(
          trace
            .at(0)
            .c()
            .data.subarray((t - 1) * H, t * H),
        );
    } else {
      ht = Float64Array.from(linearStates(cell, fromArray(new Float64Array(H), [1, H]), 0)[t - 1].data);
    }
    const tail = t < T ? reshape(cell.inputs, [T, 1, INPUT_SIZE]) : null;
    const lossFrom = (h: Float64Array): number => {
      const h0 = fromArray(Float64Array.from(h), [1, H]);
      if (t === T || tail === null) return lossAt(cell, h0).item();
      if (!cell.recurrent) {
        const hs = linearStates(cell, h0, t);
        return lossAt(cell, hs[hs.length - 1]).item();
      }
      const rest = fromArray(tail.data.slice(t * INPUT_SIZE), [T - t, 1, INPUT_SIZE]);
      const state = fromArray(Float64Array.from(h), [1, 1, H]);
      const c0 = ct === null ? null : fromArray(Float64Array.from(ct), [1, 1, H]);
      const { output } = (cell.recurrent as LSTM).forward(rest, { h0: state, c0 });
      return lossAt(cell, select(output, 0, T - t - 1)).item();
    };
    return Array.from({ length: H }, (_, i) => {
      const up = Float64Array.from(ht);
      up[i] += eps;
      const down = Float64Array.from(ht);
      down[i] -= eps;
      return (lossFrom(up) - lossFrom(down)) / (2 * eps);
    });
  });
}

/** What gradient-norm clipping at τ does to a gradient of norm ‖g‖ (PyTorch's clip_grad_norm_, 1e-6 included). */
export interface ClipEffect {
  norm: number;
  tau: number;
  /** min(1, τ / (‖g‖ + 1e-6)): every gradient, and every δ_t, is multiplied by it. */
  factor: number;
  clippedNorm: number;
  clipped: boolean;
}

/** The effect of clipping a gradient of norm `norm` at threshold `tau`. */
export function clipEffect(norm: number, tau: number): ClipEffect {
  const coef = tau / (norm + 1e-6);
  const factor = coef < 1 ? coef : 1;
  return { norm, tau, factor, clippedNorm: norm * factor, clipped: coef < 1 };
}
