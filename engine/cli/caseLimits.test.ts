// caseLimits: each size field's limit names the field; the element estimate is checked against the
// typed arrays a real pass allocates (counted by wrapping the constructors), so it cannot drift from the engine.
import { describe, expect, it, vi } from 'vitest';
import { countAllocations } from '../testing/countAllocations';
import { makeCase, type CaseSpec } from '../testing/makeCase';
import { caseElements, MAX_ELEMENTS, MAX_HIDDEN_SIZE, type CaseSizes } from './caseLimits';
import { parseCase } from './parseCase';

function sizesOf(c: Record<string, unknown>): CaseSizes {
  const p = parseCase(c);
  return { ...p, hasH0: p.h0 !== undefined, hasLengths: p.lengths !== undefined };
}

const modes = ['rnn_tanh', 'rnn_relu', 'lstm', 'gru'] as const;
const shapes: Omit<CaseSpec, 'mode'>[] = [
  { inputSize: 3, hiddenSize: 16, seqLen: 10, batchSize: 4 },
  {
    inputSize: 40,
    hiddenSize: 32,
    numLayers: 2,
    bidirectional: true,
    batchFirst: true,
    seqLen: 20,
    batchSize: 8,
    h0: true,
  },
  { inputSize: 5, hiddenSize: 24, numLayers: 3, bidirectional: true, seqLen: 7, batchSize: 3, lengths: true },
  {
    inputSize: 65,
    hiddenSize: 8,
    numLayers: 2,
    batchFirst: true,
    seqLen: 30,
    batchSize: 16,
    h0: true,
    lengths: true,
    bias: false,
  },
  { inputSize: 2, hiddenSize: 12, seqLen: 9, batchSize: 1, unbatched: true, h0: true },
];

describe('caseElements', () => {
  it('is at or above the float64 values a fresh pass allocates, and within 1.5× of them', async () => {
    const ratios: number[] = [];
    for (const mode of modes)
      for (const shape of shapes) {
        const c = makeCase({ mode, ...shape });
        // A fresh engine each time: its gradient-buffer pool and gemm scratch would otherwise be reused.
        vi.resetModules();
        const { answerCase } = await import('./runCase');
        const allocated = countAllocations(() => answerCase(c));
        const estimate = caseElements(sizesOf(c));
        ratios.push(estimate / allocated);
        const what = `${mode} ${JSON.stringify(shape)}: ${allocated} allocated, estimate ${estimate}`;
        expect(estimate, what).toBeGreaterThanOrEqual(allocated);
        expect(estimate, what).toBeLessThanOrEqual(1.5 * allocated);
      }
    console.info(`caseElements / allocated: ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`);
  });

  it('lets through the char model at its largest settings and a one-step LSTM at the largest hidden size', () => {
    const charModel: CaseSizes = {
      mode: 'lstm',
      inputSize: 75,
      hiddenSize: 256,
      numLayers: 1,
      bidirectional: false,
      batchFirst: false,
      batched: true,
      bias: true,
      seqLen: 128,
      batchSize: 16,
      hasH0: true,
      hasLengths: false,
    };
    expect(caseElements(charModel)).toBe(11_745_344);
    expect(caseElements(charModel)).toBeLessThan(MAX_ELEMENTS / 2);
    const wide = { ...charModel, inputSize: 1, hiddenSize: MAX_HIDDEN_SIZE, seqLen: 1, batchSize: 1 };
    expect(caseElements(wide)).toBeLessThan(MAX_ELEMENTS);
    expect(caseElements({ ...wide, numLayers: 2 })).toBeGreaterThan(MAX_ELEMENTS);
  });
});
