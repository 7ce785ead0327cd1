// The gate-inspector's numbers, from the engine: the trained LSTM/GRU (weights.json) run forward with a
// RecurrentTrace, shaped per row (layer × direction) for the page, and one gate's equation term by term.
import {
  add,
  fromArray,
  GATES,
  loadStateDict,
  matmul,
  mul,
  narrow,
  noGrad,
  RecurrentTrace,
  sigmoid,
  sub,
  tanh,
  type GateName,
  type Tensor,
} from '../../../engine';
import { encodeSteps, INPUT_SIZE, targets, type Step } from './task';
import {
  buildNetwork,
  configKey,
  HIDDEN_SIZE,
  targetKind,
  type CellKind,
  type Network,
  type NetworkConfig,
  type TrainedNetwork,
} from './train';
import weights from './weights.json';

/** A trained network's stored form, as weights.json holds it. */
const stored = weights as unknown as Record<string, TrainedNetwork>;

/** One layer's parameters in one direction, for one gate or all, as plain rows. */
export interface RowWeights {
  /** [G·H, inF] W_ih (PyTorch `weight_ih_l{k}[_reverse]`), gates stacked in PyTorch's order. */
  weightIH: number[][];
  /** [G·H, H] W_hh. */
  weightHH: number[][];
  /** [G·H] b_ih. */
  biasIH: number[];
  /** [G·H] b_hh. */
  biasHH: number[];
}

/** What one recurrent layer in one direction did over the sequence: a row of cells in the widget. */
export interface RowTrace {
  /** 0-based layer. */
  layer: number;
  direction: 'forward' | 'reverse';
  /** The PyTorch suffix of its parameters, e.g. `l0`, `l0_reverse`. */
  suffix: string;
  /** [T][inF] what the row reads at each step: x_t for layer 0, the layer below's h_t above it. */
  x: number[][];
  /** [H] the state before the first step it reads (zeros). */
  h0: number[];
  /** [T][H] h_t, indexed by the input's time t (the reverse row reads t = T first). */
  h: number[][];
  /** [T][H] c_t (LSTM), null for the GRU. */
  c: number[][] | null;
  /** [T][H] each gate's activation, indexed by t. */
  gates: Partial<Record<GateName, number[][]>>;
  weights: RowWeights;
}

/** One forward pass of a network over the reader's sequence, every row traced. */
export interface Inspection {
  config: NetworkConfig;
  T: number;
  /** [T][2] the inputs x_t = [value, mark]. */
  x: number[][];
  /** Rows in the order layer 0 forward, (layer 0 reverse), layer 1 forward, … */
  rows: RowTrace[];
  /** [T] the readout ŷ_t = W_y h_t + b_y of the top layer (both directions concatenated). */
  yhat: number[];
  /** [T] what the network was trained to report (task.ts). */
  target: number[];
}

const networks = new Map<string, Network>();

/** The trained network of a config, built and loaded once. */
export function network(config: NetworkConfig): Network {
  const key = configKey(config);
  let net = networks.get(key);
  if (net === undefined) {
    const trained = stored[key];
    if (trained === undefined) throw new Error(`gate-inspector: no trained weights for ${key}`);
    net = buildNetwork(config);
    loadStateDict(net.rnn, trained.rnn, { label: `gate-inspector weights ${key}.rnn` });
    loadStateDict(net.fc, trained.fc, { label: `gate-inspector weights ${key}.fc` });
    net.rnn.eval();
    networks.set(key, net);
  }
  return net;
}

/** How a config's network was trained, for the prose and the widget's footnote. */
export function trainingInfo(config: NetworkConfig): { steps: number; finalLoss: number } {
  const trained = stored[configKey(config)];
  return { steps: trained.steps, finalLoss: trained.finalLoss };
}

/** The gate names of a cell, in PyTorch's weight order (i f g o; r z n). */
export const gatesOf = (cell: CellKind): readonly GateName[] => GATES[cell];

const rows2d = (data: ArrayLike<number>, width: number): number[][] =>
  Array.from({ length: data.length / width }, (_, r) => Array.from({ length: width }, (_, c) => data[r * width + c]));

