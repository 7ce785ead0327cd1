// The fused models' hand-written BPTT against central finite differences of their own loss, in
// float64 on small sizes: one below the kernels' 8 × 8 blocks (remainder loops only), one with full
// blocks and remainders (batch 9, hidden 10, vocab 11), and batch 1 as the char RNN bench runs it;
// then float32 against float64.
import { describe, expect, it } from 'vitest';
import type { Batch } from '../data';
import { initialWeights, type CellType, type ModelConfig } from '../model';
import { mulberry32 } from '../random';
import { adamDefaults } from './adam';
import { FusedCharRnn } from './charRnn';
import type { Dtype } from './flatParams';
import type { FloatArray } from './kernels';
import { FusedLstm } from './lstm';

interface FusedModel {
  params: Record<string, FloatArray>;
  grads: Record<string, FloatArray>;
  forwardBackward(batch: Batch): number;
}

const models: { name: string; cell: CellType; make: (c: ModelConfig, dtype: Dtype) => FusedModel }[] = [
  { name: 'char RNN', cell: 'rnn_tanh', make: (c, d) => new FusedCharRnn(c, initialWeights(c, 7), adamDefaults, d) },
  { name: 'LSTM', cell: 'lstm', make: (c, d) => new FusedLstm(c, initialWeights(c, 7), adamDefaults, d) },
];

function randomBatch(config: ModelConfig, seed: number): Batch {
  const rand = mulberry32(seed);
  const n = config.seqLen * config.batchSize;
  const draw = () => Int32Array.from({ length: n }, () => Math.floor(rand() * config.vocabSize));
  return { inputs: draw(), targets: draw() };
}

const sizes = [
  { vocabSize: 7, hiddenSize: 6, seqLen: 5, batchSize: 3 },
  { vocabSize: 11, hiddenSize: 10, seqLen: 4, batchSize: 9 },
  { vocabSize: 9, hiddenSize: 12, seqLen: 10, batchSize: 1 },
];
const cases = models.flatMap((m) => sizes.map((s) => ({ ...m, ...s })));

describe.each(cases)(
  'fused $name, V$vocabSize H$hiddenSize T$seqLen B$batchSize',
  ({ cell, make, vocabSize, hiddenSize, seqLen, batchSize }) => {
    const config: ModelConfig = { cell, vocabSize, hiddenSize, seqLen, batchSize };
    const batch = randomBatch(config, 11);

    it('has BPTT gradients equal to central finite differences (float64)', () => {
      const model = make(config, 'float64');
      model.forwardBackward(batch);
      const analytic = Object.fromEntries(Object.entries(model.grads).map(([k, g]) => [k, Float64Array.from(g)]));
      const eps = 1e-5;
      let checked = 0;
      for (const [name, p] of Object.entries(model.params)) {
        for (let i = 0; i < p.length; i++) {
          const orig = p[i];
          p[i] = orig + eps;
          const lossPlus = model.forwardBackward(batch);
          p[i] = orig - eps;
          const lossMinus = model.forwardBackward(batch);
          p[i] = orig;
          const numeric = (lossPlus - lossMinus) / (2 * eps);
          const a = analytic[name][i];
          if (Math.abs(numeric - a) > 1e-9 + 1e-6 * Math.abs(numeric)) {
            throw new Error(`${name}[${i}]: analytic ${a}, finite difference ${numeric}`);
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
      expect(Math.max(...Object.values(analytic).flatMap((g) => [...g].map(Math.abs)))).toBeGreaterThan(1e-3);
    });

    it('computes the same loss and gradients in float32 as in float64', () => {
      const m64 = make(config, 'float64');
      const m32 = make(config, 'float32');
      expect(m32.forwardBackward(batch)).toBeCloseTo(m64.forwardBackward(batch), 5);
      for (const name of Object.keys(m64.grads)) {
        const g64 = m64.grads[name];
        const g32 = m32.grads[name];
        for (let i = 0; i < g64.length; i++)
          expect(Math.abs(g32[i] - g64[i])).toBeLessThan(1e-6 + 1e-4 * Math.abs(g64[i]));
      }
    });
  },
);
