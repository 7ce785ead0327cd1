// The character language model on Moby-Dick: one-hot (or embedded) characters → RNN/LSTM/GRU → Linear to
// next-character logits, trained by truncated BPTT with the hidden state carried across chunks, as
// PyTorch's word_language_model example does; evaluated by loss, perplexity and bits per character.
import { noGrad } from '../../autodiff/gradMode';
import { batchify, bpttStarts, getBatch, type StreamBatches } from '../../data/batching';
import { splitText } from '../../data/text';
import { buildCharVocab, encodeChars, type Vocab } from '../../data/vocab';
import { crossEntropy } from '../../losses';
import { reshape } from '../../ops/shape';
import { Rng } from '../../random';
import { allFinite, checkInt, makeOptimizer, optimizeStep } from '../common';
import { checkedConfig } from '../config';
import { detachState, RecurrentNet, type RecurrentState } from '../model';
import type { EvalReport, StepReport, Task } from '../task';
import { CHAR_MODEL_DEFAULTS, parseCharModelConfig, type CharModelConfig } from './charModelConfig';

/** The text the char model reads: the normalised book (`prepareMobyDick`), from `/data/moby-dick.txt` or node_modules. */
export interface CharModelData {
  text: string;
}

/** Options of `CharModelTask.sample`. */
export interface SampleOptions {
  /** Text to read first; characters outside the vocabulary are skipped (default: a newline). */
  prime?: string;
  /** Characters to generate. */
  length: number;
  /** Divides the logits: below 1 sharper and safer, above 1 wilder; 0 takes the most likely character every time (default 1). */
  temperature?: number;
  /** Seeds the draws (default 0); sampling never touches the training generator. */
  seed?: number;
}

/** What the char model shows a reader: a sample after a fixed prime. */
export interface CharModelShowcase {
  prime: string;
  text: string;
  temperature: number;
}

/** The char-model task, with text generation on top of the Task contract. */
export interface CharModelTask extends Task {
  readonly name: 'char-model';
  readonly baselines: Readonly<Record<string, number>>;
  readonly vocab: Vocab;
  /** Generates text with gradients off, from its own state and generator: training is unaffected. */
  sample(options: SampleOptions): string;
  showcase(): CharModelShowcase;
}

const SHOWCASE = { prime: 'The whale', length: 300, temperature: 0.7, seed: 7 } as const;

/** Cross-entropy (nats per character) of add-one-smoothed character frequencies of `train` on `evalIds`. */
function unigramLoss(trainIds: Int32Array, evalIds: Int32Array, V: number): number {
  const counts = new Float64Array(V).fill(1);
  for (const i of trainIds) counts[i] += 1;
  const total = trainIds.length + V;
  let loss = 0;
  for (const i of evalIds) loss -= Math.log(counts[i] / total);
  return loss / evalIds.length;
}

/** Draws an index from softmax(logits / temperature); temperature 0 takes the arg max. */
function drawIndex(logits: ArrayLike<number>, temperature: number, rng: Rng): number {
  let best = 0;
  for (let k = 1; k < logits.length; k++) if (logits[k] > logits[best]) best = k;
  if (temperature <= 0) return best;
  const p = new Float64Array(logits.length);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) sum += p[k] = Math.exp((logits[k] - logits[best]) / temperature);
  let u = rng.next() * sum;
  for (let k = 0; k < p.length; k++) {
    u -= p[k];
    if (u < 0) return k;
  }
  return p.length - 1;
}

/**
 * Builds the char model over a text: a character vocabulary of the whole text, the last
 * `validationFraction` held out (cut at a paragraph break), the first `trainFraction` of the training part (all of
 * it by default) as `batchSize` streams.
 * Each step trains on the next `seqLen` rows of the streams, starting from the previous chunk's final
 * state (detached); after the last chunk of the text the state resets to zero and a new epoch begins.
 * Metrics: `perplexity` = e^valLoss and `bitsPerChar` = valLoss / ln 2, valLoss in nats per character.
 * Baselines: the same three for the unigram model (character frequencies of the training text).
 * @throws RangeError naming the setting when the config is outside CHAR_MODEL_BOUNDS, or the text too short for it
 */
