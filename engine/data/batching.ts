// Turning datasets into batches: padded batches of variable-length sequences with their lengths (what
// packed sequences need), shuffled index batches, fixed-length row gathering, and the truncated-BPTT
// stream batching of PyTorch's word_language_model example (`batchify` / `get_batch`).
import type { Rng } from '../random';

/** A batch of variable-length index sequences padded to a rectangle. */
export interface PaddedBatch {
  /** [seqLen, batchSize] when time-major, [batchSize, seqLen] when `batchFirst`; padding holds `paddingValue`. */
  data: Int32Array;
  /** [batchSize] the true length of each row, in row order. */
  lengths: Int32Array;
  /** The longest length, T. */
  seqLen: number;
  batchSize: number;
  batchFirst: boolean;
  /** [batchSize] row r of the batch is input sequence `sortedIndices[r]` (the identity unless sorted). */
  sortedIndices: Int32Array;
  /** [batchSize] input sequence i is row `unsortedIndices[i]`: the inverse permutation, as in PyTorch's PackedSequence. */
  unsortedIndices: Int32Array;
}

/** Options of `padSequences`. */
export interface PadOptions {
  /** The index written in padded positions: the vocabulary's `<pad>` index. Required, because PyTorch's default 0 is our `<unk>`. */
  paddingValue: number;
  /** [B, T] layout instead of time-major [T, B] (default false, as in PyTorch). */
  batchFirst?: boolean;
  /** Sort rows by decreasing length, as `pack_padded_sequence(enforce_sorted=True)` expects (default false). Ties keep input order. */
  sortByLength?: boolean;
  /** Cut sequences longer than this. */
  maxLen?: number;
  /** Which end a long sequence loses (Keras's names): 'post' keeps the beginning (default), 'pre' keeps the end. */
  truncating?: 'pre' | 'post';
}

/**
 * `torch.nn.utils.rnn.pad_sequence` with lengths: stacks sequences into one Int32Array, padding each
 * to the longest. Empty sequences are rejected, because an RNN cannot read a state from zero steps.
 * @param sequences B sequences of token indices
 */
export function padSequences(sequences: readonly ArrayLike<number>[], options: PadOptions): PaddedBatch {
  const { paddingValue, batchFirst = false, sortByLength = false, maxLen, truncating = 'post' } = options;
  const B = sequences.length;
  if (B === 0) throw new Error('padSequences: no sequences to batch');
  if (maxLen !== undefined && (!Number.isInteger(maxLen) || maxLen < 1))
    throw new RangeError(`padSequences: maxLen must be a positive integer, got ${maxLen}`);
  const order = Array.from({ length: B }, (_, i) => i);
  const len = (i: number): number => Math.min(sequences[i].length, maxLen ?? Infinity);
  order.forEach((i) => {
    if (sequences[i].length === 0)
      throw new Error(`padSequences: sequence ${i} is empty; drop empty examples before batching`);
  });
  // Array.prototype.sort is stable, so equal lengths keep their input order.
  if (sortByLength) order.sort((a, b) => len(b) - len(a));
  const T = Math.max(...order.map(len));
  const data = new Int32Array(T * B).fill(paddingValue);
  const lengths = new Int32Array(B);
  const unsortedIndices = new Int32Array(B);
  for (let r = 0; r < B; r++) {
    const seq = sequences[order[r]];
    const L = len(order[r]);
    const start = truncating === 'pre' ? seq.length - L : 0;
    lengths[r] = L;
    unsortedIndices[order[r]] = r;
    for (let t = 0; t < L; t++) data[batchFirst ? r * T + t : t * B + r] = seq[start + t];
  }
  return { data, lengths, seqLen: T, batchSize: B, batchFirst, sortedIndices: Int32Array.from(order), unsortedIndices };
}

/** A labelled sequence, e.g. a tokenized review and its class. */
export interface LabelledSequence {
  /** [length] token indices */
  ids: ArrayLike<number>;
  label: number;
}

/** A padded batch with its labels. */
export interface LabelledBatch extends PaddedBatch {
  /** [batchSize] labels in row order (so they follow the rows when sorted). */
  labels: Int32Array;
}

/** Pads a list of labelled sequences into one batch, the collate function of the sentiment task. */
export function collateBatch(examples: readonly LabelledSequence[], options: PadOptions): LabelledBatch {
  const batch = padSequences(
    examples.map((e) => e.ids),
    options,
  );
  const labels = Int32Array.from(batch.sortedIndices, (i) => examples[i].label);
  return { ...batch, labels };
}

/** Options of `batchIndices`. */
export interface BatchIndexOptions {
  /** Shuffle the order with this generator (a DataLoader with `shuffle=True`); omitted keeps 0..n−1. */
  rng?: Rng;
  /** Drop a last batch smaller than `batchSize` (default false). */
  dropLast?: boolean;
}

/**
 * Splits the indices 0..n−1 into batches, like a DataLoader's batch sampler.
 * @returns arrays of dataset indices, each of length `batchSize` except maybe the last
 */
