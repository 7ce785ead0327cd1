// The trained model on the page, for reading a review word by word: chapter 9's RNNModel rebuilt from the weights the
// worker reported, run once over the typed tokens to give the hidden state and P(positive) after every token.
import { basicEnglish } from '../../../engine/data/tokenize';
import { PAD, UNK, Vocab } from '../../../engine/data/vocab';
import { noGrad } from '../../../engine/autodiff/gradMode';
import { Rng } from '../../../engine/random';
import { Tensor } from '../../../engine/tensor';
import type { SentimentReport } from '../../../engine/train/tasks/sentiment';
import { encode, evaluate, RNNModel } from '../../../engine/train/tasks/sentimentRnn';

/** What the model made of a review, token by token. */
export interface Reading {
  /** The tokens as the tokenizer cut them (at most maxLen). */
  tokens: string[];
  /** Whether each token is in the vocabulary (false: it was read as <unk>). */
  known: boolean[];
  /** [T][hiddenDim] the top layer's hidden state after each token. */
  hidden: Float32Array[];
  /** P(positive) after each token: the classifier applied to the hidden state so far. */
  positive: number[];
}

/** A trained model on the page: builds once from a report, then reads any text in well under a frame. */
export class ReviewReader {
  readonly vocab: Vocab;
  readonly hiddenDim: number;
  private readonly model: RNNModel;
  private readonly maxLen: number;

  constructor(report: Pick<SentimentReport, 'settings' | 'vocab' | 'tensors'>) {
    const { cell, embedDim, hiddenDim, maxLen } = report.settings;
    this.vocab = new Vocab(report.vocab, report.vocab.indexOf(UNK));
    this.hiddenDim = hiddenDim;
    this.maxLen = maxLen;
    const layers = report.tensors.filter((t) => /^rnn\.weight_hh_l\d+$/.test(t.name)).length;
    this.model = new RNNModel(this.vocab.length, embedDim, hiddenDim, 2, this.vocab.get(PAD), cell, new Rng(0), {
      numLayers: layers,
    });
    const params = this.model.namedParameters();
    for (const t of report.tensors) {
      const p = params.get(t.name);
      if (!p || p.size !== t.data.length) throw new Error(`the report's ${t.name} does not fit the model`);
      p.data.set(t.data);
    }
    this.model.eval();
  }

  /**
   * Reads `text` token by token in one pass of the recurrent layer (no padding, one sequence): the state after each
   * token, and the classifier's P(positive) on it, which is what the model would say if the review stopped there.
   */
  read(text: string): Reading {
    const tokens = basicEnglish(text).slice(0, this.maxLen);
    if (tokens.length === 0) return { tokens: [], known: [], hidden: [], positive: [] };
    const ids = this.vocab.lookupIndices(tokens);
    const T = ids.length;
    const H = this.hiddenDim;
    return noGrad(() => {
      const embedded = this.model.embedding.forward(new Tensor(Float32Array.from(ids), [T, 1]));
      const { output } = this.model.rnn.forward(embedded); // [T, 1, H]: the top layer's h_t
      const logits = this.model.fc.forward(output); // [T, 1, 2]
      const hidden = Array.from({ length: T }, (_, t) => Float32Array.from(output.data.subarray(t * H, (t + 1) * H)));
      const positive = Array.from(
        { length: T },
        (_, t) => 1 / (1 + Math.exp(logits.data[2 * t] - logits.data[2 * t + 1])),
      );
      return { tokens, known: tokens.map((tok) => this.vocab.has(tok)), hidden, positive };
    });
  }

  /**
   * P(positive) of whole texts by the listing's own batched, packed forward pass (`evaluate`): what the reading's
   * last step must equal, and what each prefix's reading step must equal.
   */
  predict(texts: readonly string[]): number[] {
    if (texts.length === 0) return [];
    const examples = texts.map((text) => ({ ids: encode(this.vocab, text, this.maxLen), label: 0 }));
    return Array.from(evaluate(this.model, examples, this.vocab.get(PAD)).positive);
  }
}
