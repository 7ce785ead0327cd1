// The unrolling widget's numbers: the trained character RNN (weights.json, made by train.ts) run forward by the
// engine over the reader's text, giving every h_t and every output distribution y_t.
import { fromArray, loadStateDict, noGrad, softmax } from '../../../engine';
import { buildNetwork, HIDDEN_SIZE, oneHotBatch } from './train';
import { VOCAB_SIZE } from './vocab';
import weights from './weights.json';

/** Everything the widget shows about one pass over the sequence. */
export interface Unrolled {
  /** [T] input character indices. */
  ids: number[];
  /** [T][hiddenSize] hidden states h_1..h_T. */
  h: number[][];
  /** [T][vocabSize] logits z_t = W_hy h_t + b_y. */
  logits: number[][];
  /** [T][vocabSize] y_t = softmax(z_t), the predicted distribution of the next character. */
  probs: number[][];
}

const network = buildNetwork();
loadStateDict(network.rnn, weights.rnn, { label: 'unrolling weights.rnn' });
loadStateDict(network.fc, weights.fc, { label: 'unrolling weights.fc' });
network.rnn.eval();

const rows = (data: ArrayLike<number>, width: number): number[][] =>
  Array.from({ length: data.length / width }, (_, r) => Array.from({ length: width }, (_, c) => data[r * width + c]));

/**
 * Run the network over a sequence from h_0 = 0: one forward pass, no gradient.
 * @param ids [T] character indices (T ≥ 1)
 */
export function unroll(ids: readonly number[]): Unrolled {
  return noGrad(() => {
    const T = ids.length;
    const { output } = network.rnn.forward(fromArray(oneHotBatch([ids]), [T, VOCAB_SIZE], { dtype: 'float64' }));
    const logits = network.fc.forward(output);
    return {
      ids: [...ids],
      h: rows(output.data, HIDDEN_SIZE),
      logits: rows(logits.data, VOCAB_SIZE),
      probs: rows(softmax(logits).data, VOCAB_SIZE),
    };
  });
}

/** How the weights were made, for the prose and the widget's footnote. */
export const TRAINING_INFO = { steps: weights.steps, finalLoss: weights.finalLoss, hiddenSize: weights.hiddenSize };