const plain = (t: Tensor | null): number[][] => (t === null ? [] : rows2d(t.data, t.shape[t.shape.length - 1]));

/**
 * Run the config's network over `steps` from zero states, with a trace: one forward pass, no gradient.
 * @param steps T ≥ 1 input steps
 */
export function inspect(steps: readonly Step[], config: NetworkConfig): Inspection {
  const net = network(config);
  const T = steps.length;
  const D = config.bidirectional ? 2 : 1;
  return noGrad(() => {
    const trace = new RecurrentTrace();
    const input = fromArray(Float64Array.from(encodeSteps(steps)), [T, INPUT_SIZE], { dtype: 'float64' });
    const { output } = net.rnn.forward(input, { trace });
    const yhat = Array.from(net.fc.forward(output).data);
    const x = rows2d(input.data, INPUT_SIZE);
    const rows: RowTrace[] = [];
    let below = x;
    for (let l = 0; l < config.numLayers; l++) {
      const layerRows: RowTrace[] = [];
      for (let d = 0; d < D; d++) {
        const dt = trace.at(l, d as 0 | 1);
        const p = net.rnn.cells[l][d];
        const gates: Partial<Record<GateName, number[][]>> = {};
        for (const g of dt.gateNames()) gates[g] = rows2d(dt.gate(g).data, HIDDEN_SIZE);
        layerRows.push({
          layer: l,
          direction: d === 0 ? 'forward' : 'reverse',
          suffix: `l${l}${d === 1 ? '_reverse' : ''}`,
          x: below,
          h0: Array.from(dt.h0().data),
          h: rows2d(dt.h().data, HIDDEN_SIZE),
          c: config.cell === 'lstm' ? rows2d(dt.c().data, HIDDEN_SIZE) : null,
          gates,
          weights: {
            weightIH: plain(p.weightIH),
            weightHH: plain(p.weightHH),
            biasIH: Array.from(p.biasIH?.data ?? []),
            biasHH: Array.from(p.biasHH?.data ?? []),
          },
        });
      }
      // The next layer reads this layer's h_t, both directions concatenated (as nn.LSTM does).
      below = Array.from({ length: T }, (_, t) => layerRows.flatMap((r) => r.h[t]));
      rows.push(...layerRows);
    }
    return { config, T, x, rows, yhat, target: targets(steps, targetKind(config)) };
  });
}

/**
 * The index of the step a row read just before step t (0-based): t − 1 going forward, t + 1 in reverse;
 * −1 means the initial state (before t = 0 forward, after t = T − 1 in reverse).
 */
export function previousStep(row: Pick<RowTrace, 'direction'>, t: number, T: number): number {
  if (row.direction === 'forward') return t - 1;
  return t + 1 >= T ? -1 : t + 1;
}

/** h and c before step t (0-based) of a row: the carried states, or the initial zeros. */
export function previousState(row: RowTrace, t: number, T: number): { h: number[]; c: number[] | null } {
  const k = previousStep(row, t, T);
  if (k < 0) return { h: row.h0, c: row.c ? row.h0.map(() => 0) : null };
  return { h: row.h[k], c: row.c ? row.c[k] : null };
}

/** One gate's equation at one step, term by term, each [H]. */
export interface GateTerms {
  gate: GateName;
  /** W_i? x_t. */
  wx: number[];
  /** b_i?. */
  bi: number[];
  /** W_h? h_{t−1}. */
  wh: number[];
  /** b_h?. */
  bh: number[];
  /** The GRU's n only: the reset gate r_t that multiplies (W_hn h + b_hn). */
  r: number[] | null;
  /** The argument of σ or tanh. */
  pre: number[];
  /** The activation: σ(pre) for i f o r z, tanh(pre) for g n. */
  value: number[];
  /** The input x_t and previous state h_{t−1} the terms used. */
  x: number[];
  hPrev: number[];
}

/** Whether a gate is squashed by tanh (g, n: values in [−1, 1]) rather than σ (values in [0, 1]). */
export const isTanhGate = (gate: GateName): boolean => gate === 'g' || gate === 'n';