export function batchIndices(n: number, batchSize: number, options: BatchIndexOptions = {}): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchIndices: batchSize must be a positive integer, got ${batchSize}`);
  const order = Array.from({ length: n }, (_, i) => i);
  if (options.rng) options.rng.shuffle(order);
  const out: number[][] = [];
  for (let s = 0; s < n; s += batchSize) {
    const chunk = order.slice(s, s + batchSize);
    if (chunk.length < batchSize && options.dropLast) break;
    out.push(chunk);
  }
  return out;
}

/** A typed array the gather functions copy between. */
export type NumericArray = Int32Array | Float32Array | Float64Array;

/**
 * Gathers rows of a fixed-length dataset into one time-major batch: the shape the recurrent layers read.
 * @param source [N, T, F] batch-first data (F = 1 for token indices)
 * @param indices B row indices
 * @returns [T, B, F] a new array of the same type
 */
export function batchTimeMajor<A extends NumericArray>(
  source: A,
  shape: readonly [number, number, number],
  indices: readonly number[],
): A {
  const [N, T, F] = shape;
  if (source.length !== N * T * F)
    throw new Error(`batchTimeMajor: source has ${source.length} values, expected ${N}×${T}×${F}`);
  const B = indices.length;
  const out = new (source.constructor as new (n: number) => A)(T * B * F);
  indices.forEach((n, b) => {
    if (!Number.isInteger(n) || n < 0 || n >= N) throw new RangeError(`batchTimeMajor: row ${n} is outside [0, ${N})`);
    for (let t = 0; t < T; t++) for (let f = 0; f < F; f++) out[(t * B + b) * F + f] = source[(n * T + t) * F + f];
  });
  return out;
}

/**
 * Gathers whole rows: `source[indices]` for a batch-first [N, ...rest] array.
 * @param rowSize the number of values per row (product of `rest`)
 * @returns [B, ...rest]
 */
export function batchRows<A extends NumericArray>(source: A, rowSize: number, indices: readonly number[]): A {
  const N = source.length / rowSize;
  const out = new (source.constructor as new (n: number) => A)(indices.length * rowSize);
  indices.forEach((n, b) => {
    if (!Number.isInteger(n) || n < 0 || n >= N) throw new RangeError(`batchRows: row ${n} is outside [0, ${N})`);
    out.set(source.subarray(n * rowSize, (n + 1) * rowSize), b * rowSize);
  });
  return out;
}

/** A long index stream arranged as `batchSize` parallel columns. */
export interface StreamBatches {
  /** [nbatch, batchSize] time-major: column b is the b-th contiguous slice of the stream. */
  data: Int32Array;
  /** Rows, i.e. steps per column. */
  nbatch: number;
  batchSize: number;
}

/**
 * word_language_model's `batchify`: trims the stream to a multiple of `batchSize` and cuts it into
 * `batchSize` contiguous columns (`data.view(bsz, -1).t()`), so column b continues across chunks and
 * the hidden state can be carried from one chunk to the next.
 * @param stream [N] token indices of the whole text
 */
export function batchify(stream: ArrayLike<number>, batchSize: number): StreamBatches {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchify: batchSize must be a positive integer, got ${batchSize}`);
  const nbatch = Math.floor(stream.length / batchSize);
  if (nbatch < 2)
    throw new Error(
      `batchify: a stream of ${stream.length} tokens is too short for ${batchSize} columns of at least 2 steps`,
    );
  const data = new Int32Array(nbatch * batchSize);
  for (let b = 0; b < batchSize; b++) for (let t = 0; t < nbatch; t++) data[t * batchSize + b] = stream[b * nbatch + t];
  return { data, nbatch, batchSize };
}

/** One truncated-BPTT chunk: inputs and next-token targets. */
export interface StreamChunk {
  /** [seqLen, batchSize] inputs, rows i..i+seqLen−1 */
  input: Int32Array;
  /** [seqLen, batchSize] the next token of each input (flatten for cross-entropy, as `.view(-1)` does) */
  target: Int32Array;
  /** The chunk's length: `seqLen`, or less for the last chunk. */
  seqLen: number;
}

/**
 * word_language_model's `get_batch(source, i)`: rows i..i+L−1 as input and i+1..i+L as target, with
 * L = min(seqLen, nbatch − 1 − i).
 */
export function getBatch(source: StreamBatches, i: number, seqLen: number): StreamChunk {
  const { data, nbatch, batchSize } = source;
  if (!Number.isInteger(i) || i < 0 || i >= nbatch - 1)
    throw new RangeError(`getBatch: start row ${i} is outside [0, ${nbatch - 1})`);
  const L = Math.min(seqLen, nbatch - 1 - i);
  return {
    input: data.slice(i * batchSize, (i + L) * batchSize),
    target: data.slice((i + 1) * batchSize, (i + 1 + L) * batchSize),
    seqLen: L,
  };
}

/**
 * The chunk start rows of one epoch, `range(0, nbatch − 1, seqLen)` in the example's training loop.
 * @returns start rows for `getBatch`
 */
export function bpttStarts(source: StreamBatches, seqLen: number): number[] {
  if (!Number.isInteger(seqLen) || seqLen < 1)
    throw new RangeError(`bpttStarts: seqLen must be a positive integer, got ${seqLen}`);
  const out: number[] = [];
  for (let i = 0; i < source.nbatch - 1; i += seqLen) out.push(i);
  return out;
}
