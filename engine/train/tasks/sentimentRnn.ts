// Chapter 9's sentiment classifier written with the course's engine. The sentiment lab runs exactly this file, and
// shows it beside the PyTorch script (scripts/torch/sentiment_rnn.py) with your settings in the block below.
import { basicEnglish, buildWordVocab, collateBatch, batchIndices, PAD, UNK, type Vocab } from '../../data/index';
import type { Splits } from '../../data/labelledSentences';
import type { SentimentExample } from '../../data/sentimentLabels';
import {
  Adam,
  clipGradNorm,
  crossEntropy,
  Embedding,
  GRU,
  Linear,
  LSTM,
  Module,
  noGrad,
  RNN,
  Rng,
  select,
  Tensor,
  type CellType,
  type Optimizer,
  type RecurrentOptions,
} from '../../index';

// Settings (the lab writes yours here)
export const SETTINGS: Settings = {
  cell: 'rnn', // 'rnn', 'gru' or 'lstm'
  embedDim: 100,
  hiddenDim: 128,
  epochs: 10,
  lr: 1e-3,
  batchSize: 32,
  seed: 1, // initial weights and batch order
  maxLen: 400, // tokens kept from the start of a long review
};

// Step 1 (engine/data/labelledSentences.ts) splits the sentences; steps 2 and 3: tokenize, build a vocabulary.
/** A sentence as the model reads it: its token indices (cut at maxLen; an empty one is a single <unk>) and label. */
export interface Encoded {
  ids: Int32Array;
  label: number;
}

export function encode(vocab: Vocab, text: string, maxLen: number): Int32Array {
  const ids = vocab.lookupIndices(basicEnglish(text).slice(0, maxLen));
  return ids.length > 0 ? ids : Int32Array.of(vocab.get(UNK));
}

// Step 4: batches, padding and packing
/** A padded batch, time-major: x [T, B] token indices, lengths [B] (each sentence's own), y [B] labels. */
export interface Batch {
  x: Tensor;
  lengths: Int32Array;
  y: Int32Array;
}

export function collate(examples: readonly Encoded[], padIndex: number): Batch {
  const b = collateBatch(examples, { paddingValue: padIndex });
  return { x: new Tensor(Float32Array.from(b.data), [b.seqLen, b.batchSize]), lengths: b.lengths, y: b.labels };
}

/** One epoch's batches in a new random order (a DataLoader with shuffle=True). */
export function shuffledBatches(examples: readonly Encoded[], batchSize: number, padIndex: number, rng: Rng): Batch[] {
  return batchIndices(examples.length, batchSize, { rng }).map((batch) =>
    collate(
      batch.map((i) => examples[i]),
      padIndex,
    ),
  );
}

// Step 5: the model
const CELLS = { rnn: RNN, gru: GRU, lstm: LSTM };

export class RNNModel extends Module {
  readonly embedding: Embedding;
  readonly rnn: RNN | GRU | LSTM;
  readonly fc: Linear;

  /** `layers`: PyTorch's num_layers and dropout (chapter 9's model has one layer), and nn.RNN's nonlinearity. */
  constructor(
    vocabSize: number,
    embedDim: number,
    hiddenDim: number,
    outputDim: number,
    padIndex: number,
    cell: CellType,
    rng: Rng,
    layers: Pick<RecurrentOptions, 'numLayers' | 'dropout'> & { nonlinearity?: 'tanh' | 'relu' } = {},
  ) {
    super();
    this.embedding = this.registerModule(
      'embedding',
      new Embedding(vocabSize, embedDim, { paddingIdx: padIndex, rng }),
    );
    this.rnn = this.registerModule('rnn', new CELLS[cell](embedDim, hiddenDim, { ...layers, rng }));
    this.fc = this.registerModule('fc', new Linear(hiddenDim, outputDim, { rng }));
  }

  forward(x: Tensor, lengths: Int32Array): Tensor {
    const embedded = this.embedding.forward(x); // [T, B, embedDim]
    const { hN } = this.rnn.forward(embedded, { lengths }); // hN: [layers, B, hiddenDim], after each one's last token
    return this.fc.forward(select(hN, 0, -1)); // logits from the top layer, hidden[-1]: [B, outputDim]
  }
}

