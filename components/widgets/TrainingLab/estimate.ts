// What a setting costs before anything runs: the parameter count by chapter 7's formula with the numbers in (as plain
// text, which the cost panel writes as MathML), and the activations one batch keeps for the backward pass, counted buffer by buffer as the
// engine's recurrent op keeps them. The time per step is not estimated here: the worker measures it.
import type { RecurrentNetConfig } from '../../../engine/train/tasks/configs';

/** The sizes the formula needs that come from the data: inputs per step, embedding rows, outputs. */
export interface ModelShape {
  /** How a step's input reaches the first layer. */
  input:
    | { kind: 'one-hot'; size: number }
    | { kind: 'embedding'; vocab: number; dim: number }
    | { kind: 'dense'; size: number };
  /** Outputs of the Linear head: vocabulary, classes, or 1. */
  outputs: number;
  /** Whether the loss is taken at every step (the char model) or once at the end. */
  perStep: boolean;
}

/** The char model's vocabulary: the 75 characters of the site's normalised Moby-Dick. */
export const CHAR_VOCAB = 75;
/** The recall task's tokens: 8 symbols, the filler blank and the query (one-hot), answered with one of 8. */
const RECALL_TOKENS = 10;
const RECALL_CLASSES = 8;
/** The forecaster reads the births and 7 weekday flags per day. */
const FORECAST_FEATURES = 8;

/**
 * The model's data-dependent sizes for a config. The sentiment vocabulary depends on the training data (and the slice);
 * pass the size the worker reported (`vocab`), or a first guess until it has.
 */
export function modelShape(config: RecurrentNetConfig, sentimentVocab: number): ModelShape {
  switch (config.task) {
    case 'char-model':
      return { input: { kind: 'one-hot', size: CHAR_VOCAB }, outputs: CHAR_VOCAB, perStep: true };
    case 'forecast':
      return {
        input: { kind: 'dense', size: config.weekdays === false ? 1 : FORECAST_FEATURES },
        outputs: 1,
        perStep: false,
      };
    case 'sentiment':
      return {
        input: { kind: 'embedding', vocab: sentimentVocab, dim: config.embeddingDim },
        outputs: 2,
        perStep: false,
      };
    case 'synthetic':
      return { input: { kind: 'one-hot', size: RECALL_TOKENS }, outputs: RECALL_CLASSES, perStep: false };
    case 'teacher-forcing':
      // The births generator (the teacher forcing lab): the forecaster's inputs, a prediction at every generated step.
      return {
        input: { kind: 'dense', size: config.weekdays === false ? 1 : FORECAST_FEATURES },
        outputs: 1,
        perStep: true,
      };
  }
}

/** Gate blocks per cell: G in G·(n_in·n + n² + 2n). */
const GATES = { rnn: 1, gru: 3, lstm: 4 } as const;

/** One term of the parameter count, with its formula filled in. */
export interface ParameterTerm {
  /** What it counts: "embedding", "layer 1", "layers 2–3", "output layer". */
  name: string;
  /** The formula with the numbers in, as plain text ("4 · (75 · 128 + 128² + 2 · 128)"). */
  text: string;
  count: number;
}

const group = (n: number): string => n.toLocaleString('en-US');

/**
 * The parameter count of a config's model by chapter 7's formula: each recurrent layer has G·(n_in·n + n² + 2n)
 * (G = 1, 3 or 4 for the RNN, GRU, LSTM; n_in the layer's input, the data's for the first layer and n above it; two
 * bias vectors as PyTorch), plus the embedding table V·E and the output layer n·m + m.
 */
export function parameterTerms(config: RecurrentNetConfig, shape: ModelShape): ParameterTerm[] {
  const n = config.hiddenSize;
  const L = config.numLayers ?? 1;
  const G = GATES[config.cell];
  const terms: ParameterTerm[] = [];
  const first = shape.input.kind === 'embedding' ? shape.input.dim : shape.input.size;
  if (shape.input.kind === 'embedding') {
    // A vocabulary of 0 is not known yet: the term reads V·E and counts as NaN.
    const { vocab, dim } = shape.input;
    terms.push({
      name: 'embedding',
      text: `${vocab > 0 ? group(vocab) : 'V'} · ${dim}`,
      count: vocab > 0 ? vocab * dim : NaN,
    });
  }
  const layer = (nIn: number) => G * (nIn * n + n * n + 2 * n);
  const gt = G === 1 ? '' : `${G} · `;
  const layerText = (nIn: number) => `${gt}(${nIn} · ${n} + ${n}² + 2 · ${n})`;
  terms.push({ name: 'layer 1', text: layerText(first), count: layer(first) });
  if (L > 1) {
    const timesText = L - 1 === 1 ? '' : `${L - 1} · `;
    terms.push({
      name: L === 2 ? 'layer 2' : `layers 2–${L}`,
      text: `${timesText}${layerText(n)}`,
      count: (L - 1) * layer(n),
    });
  }
  const m = shape.outputs;
  terms.push({ name: 'output layer', text: `${n} · ${m} + ${m}`, count: n * m + m });
  return terms;
}

