// Tests for batching: padding layouts, sorting with its inverse permutation, truncation, labels, shuffled
// index batches, row gathering, and word_language_model's batchify/get_batch on a small stream.
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import {
  batchify,
  batchIndices,
  bpttStarts,
  collateBatch,
  batchRows,
  batchTimeMajor,
  getBatch,
  padSequences,
} from './batching';

const seqs = [[5, 6], [7, 8, 9], [4]];

describe('padSequences', () => {
  it('pads time-major [T, B] by default', () => {
    const b = padSequences(seqs, { paddingValue: 1 });
    expect(b.seqLen).toBe(3);
    expect(Array.from(b.lengths)).toEqual([2, 3, 1]);
    // rows of the [T, B] matrix: t = 0, 1, 2
    expect(Array.from(b.data)).toEqual([5, 7, 4, 6, 8, 1, 1, 9, 1]);
    expect(Array.from(b.sortedIndices)).toEqual([0, 1, 2]);
  });

  it('pads batch-first [B, T] on request', () => {
    const b = padSequences(seqs, { paddingValue: 0, batchFirst: true });
    expect(Array.from(b.data)).toEqual([5, 6, 0, 7, 8, 9, 4, 0, 0]);
  });

  it('sorts by decreasing length and returns both permutations', () => {
    const b = padSequences(seqs, { paddingValue: 1, batchFirst: true, sortByLength: true });
    expect(Array.from(b.lengths)).toEqual([3, 2, 1]);
    expect(Array.from(b.sortedIndices)).toEqual([1, 0, 2]);
    expect(Array.from(b.unsortedIndices)).toEqual([1, 0, 2]);
    for (let i = 0; i < seqs.length; i++) expect(b.sortedIndices[b.unsortedIndices[i]]).toBe(i);
    expect(Array.from(b.data.subarray(0, 3))).toEqual([7, 8, 9]);
  });

  it('keeps input order among equal lengths when sorting', () => {
    const b = padSequences([[1], [2, 2], [3], [4, 4]], { paddingValue: 0, sortByLength: true });
    expect(Array.from(b.sortedIndices)).toEqual([1, 3, 0, 2]);
  });

  it('truncates at either end', () => {
    expect(Array.from(padSequences(seqs, { paddingValue: 0, batchFirst: true, maxLen: 2 }).data)).toEqual([
      5, 6, 7, 8, 4, 0,
    ]);
    expect(
      Array.from(padSequences(seqs, { paddingValue: 0, batchFirst: true, maxLen: 2, truncating: 'pre' }).data),
    ).toEqual([5, 6, 8, 9, 4, 0]);
  });

  it('rejects empty batches, empty sequences and bad maxLen', () => {
    expect(() => padSequences([], { paddingValue: 0 })).toThrow(/no sequences/);
    expect(() => padSequences([[1], []], { paddingValue: 0 })).toThrow(/sequence 1 is empty/);
    expect(() => padSequences(seqs, { paddingValue: 0, maxLen: 0 })).toThrow(/maxLen/);
  });
});

describe('collateBatch', () => {
  it('keeps labels aligned with their rows after sorting', () => {
    const b = collateBatch(
      [
        { ids: [2], label: 0 },
        { ids: [3, 3, 3], label: 1 },
        { ids: [4, 4], label: 0 },
      ],
      { paddingValue: 1, sortByLength: true },
    );
    expect(Array.from(b.labels)).toEqual([1, 0, 0]);
    expect(Array.from(b.lengths)).toEqual([3, 2, 1]);
  });
});

describe('batchIndices', () => {
  it('covers every index once, in order or shuffled, with an optional short last batch', () => {
    expect(batchIndices(5, 2)).toEqual([[0, 1], [2, 3], [4]]);
    expect(batchIndices(5, 2, { dropLast: true })).toEqual([
      [0, 1],
      [2, 3],
    ]);
    const shuffled = batchIndices(10, 3, { rng: new Rng(1) });
    expect(shuffled.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shuffled.flat()).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batchIndices(10, 3, { rng: new Rng(1) })).toEqual(shuffled);
    expect(() => batchIndices(3, 0)).toThrow(RangeError);
  });
});

describe('gathering rows', () => {
  // N = 3 rows, T = 2 steps, F = 2 features: value = 100n + 10t + f
  const src = Float32Array.from([0, 1, 10, 11, 100, 101, 110, 111, 200, 201, 210, 211]);

  it('gathers a time-major [T, B, F] batch', () => {
    const out = batchTimeMajor(src, [3, 2, 2], [2, 0]);
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual([200, 201, 0, 1, 210, 211, 10, 11]);
    expect(() => batchTimeMajor(src, [3, 2, 2], [3])).toThrow(/outside/);
    expect(() => batchTimeMajor(src, [2, 2, 2], [0])).toThrow(/values/);
  });

  it('gathers whole rows batch-first', () => {
    const out = batchRows(Int32Array.from([1, 2, 3, 4, 5, 6]), 2, [2, 2, 0]);
    expect(Array.from(out)).toEqual([5, 6, 5, 6, 1, 2]);
    expect(() => batchRows(Int32Array.from([1, 2]), 2, [1])).toThrow(/outside/);
  });
});

describe('batchify and getBatch', () => {
  // The stream 0..25 in 4 columns: 26 // 4 = 6 rows, the last 2 tokens dropped.
  const stream = Int32Array.from({ length: 26 }, (_, i) => i);
  const src = batchify(stream, 4);

  it('cuts the stream into contiguous columns, time-major', () => {
    expect(src.nbatch).toBe(6);
    expect(Array.from(src.data.subarray(0, 4))).toEqual([0, 6, 12, 18]);
    expect(Array.from(src.data.subarray(4, 8))).toEqual([1, 7, 13, 19]);
    expect(() => batchify(stream, 20)).toThrow(/too short/);
  });

  it('returns inputs and targets shifted by one row, the last chunk shorter', () => {
    expect(bpttStarts(src, 2)).toEqual([0, 2, 4]);
    const first = getBatch(src, 0, 2);
    expect(first.seqLen).toBe(2);
    expect(Array.from(first.input)).toEqual([0, 6, 12, 18, 1, 7, 13, 19]);
    expect(Array.from(first.target)).toEqual([1, 7, 13, 19, 2, 8, 14, 20]);
    const last = getBatch(src, 4, 2);
    expect(last.seqLen).toBe(1);
    expect(Array.from(last.target)).toEqual([5, 11, 17, 23]);
    expect(() => getBatch(src, 5, 2)).toThrow(RangeError);
  });

  it('gives each column a target equal to the next token of the original stream', () => {
    for (const i of bpttStarts(src, 3)) {
      const { input, target, seqLen } = getBatch(src, i, 3);
      for (let k = 0; k < seqLen * 4; k++) expect(target[k]).toBe(input[k] + 1);
    }
  });
});