// Step 6: train and evaluate
/** One pass over the batches; yields after every step, which is where the lab can pause. */
export function* trainOneEpoch(model: RNNModel, batches: readonly Batch[], optimizer: Optimizer, maxNorm = 1.0) {
  model.train();
  for (const { x, lengths, y } of batches) {
    optimizer.zeroGrad();
    const logits = model.forward(x, lengths);
    const loss = crossEntropy(logits, y);
    loss.backward();
    const gradNorm = clipGradNorm(model.parameters(), maxNorm);
    optimizer.step();
    yield { loss: loss.item(), gradNorm };
  }
}

/** Mean loss, accuracy and P(positive) of each example, in order, without recording gradients. */
export function evaluate(model: RNNModel, examples: readonly Encoded[], padIndex: number) {
  model.eval();
  const positive = new Float64Array(examples.length);
  let totalLoss = 0;
  let correct = 0;
  noGrad(() => {
    for (let s = 0; s < examples.length; s += 256) {
      const { x, lengths, y } = collate(examples.slice(s, s + 256), padIndex);
      const logits = model.forward(x, lengths);
      totalLoss += crossEntropy(logits, y, { reduction: 'sum' }).item();
      for (let r = 0; r < y.length; r++) {
        const [neg, pos] = [logits.data[2 * r], logits.data[2 * r + 1]];
        positive[s + r] = 1 / (1 + Math.exp(neg - pos)); // softmax(logits)[1]
        if ((pos > neg ? 1 : 0) === y[r]) correct++;
      }
    }
  });
  return { loss: totalLoss / examples.length, accuracy: correct / examples.length, positive };
}

// Step 7: put it together
/** Everything a run needs: the vocabulary (from the training sentences, unless a loaded model brings its own), the
 * encoded splits, the model and the optimizer. */
export function prepare(
  split: Splits<SentimentExample>,
  settings: Settings = SETTINGS,
  vocab: Vocab = buildWordVocab(split.train.map((e) => basicEnglish(e.text))),
) {
  const rng = new Rng(settings.seed);
  const encodeAll = (xs: readonly SentimentExample[]) =>
    xs.map((e) => ({ ids: encode(vocab, e.text, settings.maxLen), label: e.label }));
  const padIndex = vocab.get(PAD);
  const model = new RNNModel(vocab.length, settings.embedDim, settings.hiddenDim, 2, padIndex, settings.cell, rng);
  const optimizer: Optimizer = new Adam(model.parameters(), { lr: settings.lr });
  const data = { train: encodeAll(split.train), valid: encodeAll(split.validation), test: encodeAll(split.test) };
  return { rng, vocab, padIndex, data, model, optimizer };
}

/** Trains for `settings.epochs` epochs, keeping the weights of the epoch that validates best, then tests those. */
export function* train(run: ReturnType<typeof prepare>, settings: Settings = SETTINGS) {
  const { rng, padIndex, data, model, optimizer } = run;
  let best = { accuracy: -1, epoch: 0, state: model.parameters().map((p) => p.data.slice()) };
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    yield* trainOneEpoch(model, shuffledBatches(data.train, settings.batchSize, padIndex, rng), optimizer);
    const valid = evaluate(model, data.valid, padIndex);
    if (valid.accuracy > best.accuracy)
      best = { accuracy: valid.accuracy, epoch, state: model.parameters().map((p) => p.data.slice()) };
    yield { epoch, valid };
  }
  model.parameters().forEach((p, i) => p.data.set(best.state[i]));
  return { bestEpoch: best.epoch, bestValidAccuracy: best.accuracy, test: evaluate(model, data.test, padIndex) };
}

/** What the lab lets you change (the cell, sizes, epochs and learning rate), and the rest of a run's settings. */
export interface Settings {
  cell: CellType;
  embedDim: number;
  hiddenDim: number;
  epochs: number;
  lr: number;
  batchSize: number;
  seed: number;
  maxLen: number;
}
