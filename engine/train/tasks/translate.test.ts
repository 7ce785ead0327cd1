// The number translator: its data (held-out numbers never trained on, every input length tested), its gradient
// against central differences in float64, padding that changes nothing, attention weights that sum to 1, learning,
// and repeatable runs.
import { describe, expect, it } from 'vitest';
import { MAX_WORDS, numberToWords } from '../../data/numberWords';
import { Rng } from '../../random';
import { sum } from '../../ops/reduce';
import { gradCheck } from '../../testing/gradCheck';
import { createRun } from '../trainer';
import { createTranslateTask, isHeldOut, testNumbers, trainingNumbers, wordCountOf } from './translate';
import { TRANSLATE_DEFAULTS, type TranslateConfig } from './translateConfig';
import { NumberTranslator, sourceBatch } from './translator';

const small: TranslateConfig = {
  ...TRANSLATE_DEFAULTS,
  hiddenSize: 16,
  embeddingDim: 8,
  trainSize: 2000,
  maxSteps: 60,
  evalEvery: 30,
};

describe('translate data', () => {
  it('counts words as numberToWords does', () => {
    for (let n = 0; n <= 999_999; n += 31) expect(wordCountOf(n)).toBe(numberToWords(n).length);
  });

  it('never trains on a test number, and tests every input length from 1 to 11 words', () => {
    const train = trainingNumbers(5000, new Rng(1));
    expect(train.every((n) => !isHeldOut(n))).toBe(true);
    const test = testNumbers();
    expect(test.every((n) => isHeldOut(n))).toBe(true);
    const lengths = new Set(Array.from(test, wordCountOf));
    expect([...lengths].sort((a, b) => a - b)).toEqual(Array.from({ length: MAX_WORDS }, (_, i) => i + 1));
    // About one number in five is held out.
    let held = 0;
    for (let n = 0; n < 100_000; n++) if (isHeldOut(n)) held += 1;
    expect(held / 100_000).toBeGreaterThan(0.2);
    expect(held / 100_000).toBeLessThan(0.3);
    // Training draws every form of name, round ones included.
    expect(new Set(Array.from(train, wordCountOf)).size).toBe(MAX_WORDS);
  });
});

describe('NumberTranslator', () => {
  for (const attention of [false, true]) {
    it(`${attention ? 'with' : 'without'} attention: its gradient matches central differences in float64`, () => {
      const model = new NumberTranslator({
        attention,
        hiddenSize: 3,
        embeddingDim: 2,
        rng: new Rng(3),
        dtype: 'float64',
      });
      const src = sourceBatch([['three', 'hundred', 'and', 'twelve'], ['five']]);
      const decoderInputs = Int32Array.from([11, 11, 3, 10, 1, 10]);
      const params = model.parameters();
      const { maxError } = gradCheck(() => sum(model.forward(src, decoderInputs, 3)), params);
      expect(maxError).toBeLessThan(1e-6);
    });
  }

  it('translates a sentence alone as it does beside a longer one (padding is masked)', () => {
    const model = new NumberTranslator({ attention: true, hiddenSize: 8, embeddingDim: 4, rng: new Rng(5) });
    const short = ['forty', 'two'];
    const alone = model.translate(sourceBatch([short]))[0];
    const padded = model.translate(sourceBatch([numberToWords(777_777), short]))[1];
    expect(padded.digits).toBe(alone.digits);
    expect(padded.weights[0]).toHaveLength(2);
    for (let s = 0; s < alone.weights.length; s++) {
      expect(padded.weights[s].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      padded.weights[s].forEach((w, j) => expect(w).toBeCloseTo(alone.weights[s][j], 5));
    }
  });
});

describe('translate task', () => {
  it('learns, reports accuracy by input length and its weights, and repeats itself for a seed', () => {
    const curve = (): { losses: number[]; task: ReturnType<typeof createTranslateTask> } => {
      const task = createTranslateTask(small);
      const run = createRun(task, small);
      const losses: number[] = [];
      while (run.status === 'running') losses.push(run.step().loss);
      return { losses, task };
    };
    const a = curve();
    const b = curve();
    expect(b.losses).toEqual(a.losses);
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    expect(mean(a.losses.slice(-10))).toBeLessThan(0.9 * mean(a.losses.slice(0, 10)));
    const report = a.task.report();
    expect(report.byLength.map((r) => r.words)).toEqual(Array.from({ length: MAX_WORDS }, (_, i) => i + 1));
    expect(report.byLength.reduce((n, r) => n + r.count, 0)).toBe(a.task.sizes.test);
    expect(report.tensors.map((t) => t.name)).toEqual([...a.task.model.namedParameters().keys()]);
  });

  it('refuses a setting out of bounds with a sentence naming it', () => {
    expect(() => createTranslateTask({ ...small, hiddenSize: 0 })).toThrow(/hiddenSize/);
  });
});
