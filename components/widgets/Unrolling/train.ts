// How the unrolling widget's weights were made: a small character RNN trained with the course's engine to predict
// the next character of a few English sentences. Run once offline (writeWeights.ts); the page only runs forward.
import { Adam, crossEntropy, fromArray, Linear, reshape, RNN, Rng, stateDict, type StateDict } from '../../../engine';
import { ALPHABET, charIndex, VOCAB_SIZE } from './vocab';

/** hiddenSize of the widget's RNN. */
export const HIDDEN_SIZE = 8;

/** The training text: short, common English so that a tiny network learns a few real habits (th→e, he→l…). */
export const TRAINING_TEXT = [
  'hello there hello world hello friend',
  'the cat sat on the mat and the dog ran to the hill',
  'she said hello to the man at the shop',
  'we went there and then they went home',
  'the sun is hot in the south and the wind is cold in the north',
  'this is the end of the story',
].join(' ');

/** Settings of the training run. */
export interface TrainOptions {
  steps: number;
  seqLen: number;
  batchSize: number;
  lr: number;
  seed: number;
}

export const TRAIN_DEFAULTS: TrainOptions = { steps: 400, seqLen: 16, batchSize: 8, lr: 0.03, seed: 7 };

/** The trained weights as two PyTorch state_dicts (`weight_ih_l0`, … and `weight`, `bias`), and the last loss. */
export interface TrainedWeights {
  hiddenSize: number;
  alphabet: string;
  steps: number;
  finalLoss: number;
  rnn: StateDict;
  fc: StateDict;
}

/** Build the widget's network: RNN(vocabSize → hiddenSize, tanh) and Linear(hiddenSize → vocabSize), float64. */
export function buildNetwork(seed = 0): { rnn: RNN; fc: Linear } {
  const rng = new Rng(seed);
  return {
    rnn: new RNN(VOCAB_SIZE, HIDDEN_SIZE, { rng, dtype: 'float64' }),
    fc: new Linear(HIDDEN_SIZE, VOCAB_SIZE, { rng, dtype: 'float64' }),
  };
}

/**
 * One-hot encode index sequences, time-major.
 * @param batch B sequences of T indices
 * @returns [T, B, vocabSize]
 */
export function oneHotBatch(batch: readonly (readonly number[])[]): Float64Array {
  const B = batch.length;
  const T = batch[0]?.length ?? 0;
  const x = new Float64Array(T * B * VOCAB_SIZE);
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) x[(t * B + b) * VOCAB_SIZE + (batch[b] as number[])[t]] = 1;
  return x;
}

/** Train the network on random windows of TRAINING_TEXT with Adam and cross-entropy on every step's next character. */
export function trainWeights(options: Partial<TrainOptions> = {}): TrainedWeights {
  const { steps, seqLen: T, batchSize: B, lr, seed } = { ...TRAIN_DEFAULTS, ...options };
  const ids = [...TRAINING_TEXT].map(charIndex);
  const { rnn, fc } = buildNetwork(seed);
  const rng = new Rng(seed + 1);
  const opt = new Adam([...rnn.parameters(), ...fc.parameters()], { lr });
  let finalLoss = NaN;
  for (let step = 0; step < steps; step++) {
    const starts = Array.from({ length: B }, () => rng.int(ids.length - T));
    const inputs = starts.map((s) => ids.slice(s, s + T));
    // Targets in the [T, B] order of the flattened outputs: the character after each input.
    const targets: number[] = [];
    for (let t = 0; t < T; t++) for (const s of starts) targets.push(ids[s + t + 1]);
    const { output } = rnn.forward(fromArray(oneHotBatch(inputs), [T, B, VOCAB_SIZE], { dtype: 'float64' }));
    const loss = crossEntropy(fc.forward(reshape(output, [-1, HIDDEN_SIZE])), targets);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    finalLoss = loss.item();
  }
  return { hiddenSize: HIDDEN_SIZE, alphabet: ALPHABET, steps, finalLoss, rnn: stateDict(rnn), fc: stateDict(fc) };
}