export function createCharModelTask(settings: CharModelConfig, data: CharModelData): CharModelTask {
  const name = 'char-model';
  const config = checkedConfig(name, parseCharModelConfig(settings));
  const D = CHAR_MODEL_DEFAULTS;
  const {
    cell,
    hiddenSize,
    seqLen,
    batchSize,
    numLayers = D.numLayers,
    dropout = D.dropout,
    nonlinearity = D.nonlinearity,
    embeddingDim = D.embeddingDim,
    validationFraction = D.validationFraction,
    evalChars = D.evalChars,
    trainFraction = D.trainFraction,
  } = config;

  const vocab = buildCharVocab(data.text);
  const V = vocab.length;
  const split = splitText(data.text, validationFraction);
  // A small slice trains on the start of the training text; the held-out text stays the same.
  const trainIds = encodeChars(vocab, split.train.slice(0, Math.round(split.train.length * trainFraction)));
  const evalIds = encodeChars(vocab, split.validation.slice(0, evalChars));
  if (trainIds.length < batchSize * (seqLen + 1))
    throw new RangeError(
      `${name}: the training text (${trainIds.length} characters` +
        (trainFraction < 1 ? `, ${trainFraction * 100}% of it` : '') +
        `) is too short for ${batchSize} streams of ${seqLen + 1}`,
    );
  if (evalIds.length < 2) throw new RangeError(`${name}: the validation text is too short`);
  const train = batchify(trainIds, batchSize);
  const starts = bpttStarts(train, seqLen);
  // Evaluation reads 16 streams (fewer for a tiny text), carrying the state as training does.
  const evalBatch = Math.max(1, Math.min(16, Math.floor(evalIds.length / 2)));
  const evalStreams = batchify(evalIds, evalBatch);

  const rng = new Rng(config.seed);
  const input =
    embeddingDim > 0
      ? ({ kind: 'embedding', vocabSize: V, embeddingDim } as const)
      : ({ kind: 'one-hot', vocabSize: V } as const);
  const model = new RecurrentNet({ input, cell, hiddenSize, numLayers, dropout, nonlinearity, outputSize: V, rng });
  const params = model.parameters();
  const optimizer = makeOptimizer(config.optimizer ?? 'adam', params, config.learningRate, config.momentum);

  let chunk = 0;
  let state: RecurrentState | null = null;

  /** Loss of one chunk from `from`, and the state after it. */
  const forwardChunk = (streams: StreamBatches, row: number, from: RecurrentState | null) => {
    const { input: x, target, seqLen: L } = getBatch(streams, row, seqLen);
    const B = streams.batchSize;
    const { output, state: next } = model.run(model.encode(x, L, B), from);
    const logits = model.fc.forward(reshape(output, [L * B, hiddenSize]));
    return { loss: crossEntropy(logits, target), state: next, count: L * B };
  };

  const step = (): StepReport => {
    const { loss, state: next } = forwardChunk(train, starts[chunk], state);
    const gradNorm = optimizeStep(loss, params, optimizer, config.clip);
    state = detachState(next);
    chunk += 1;
    if (chunk === starts.length) {
      chunk = 0;
      state = null;
    }
    return { loss: loss.item(), gradNorm };
  };

  const evaluate = (): EvalReport => {
    model.eval();
    try {
      return noGrad(() => {
        let total = 0;
        let count = 0;
        let s: RecurrentState | null = null;
        for (const row of bpttStarts(evalStreams, seqLen)) {
          const r = forwardChunk(evalStreams, row, s);
          total += r.loss.item() * r.count;
          count += r.count;
          s = r.state;
        }
        const valLoss = total / count;
        return { valLoss, metrics: { perplexity: Math.exp(valLoss), bitsPerChar: valLoss / Math.LN2 } };
      });
    } finally {
      model.train();
    }
  };

  const sample = ({ prime = '\n', length, temperature = 1, seed = 0 }: SampleOptions): string => {
    checkInt(name, 'sample length', length, 0);
    if (!(temperature >= 0)) throw new RangeError(`${name}: the temperature must be ≥ 0, got ${temperature}`);
    const known = Array.from(prime).filter((ch) => vocab.has(ch));
    const primeIds = encodeChars(
      vocab,
      known.length > 0 ? known.join('') : vocab.has('\n') ? '\n' : vocab.lookupToken(0),
    );
    const draw = new Rng(seed);
    model.eval();
    try {
      return noGrad(() => {
        // Read the prime in one pass, then feed back one drawn character at a time.
        let { output, state: s } = model.run(model.encode(primeIds, primeIds.length, 1), null);
        let lastH = reshape(output, [primeIds.length, hiddenSize]);
        let row = primeIds.length - 1;
        const out: number[] = [];
        for (let n = 0; n < length; n++) {
          const logits = model.fc.forward(lastH).data.subarray(row * V, (row + 1) * V);
          const next = drawIndex(logits, temperature, draw);
          out.push(next);
          if (n === length - 1) break;
          ({ output, state: s } = model.run(model.encode(Int32Array.of(next), 1, 1), s));
          lastH = reshape(output, [1, hiddenSize]);
          row = 0;
        }
        return vocab.lookupTokens(out).join('');
      });
    } finally {
      model.train();
    }
  };

  // Rows 1… of the evaluation streams are exactly the characters evaluate() predicts.
  const unigram = unigramLoss(trainIds, evalStreams.data.subarray(evalBatch), V);

  return {
    name,
    vocab,
    stepsPerEpoch: starts.length,
    baselines: { valLoss: unigram, perplexity: Math.exp(unigram), bitsPerChar: unigram / Math.LN2 },
    step,
    evaluate,
    sample,
    showcase: () => ({ prime: SHOWCASE.prime, temperature: SHOWCASE.temperature, text: sample(SHOWCASE) }),
    setLearningRate(lr: number): void {
      optimizer.lr = lr;
    },
    parametersFinite: () => allFinite(params),
    namedParameters: () => model.namedParameters(),
  };
}
