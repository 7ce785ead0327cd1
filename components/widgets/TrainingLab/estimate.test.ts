import { describe, expect, it } from 'vitest';
import { loadMobyDick, loadSentimentCorpus, loadUsBirths } from '../../../scripts/data/datasets';
import { countAllocations } from '../../../engine/testing/countAllocations';
import { crossEntropy, mseLoss } from '../../../engine/losses';
import { reshape } from '../../../engine/ops/shape';
import { Rng } from '../../../engine/random';
import { Tensor } from '../../../engine/tensor';
import { RecurrentNet } from '../../../engine/train/model';
import {
  createCharModelTask,
  createForecastTask,
  createSentimentTask,
  createSyntheticTask,
} from '../../../engine/train/tasks/index';
import type { RecurrentNetConfig } from '../../../engine/train/tasks/configs';
import { parameterCount as engineCount } from '../../../engine/worker/tasks';
import {
  activationEstimate,
  CHAR_VOCAB,
  formatBytes,
  modelShape,
  parameterCount,
  parameterTerms,
  parameterText,
  vocabFromCount,
} from './estimate';
import { LAB_DEFAULTS, toTaskConfig, type LabSettings } from './settings';

const text = loadMobyDick();
const corpus = loadSentimentCorpus();
const records = loadUsBirths();

const settings = (over: Partial<LabSettings>): LabSettings => ({ ...LAB_DEFAULTS[over.task ?? 'char-model'], ...over });

function build(config: RecurrentNetConfig) {
  switch (config.task) {
    case 'char-model':
      return createCharModelTask(config, { text });
    case 'forecast':
      return createForecastTask(config, { records });
    case 'sentiment':
      return createSentimentTask(config, { kind: 'corpus', corpus });
    case 'synthetic':
      return createSyntheticTask(config);
    case 'teacher-forcing':
      throw new Error('the training lab does not train the teacher forcing lab’s generator');
  }
}

describe('parameter count', () => {
  it('is chapter 7’s formula with the numbers in, and agrees with the engine’s model for every task and cell', () => {
    for (const task of ['char-model', 'forecast', 'sentiment', 'recall'] as const)
      for (const cell of ['rnn', 'gru', 'lstm'] as const)
        for (const layers of [1, 3]) {
          const config = toTaskConfig(settings({ task, cell, layers, hidden: 12 }));
          const built = build(config);
          const vocab = 'vocab' in built && task === 'sentiment' ? built.vocab.length : 0;
          const terms = parameterTerms(config, modelShape(config, vocab));
          expect(parameterCount(terms), `${task} ${cell} ${layers}`).toBe(engineCount(built));
          if (task === 'sentiment') expect(vocabFromCount(config, engineCount(built))).toBe(vocab);
        }
  });

  it('writes V for a vocabulary not known yet, and no total', () => {
    const config = toTaskConfig(settings({ task: 'sentiment', hidden: 8 }));
    const pieces = parameterText(parameterTerms(config, modelShape(config, 0)));
    expect(pieces[0]).toBe('V · 32');
    expect(pieces.join(' ')).not.toContain('=');
  });

  it('writes the sum as the chapter does', () => {
    const config = toTaskConfig(settings({ cell: 'lstm', hidden: 128 }));
    const terms = parameterTerms(config, modelShape(config, 0));
    expect(terms.map((t) => t.text)).toEqual([`4 · (${CHAR_VOCAB} · 128 + 128² + 2 · 128)`, `128 · 75 + 75`]);
    expect(parameterText(terms)).toEqual(['4 · (75 · 128 + 128² + 2 · 128)', '+ 128 · 75 + 75', '= 114,635']);
    // Chapter 7's table: an LSTM layer with 100 inputs and 128 units has 117,760 parameters.
    const layer = parameterTerms(
      { ...config, hiddenSize: 128 },
      { input: { kind: 'dense', size: 100 }, outputs: 1, perStep: false },
    )[0];
    expect(layer.count).toBe(117_760);
  });
});

describe('activations per batch', () => {
  /** Float32 elements a forward pass allocates for a batch, as a task does it (input, layers, head and loss). */
  function counted(config: RecurrentNetConfig, T: number): number {
    const shape = modelShape(config, 0);
    const B = config.batchSize;
    const H = config.hiddenSize;
    const net = new RecurrentNet({
      input:
        shape.input.kind === 'one-hot'
          ? { kind: 'one-hot', vocabSize: shape.input.size }
          : { kind: 'dense', inputSize: shape.input.kind === 'dense' ? shape.input.size : 1 },
      cell: config.cell,
      hiddenSize: H,
      numLayers: config.numLayers,
      dropout: config.dropout,
      outputSize: shape.outputs,
      rng: new Rng(1),
    });
    const inputs = (): Int32Array | Float32Array =>
      shape.input.kind === 'dense'
        ? new Float32Array(T * B * shape.input.size)
        : new Int32Array(T * B).map((_, i) => i % (shape.input.kind === 'one-hot' ? shape.input.size : 1));
    const pass = () => {
      const x = inputs();
      const { output, state } = net.run(net.encode(x, T, B), null);
      if (shape.perStep) return crossEntropy(net.fc.forward(reshape(output, [T * B, H])), new Int32Array(T * B));
      const out = net.fc.forward(net.top(state));
      return shape.outputs === 1
        ? mseLoss(out, new Tensor(new Float32Array(B), [B, 1]))
        : crossEntropy(out, new Int32Array(B));
    };
    pass();
    // Less the inputs and targets the pass made for itself (map() copies the index array once more).
    const made = shape.input.kind === 'dense' ? T * B * shape.input.size : 2 * T * B;
    return countAllocations(() => void pass()) - made - (shape.perStep ? T * B : B);
  }

  it('stays within 10% of what a real forward pass allocates', () => {
    for (const task of ['char-model', 'forecast', 'recall'] as const)
      for (const cell of ['rnn', 'gru', 'lstm'] as const)
        for (const [layers, dropout] of [
          [1, 0],
          [2, 0.3],
        ] as const) {
          const config = toTaskConfig(settings({ task, cell, layers, dropout, hidden: 48, batch: 8, seq: 12 }));
          const T = config.task === 'synthetic' ? config.delay + 1 : 12;
          const estimate = activationEstimate(config, modelShape(config, 0), T).floats;
          const real = counted(config, T);
          expect(estimate / real, `${task} ${cell} ${layers}: estimate ${estimate}, allocated ${real}`).toBeGreaterThan(
            0.9,
          );
          expect(estimate / real, `${task} ${cell} ${layers}: estimate ${estimate}, allocated ${real}`).toBeLessThan(
            1.1,
          );
        }
  });

  it('says its formula and its size in words', () => {
    const config = toTaskConfig(settings({ cell: 'lstm', hidden: 64, batch: 16, seq: 32 }));
    const a = activationEstimate(config, modelShape(config, 0), 32);
    expect(a.text).toBe('16 · 32 · (75 + 11·64 + 2·75)');
    expect(a.bytes).toBe(4 * 16 * 32 * (75 + 11 * 64 + 150));
    expect(formatBytes(a.bytes)).toBe('1.9 MB');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(310_000)).toBe('310 kB');
  });
});
