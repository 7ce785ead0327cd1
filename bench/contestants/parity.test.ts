// Every contestant trains the same small model from the same weights on the same batches: their
// losses must agree step after step, or the bench would be timing different computations.
import { describe, expect, it } from 'vitest';
import { makeBatches } from '../data';
import { initialWeights, type ModelConfig } from '../model';
import { mulberry32 } from '../random';
import { engine, engineJs } from './engine';
import { fused } from './fused';
import { recurrentJs } from './recurrentJs';
import { tfjsCpu, tfjsTensorCount, tfjsWasm } from './tfjs';
import { isUnavailable, type Contestant, type Trainer } from './types';

const adam = { lr: 0.01, betas: [0.9, 0.999] as [number, number], eps: 1e-8 };
const rand = mulberry32(3);
const tokens = Int32Array.from({ length: 500 }, () => Math.floor(rand() * 11));

async function losses(contestant: Contestant, model: ModelConfig, steps: number): Promise<number[]> {
  const made = await contestant.create({ model, weights: initialWeights(model, 5), adam });
  if (isUnavailable(made)) throw new Error(`${contestant.id}: ${made.unavailable}`);
  const trainer: Trainer = made;
  // One batch, repeated, so that the loss must fall.
  const [batch] = makeBatches(tokens, model, 1);
  const out = Array.from({ length: steps }, () => {
    trainer.activate?.();
    return trainer.step(batch);
  });
  trainer.dispose();
  return out;
}

describe.each([
  { cell: 'rnn_tanh' as const, batchSize: 1, others: [engine, engineJs, tfjsCpu, tfjsWasm, recurrentJs] },
  { cell: 'lstm' as const, batchSize: 3, others: [engine, engineJs, tfjsCpu, tfjsWasm] },
])('contestants on a small $cell', ({ cell, batchSize, others }) => {
  const model: ModelConfig = { cell, vocabSize: 11, hiddenSize: 9, seqLen: 6, batchSize };

  it.each(others)('$id agrees with the fused loop over 5 Adam steps', async (other) => {
    const reference = await losses(fused, model, 5);
    const theirs = await losses(other, model, 5);
    expect(reference[4]).toBeLessThan(reference[0]);
    theirs.forEach((loss, i) => expect(loss).toBeCloseTo(reference[i], 4));
  });
});

describe('TF.js trainer', () => {
  it('leaks no tensors from one step to the next', async () => {
    const model: ModelConfig = { cell: 'lstm', vocabSize: 5, hiddenSize: 4, seqLen: 3, batchSize: 2 };
    const made = await tfjsCpu.create({ model, weights: initialWeights(model), adam });
    if (isUnavailable(made)) throw new Error(made.unavailable);
    const [a, b, c] = makeBatches(
      tokens.map((t) => t % 5),
      model,
      3,
    );
    made.step(a);
    const after1 = await tfjsTensorCount();
    made.step(b);
    made.step(c);
    expect(await tfjsTensorCount()).toBe(after1);
    made.dispose();
  });
});

describe('recurrent-js', () => {
  it('declines the batched LSTM rather than running something else', async () => {
    const model: ModelConfig = { cell: 'lstm', vocabSize: 5, hiddenSize: 4, seqLen: 3, batchSize: 2 };
    const made = await recurrentJs.create({ model, weights: initialWeights(model), adam });
    expect(isUnavailable(made)).toBe(true);
  });
});
