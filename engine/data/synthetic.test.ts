// Tests for the synthetic tasks: layouts, the rule that defines each target, seeding, and the stated baselines.
import { describe, expect, it } from 'vitest';
import { addingTask, countTask, parityTask, recallTask } from './synthetic';

const sizes = { trainCount: 500, validationCount: 100, seed: 3 };

describe('recallTask', () => {
  it('asks for the first token after the delay, with the query last', () => {
    const { train, validation } = recallTask({ delay: 5, numSymbols: 4, ...sizes });
    expect(train.seqLen).toBe(6);
    expect(train.vocabSize).toBe(6);
    expect(validation.count).toBe(100);
    for (let n = 0; n < train.count; n++) {
      const row = train.inputs.subarray(n * 6, n * 6 + 6);
      expect(row[0]).toBe(train.targets[n]);
      expect(row[5]).toBe(5);
      for (let t = 1; t < 5; t++) expect(row[t]).toBeLessThan(4);
    }
  });

  it('fills the gap with blanks on request and covers every symbol', () => {
    const { train } = recallTask({ delay: 3, numSymbols: 3, filler: 'blank', ...sizes });
    expect(Array.from(train.inputs.subarray(0, 4)).slice(1)).toEqual([3, 3, 4]);
    expect(new Set(train.targets).size).toBe(3);
    expect(train.chanceAccuracy).toBeCloseTo(1 / 3);
  });

  it('is reproducible from its seed and differs between train and validation', () => {
    const a = recallTask({ delay: 10, ...sizes });
    const b = recallTask({ delay: 10, ...sizes });
    expect(a.train.inputs).toEqual(b.train.inputs);
    expect(a.validation.inputs.subarray(0, 100)).not.toEqual(a.train.inputs.subarray(0, 100));
    expect(recallTask({ delay: 10, ...sizes, seed: 4 }).train.inputs).not.toEqual(a.train.inputs);
  });

  it('rejects bad parameters', () => {
    expect(() => recallTask({ delay: 0, ...sizes })).toThrow(/delay/);
    expect(() => recallTask({ delay: 2, numSymbols: 1, ...sizes })).toThrow(/numSymbols/);
    expect(() => recallTask({ delay: 2, ...sizes, trainCount: 0 })).toThrow(/count/);
  });
});

describe('addingTask', () => {
  const { train } = addingTask({ length: 20, ...sizes });

  it('marks exactly two steps, one per half, and sums their values', () => {
    for (let n = 0; n < train.count; n++) {
      const marked: number[] = [];
      let sum = 0;
      for (let t = 0; t < 20; t++) {
        const v = train.inputs[(n * 20 + t) * 2];
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(1);
        if (train.inputs[(n * 20 + t) * 2 + 1] === 1) {
          marked.push(t);
          sum += v;
        }
      }
      expect(marked.length).toBe(2);
      expect(marked[0]).toBeLessThan(10);
      expect(marked[1]).toBeGreaterThanOrEqual(10);
      expect(train.targets[n]).toBeCloseTo(sum, 6);
    }
  });

  it('has the stated baseline: predicting 1 scores about 1/6', () => {
    let mse = 0;
    for (const y of train.targets) mse += (y - 1) ** 2;
    expect(mse / train.count).toBeGreaterThan(0.13);
    expect(mse / train.count).toBeLessThan(0.2);
    expect(train.baselineMse).toBeCloseTo(1 / 6);
    expect(() => addingTask({ length: 1, ...sizes })).toThrow(/length/);
  });
});

describe('parityTask', () => {
  it('labels each bit sequence with its parity, about half of each', () => {
    const { train } = parityTask({ length: 7, ...sizes });
    let ones = 0;
    for (let n = 0; n < train.count; n++) {
      const row = Array.from(train.inputs.subarray(n * 7, n * 7 + 7));
      expect(row.every((b) => b === 0 || b === 1)).toBe(true);
      expect(train.targets[n]).toBe(row.reduce((a, b) => a + b, 0) % 2);
      ones += train.targets[n];
    }
    expect(ones / train.count).toBeGreaterThan(0.4);
    expect(ones / train.count).toBeLessThan(0.6);
  });
});

describe('countTask', () => {
  const { train, validation } = countTask({
    length: 30,
    numSymbols: 50,
    trainCount: 300,
    validationCount: 1000,
    seed: 0,
  });

  it('labels a sequence 1 exactly when symbol 3 occurs more often than symbol 7', () => {
    for (const set of [train, validation]) {
      expect(set.seqLen).toBe(30);
      expect(set.vocabSize).toBe(50);
      for (let n = 0; n < set.count; n++) {
        const row = Array.from(set.inputs.subarray(n * 30, n * 30 + 30));
        const threes = row.filter((t) => t === 3).length;
        const sevens = row.filter((t) => t === 7).length;
        expect(set.targets[n]).toBe(threes > sevens ? 1 : 0);
        for (const t of row) expect(t).toBeLessThan(50);
      }
    }
  });

  it('says what always answering the larger class scores: about 70% for 30 tokens of 50 symbols', () => {
    const ones = Array.from(validation.targets).filter((t) => t === 1).length;
    expect(validation.chanceAccuracy).toBe(Math.max(ones, 1000 - ones) / 1000);
    expect(validation.chanceAccuracy).toBeGreaterThan(0.64);
    expect(validation.chanceAccuracy).toBeLessThan(0.76);
  });

  it('needs both counted symbols among its symbols', () => {
    expect(() => countTask({ length: 30, numSymbols: 7, ...sizes })).toThrow(/numSymbols/);
  });
});