/** The total of `parameterTerms`. */
export const parameterCount = (terms: readonly ParameterTerm[]): number => terms.reduce((s, t) => s + t.count, 0);

/**
 * The whole sum as plain text in pieces, one per term, each after the first starting "+", and "= 37,707" last (no
 * total while a term is unknown): for arithmeticMathml, one piece to a line-breakable `<math>`.
 */
export function parameterText(terms: readonly ParameterTerm[]): string[] {
  const total = parameterCount(terms);
  const pieces = terms.map((t, i) => (i === 0 ? t.text : `+ ${t.text}`));
  return Number.isFinite(total) ? [...pieces, `= ${group(total)}`] : pieces;
}

/**
 * Floats a layer keeps per step and sequence for the backward pass, as the engine's recurrent op keeps them
 * (engine/ops/recurrentLayout.ts ForwardRecord): the input projection (G·n), the state h (and c), and for the gated
 * cells their gate activations (G·n) plus tanh(c) (LSTM) or W_hn h + b_hn (GRU). In n: RNN 2, GRU 8, LSTM 11.
 */
export const KEPT_PER_UNIT = { rnn: 2, gru: 8, lstm: 11 } as const;

/** Activations of one batch, in floats and bytes, and the formula as text. */
export interface ActivationEstimate {
  floats: number;
  bytes: number;
  /** "B·T·(k·n·L + …)" with the numbers in. */
  text: string;
}

/**
 * The activations one batch keeps for the backward pass: B sequences of T steps, each step keeping the input
 * encoding, KEPT_PER_UNIT·n per layer, a dropout mask and output between layers, and (for the char model, which
 * predicts at every step) the logits and their log-softmax. Float32, 4 bytes each. A unit test keeps this within
 * 10% of the typed arrays a real forward pass allocates.
 * @param T steps per sequence: the chunk, window, sentence or delay + 1
 */
export function activationEstimate(config: RecurrentNetConfig, shape: ModelShape, T: number): ActivationEstimate {
  const B = config.batchSize;
  const n = config.hiddenSize;
  const L = config.numLayers ?? 1;
  const k = KEPT_PER_UNIT[config.cell];
  const input = shape.input.kind === 'embedding' ? shape.input.dim : shape.input.size;
  const dropoutLayers = (config.dropout ?? 0) > 0 ? L - 1 : 0;
  const perStep = input + k * n * L + 2 * n * dropoutLayers + (shape.perStep ? 2 * shape.outputs : 0);
  const tail = shape.perStep ? 0 : 2 * shape.outputs;
  const floats = B * T * perStep + B * tail;
  const parts = [`${input}`, `${k}·${n}${L > 1 ? `·${L}` : ''}`];
  if (dropoutLayers > 0) parts.push(`2·${n}${dropoutLayers > 1 ? `·${dropoutLayers}` : ''}`);
  if (shape.perStep) parts.push(`2·${shape.outputs}`);
  return { floats, bytes: 4 * floats, text: `${B} · ${T} · (${parts.join(' + ')})${tail ? ` + ${B} · ${tail}` : ''}` };
}

/**
 * Steps per sequence for a config: the chunk (char model), the window (forecast), the delay + 1 (recall); for sentiment
 * the sentence, at most `typicalLength`.
 */
export function stepsPerSequence(config: RecurrentNetConfig, typicalLength: number): number {
  switch (config.task) {
    case 'char-model':
      return config.seqLen;
    case 'forecast':
      return config.window;
    case 'sentiment':
      return Math.min(config.maxLen ?? Infinity, typicalLength);
    case 'synthetic':
      return config.problem === 'recall' ? config.delay + 1 : config.delay;
    case 'teacher-forcing':
      return config.warmup + config.horizon;
  }
}

/** Bytes in words: "310 kB", "4.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${Math.round(bytes / 1000)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toPrecision(bytes < 1e7 ? 2 : 3)} MB`;
  return `${(bytes / 1e9).toPrecision(2)} GB`;
}

/**
 * The sentiment vocabulary's size read back from a measured parameter count (the worker builds the vocabulary from the
 * training sentences): what the embedding term must hold for the formula to reach the count. Null for other tasks or
 * when the count does not fit the formula.
 */
export function vocabFromCount(config: RecurrentNetConfig, parameters: number): number | null {
  if (config.task !== 'sentiment') return null;
  const rest = parameterTerms(config, modelShape(config, 1)).slice(1);
  const vocab = (parameters - parameterCount(rest)) / config.embeddingDim;
  return Number.isInteger(vocab) && vocab > 0 ? vocab : null;
}
