// The encoder–decoder that translates number words to digits: a GRU encoder reads the words, a GRUCell decoder writes
// the digits one at a time, and at each output step reads a context vector, either the encoder's last state (no
// attention) or a softmax-weighted average of all its states (Luong's dot attention). Runs in the worker and the page.
import { noGrad } from '../../autodiff/gradMode';
import { NUMBER_WORDS } from '../../data/numberWords';
import { GRUCell } from '../../nn/cells';
import { Embedding, Linear } from '../../nn/linear';
import { Module } from '../../nn/module';
import { GRU } from '../../nn/recurrent';
import { add } from '../../ops/elementwise';
import { bmm } from '../../ops/matmul';
import { concat, reshape, select, stack, transpose } from '../../ops/shape';
import { softmax } from '../../ops/softmax';
import { tanh } from '../../ops/unary';
import type { Rng } from '../../random';
import { allocate, Tensor, type DType } from '../../tensor';

/** Source vocabulary: padding at 0, then NUMBER_WORDS. */
export const SOURCE_VOCAB: readonly string[] = ['<pad>', ...NUMBER_WORDS];
/** Target symbols: the digits 0–9 at their own index, then end-of-sequence and start-of-sequence. */
export const EOS = 10;
export const SOS = 11;
/** Target vocabulary size (what the decoder reads: digits, EOS, SOS). */
export const TARGET_SYMBOLS = 12;
/** What the decoder writes: the ten digits and EOS. */
export const OUTPUT_SIZE = 11;
/** The longest output: six digits and EOS. */
export const MAX_OUTPUT_STEPS = 7;

/** A masked attention score: its softmax weight is exactly 0 in float32. */
const MASKED = -1e9;

/** Sizes of a translator. */
export interface TranslatorOptions {
  attention: boolean;
  hiddenSize: number;
  embeddingDim: number;
  /** Initial weights, in registration order (embeddings, encoder, decoder, combine, fc). */
  rng: Rng;
  /** Default 'float32'; 'float64' for the PyTorch parity check. */
  dtype?: DType;
}

/** A batch of source sentences, padded: word indices batch-first and each sentence's length. */
export interface SourceBatch {
  /** [B·T] indices into SOURCE_VOCAB, row-major [B, T], padded with 0 */
  words: Int32Array;
  /** [B], each 1..T */
  lengths: Int32Array;
  B: number;
  T: number;
}

/** What the encoder hands the decoder. */
interface Encoded {
  /** [B, T, H] every step's state (zeros past a sentence's end) */
  states: Tensor;
  /** [B, H, T] the same, transposed for the scores */
  statesT: Tensor;
  /** [B, H] the state after each sentence's last word */
  last: Tensor;
  /** [B, 1, T] 0 on words, MASKED on padding */
  mask: Tensor;
}

/** One decoder step's output: the features the output layer reads and, with attention, the weights. */
interface DecoderStep {
  h: Tensor;
  /** [B, H] tanh(W_c [h; context] + b_c) */
  features: Tensor;
  /** [B, 1, T], or null without attention */
  weights: Tensor | null;
}

/** A greedy translation of one sentence. */
export interface Translation {
  /** The digits written before EOS (or before MAX_OUTPUT_STEPS ran out). */
  digits: string;
  /** Whether the decoder wrote EOS. */
  ended: boolean;
  /** Per output step (digits, then EOS if written), the weight on each input word; empty without attention. */
  weights: number[][];
}

/** GRU encoder, GRUCell decoder, optional dot attention; parameter names as a PyTorch module with these attributes. */
export class NumberTranslator extends Module {
  readonly attention: boolean;
  readonly hiddenSize: number;
  readonly embeddingDim: number;
  readonly dtype: DType;
  readonly sourceEmbedding: Embedding;
  readonly encoder: GRU;
  readonly targetEmbedding: Embedding;
  readonly decoder: GRUCell;
  readonly combine: Linear;
  readonly fc: Linear;

  constructor(options: TranslatorOptions) {
    super();
    const { attention, hiddenSize: H, embeddingDim: E, rng, dtype = 'float32' } = options;
    this.attention = attention;
    this.hiddenSize = H;
    this.embeddingDim = E;
    this.dtype = dtype;
    this.sourceEmbedding = this.registerModule(
      'source_embedding',
      new Embedding(SOURCE_VOCAB.length, E, { rng, dtype, paddingIdx: 0 }),
    );
    this.encoder = this.registerModule('encoder', new GRU(E, H, { batchFirst: true, rng, dtype }));
    this.targetEmbedding = this.registerModule('target_embedding', new Embedding(TARGET_SYMBOLS, E, { rng, dtype }));
    this.decoder = this.registerModule('decoder', new GRUCell(E, H, { rng, dtype }));
    this.combine = this.registerModule('combine', new Linear(2 * H, H, { rng, dtype }));
    this.fc = this.registerModule('fc', new Linear(H, OUTPUT_SIZE, { rng, dtype }));
  }