const column = (v: readonly number[]): Tensor => fromArray(Float64Array.from(v), [v.length, 1], { dtype: 'float64' });
const matrix = (m: readonly (readonly number[])[]): Tensor =>
  fromArray(Float64Array.from(m.flat()), [m.length, (m[0] ?? []).length], { dtype: 'float64' });
const vec = (t: Tensor): number[] => Array.from(t.data);

/**
 * Recompute one gate of a row at step t (0-based) from its weights with engine ops, the way the chapter writes it:
 * i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi), and for the GRU's n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn)).
 * It agrees with the trace (a unit test checks), and gives the terms the page substitutes into the equation.
 */
export function gateTerms(row: RowTrace, cell: CellKind, gate: GateName, t: number, T: number): GateTerms {
  const names = gatesOf(cell);
  const g = names.indexOf(gate);
  if (g < 0) throw new Error(`gateTerms: ${cell} has no gate '${gate}'`);
  const H = HIDDEN_SIZE;
  const x = row.x[t];
  const hPrev = previousState(row, t, T).h;
  return noGrad(() => {
    const W = (m: number[][]): Tensor => narrow(matrix(m), 0, g * H, H);
    const b = (v: number[]): Tensor => narrow(column(v), 0, g * H, H);
    const wx = matmul(W(row.weights.weightIH), column(x));
    const wh = matmul(W(row.weights.weightHH), column(hPrev));
    const bi = b(row.weights.biasIH);
    const bh = b(row.weights.biasHH);
    let r: Tensor | null = null;
    let pre: Tensor;
    if (gate === 'n') {
      r = column(row.gates.r![t]);
      pre = add(add(wx, bi), mul(r, add(wh, bh)));
    } else {
      pre = add(add(add(wx, bi), wh), bh);
    }
    const value = isTanhGate(gate) ? tanh(pre) : sigmoid(pre);
    return {
      gate,
      wx: vec(wx),
      bi: vec(bi),
      wh: vec(wh),
      bh: vec(bh),
      r: r && vec(r),
      pre: vec(pre),
      value: vec(value),
      x: [...x],
      hPrev: [...hPrev],
    };
  });
}

/** The state update of one step, term by term, each [H]. */
export interface StateUpdate {
  /** LSTM: c_t = f ⊙ c_{t−1} + i ⊙ g, h_t = o ⊙ tanh(c_t). */
  lstm?: {
    f: number[];
    cPrev: number[];
    i: number[];
    g: number[];
    keep: number[];
    write: number[];
    c: number[];
    o: number[];
    tanhC: number[];
    h: number[];
  };
  /** GRU: h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}. */
  gru?: { z: number[]; n: number[]; hPrev: number[]; fresh: number[]; kept: number[]; h: number[] };
}

/** Recompute step t's state update from the traced gates with engine ops (the trace's own c_t and h_t must agree). */
export function stateUpdate(row: RowTrace, cell: CellKind, t: number, T: number): StateUpdate {
  const prev = previousState(row, t, T);
  const gate = (name: GateName): Tensor => column(row.gates[name]![t]);
  return noGrad(() => {
    if (cell === 'lstm') {
      const [f, i, g, o] = [gate('f'), gate('i'), gate('g'), gate('o')];
      const keep = mul(f, column(prev.c!));
      const write = mul(i, g);
      const c = add(keep, write);
      const tanhC = tanh(c);
      const h = mul(o, tanhC);
      return {
        lstm: {
          f: vec(f),
          cPrev: [...prev.c!],
          i: vec(i),
          g: vec(g),
          keep: vec(keep),
          write: vec(write),
          c: vec(c),
          o: vec(o),
          tanhC: vec(tanhC),
          h: vec(h),
        },
      };
    }
    const [z, n] = [gate('z'), gate('n')];
    const fresh = mul(sub(1, z), n);
    const kept = mul(z, column(prev.h));
    return {
      gru: { z: vec(z), n: vec(n), hPrev: [...prev.h], fresh: vec(fresh), kept: vec(kept), h: vec(add(fresh, kept)) },
    };
  });
}