  /** Reads a batch of sentences. */
  private encode(src: SourceBatch): Encoded {
    const { B, T } = src;
    const H = this.hiddenSize;
    const words = reshape(this.sourceEmbedding.forward(src.words), [B, T, this.embeddingDim]);
    const { output, hN } = this.encoder.forward(words, { lengths: src.lengths });
    const mask = allocate(this.dtype, B * T);
    for (let b = 0; b < B; b++) mask.fill(MASKED, b * T + src.lengths[b], (b + 1) * T);
    return {
      states: output,
      statesT: transpose(output, 1, 2),
      last: reshape(hN, [B, H]),
      mask: new Tensor(mask, [B, 1, T]),
    };
  }

  /**
   * One decoder step: h = GRUCell(x, h); context = Σ_j a_j s_j with a = softmax_j(h · s_j) (attention) or the
   * encoder's last state; features = tanh(W_c [h; context] + b_c).
   * @param x [B, E] the previous symbol's vector
   */
  private decodeStep(x: Tensor, h: Tensor, enc: Encoded): DecoderStep {
    const B = x.shape[0];
    const H = this.hiddenSize;
    const hNext = this.decoder.forward(x, h);
    let context = enc.last;
    let weights: Tensor | null = null;
    if (this.attention) {
      const scores = add(bmm(reshape(hNext, [B, 1, H]), enc.statesT), enc.mask); // [B, 1, T]
      weights = softmax(scores, -1);
      context = reshape(bmm(weights, enc.states), [B, H]);
    }
    return { h: hNext, features: tanh(this.combine.forward(concat([hNext, context], 1))), weights };
  }

  /**
   * Teacher-forced logits: the decoder reads SOS then the true digits.
   * @param decoderInputs [S·B] time-major [S, B] indices (SOS, digits, padding with any symbol)
   * @returns logits [S·B, OUTPUT_SIZE], time-major
   */
  forward(src: SourceBatch, decoderInputs: Int32Array, S: number): Tensor {
    const { B } = src;
    const enc = this.encode(src);
    const inputs = reshape(this.targetEmbedding.forward(decoderInputs), [S, B, this.embeddingDim]);
    let h = enc.last;
    const features: Tensor[] = [];
    for (let s = 0; s < S; s++) {
      const step = this.decodeStep(select(inputs, 0, s), h, enc);
      h = step.h;
      features.push(step.features);
    }
    return reshape(this.fc.forward(stack(features, 0)), [S * B, OUTPUT_SIZE]);
  }

  /**
   * Greedy translations: each step feeds back the most likely symbol, until every sentence wrote EOS or
   * MAX_OUTPUT_STEPS. No gradients are recorded.
   */
  translate(src: SourceBatch): Translation[] {
    const { B, T } = src;
    return noGrad(() => {
      const enc = this.encode(src);
      const out: Translation[] = Array.from({ length: B }, () => ({ digits: '', ended: false, weights: [] }));
      let previous = new Int32Array(B).fill(SOS);
      let h = enc.last;
      for (let s = 0; s < MAX_OUTPUT_STEPS && out.some((t) => !t.ended); s++) {
        const step = this.decodeStep(this.targetEmbedding.forward(previous), h, enc);
        h = step.h;
        const logits = this.fc.forward(step.features).data;
        const next = new Int32Array(B);
        for (let b = 0; b < B; b++) {
          let best = 0;
          for (let k = 1; k < OUTPUT_SIZE; k++)
            if (logits[b * OUTPUT_SIZE + k] > logits[b * OUTPUT_SIZE + best]) best = k;
          next[b] = best;
          const t = out[b];
          if (t.ended) continue;
          if (step.weights) t.weights.push(Array.from(step.weights.data.subarray(b * T, b * T + src.lengths[b])));
          if (best === EOS) t.ended = true;
          else t.digits += String(best);
        }
        previous = next;
      }
      return out;
    });
  }
}

/**
 * Pads sentences (word lists) into a batch.
 * @throws RangeError on a word outside SOURCE_VOCAB or an empty sentence
 */
export function sourceBatch(sentences: readonly (readonly string[])[]): SourceBatch {
  const B = sentences.length;
  const T = Math.max(1, ...sentences.map((s) => s.length));
  const words = new Int32Array(B * T);
  const lengths = new Int32Array(B);
  sentences.forEach((s, b) => {
    if (s.length === 0) throw new RangeError('sourceBatch: an empty sentence');
    lengths[b] = s.length;
    s.forEach((w, t) => {
      const i = SOURCE_VOCAB.indexOf(w);
      if (i < 1) throw new RangeError(`sourceBatch: unknown word ${JSON.stringify(w)}`);
      words[b * T + t] = i;
    });
  });
  return { words, lengths, B, T };
}
