// The sentiment model file on every machine, PyTorch or not: a committed file written by scripts/torch/sentiment_rnn.py
// loads into the engine and predicts what PyTorch predicted (to 1e-5), the engine writes the same structure back
// (exact float32 weights), and every malformed field is refused with a sentence naming it.
//
// The fixtures were made with Debian's python3-torch, from scripts/torch/:
//   python3 sentiment_rnn.py --data ../../engine/data/corpora/sentiment-labelled-sentences/imdb_labelled.txt \
//     --cell rnn --embed-dim 3 --hidden-dim 3 --epochs 2 --lr 0.01 --out ../../engine/train/tasks/fixtures/sentiment-rnn-pytorch.json
//   python3 sentiment_predict.py --json ../../engine/train/tasks/fixtures/sentiment-rnn-pytorch.json SENTENCE...
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAD } from '../../data/vocab';
import { readSentimentFile, writeSentimentFile, type SentimentFile } from './sentimentFile';
import { encode, evaluate } from './sentimentRnn';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'));
const fromPyTorch = fixture('sentiment-rnn-pytorch.json') as SentimentFile;
const expected = fixture('sentiment-rnn-pytorch.predictions.json') as { sentences: string[]; positive: number[] };

/** The engine's P(positive) for each sentence under a loaded file. */
function predictions(file: unknown, sentences: readonly string[]): number[] {
  const { model, vocab, maxLen } = readSentimentFile(file);
  const examples = sentences.map((text) => ({ ids: encode(vocab, text, maxLen), label: 0 }));
  return Array.from(evaluate(model, examples, vocab.get(PAD)).positive);
}

/** The fixture's fields as a test may break them. */
interface Editable {
  format: unknown;
  version: unknown;
  tokenizer: unknown;
  model: Record<string, unknown>;
  vocab: string[];
  state_dict: Record<string, unknown>;
}

/** A copy of the fixture with one change made by `edit`. */
function edited(edit: (file: Editable) => void): unknown {
  const copy = structuredClone(fromPyTorch) as unknown as Editable;
  edit(copy);
  return copy;
}

describe('the sentiment model file', () => {
  it('written by PyTorch, loads into the engine and predicts what PyTorch predicted', () => {
    const engine = predictions(fromPyTorch, expected.sentences);
    engine.forEach((p, i) => expect(Math.abs(p - expected.positive[i])).toBeLessThan(1e-5));
    const { cell, embedDim, hiddenDim, vocab, trained } = readSentimentFile(fromPyTorch);
    expect([cell, embedDim, hiddenDim, vocab.length]).toEqual(['rnn', 3, 3, 2783]);
    expect(vocab.get('cinematographically')).toBe(0); // not in the vocabulary: <unk>
    expect(trained.by).toMatch(/^PyTorch /);
  });

  it('is written back by the engine with the same structure and the same float32 weights', () => {
    const { model, vocab, cell, maxLen } = readSentimentFile(fromPyTorch);
    const text = writeSentimentFile(model, vocab, { cell, maxLen, trained: { by: 'a test' } });
    const written = JSON.parse(text) as SentimentFile;
    expect(Object.keys(written).sort()).toEqual(Object.keys(fromPyTorch).sort());
    expect(written.model).toEqual(fromPyTorch.model);
    expect(written.vocab).toEqual(fromPyTorch.vocab);
    expect(Object.keys(written.state_dict)).toEqual(Object.keys(fromPyTorch.state_dict));
    for (const [name, value] of Object.entries(written.state_dict)) {
      const a = new Float32Array((value as number[][]).flat());
      const b = new Float32Array((fromPyTorch.state_dict[name] as number[][]).flat());
      expect(a, name).toEqual(b);
    }
    expect(predictions(written, expected.sentences)).toEqual(predictions(fromPyTorch, expected.sentences));
  });

  it.each([
    [(f: Editable) => (f.format = 'pickle'), /^format: expected "unrolled-sentiment-rnn"/],
    [(f: Editable) => (f.version = 2), /^version: this lab reads version 1, got .*2/],
    [(f: Editable) => (f.model.cell = 'transformer'), /^model\.cell: must be one of rnn, lstm, gru/],
    [(f: Editable) => (f.model.hidden_dim = '3'), /^model\.hidden_dim: must be a whole number from 1 to 1024/],
    [(f: Editable) => (f.model.output_dim = 3), /^model\.output_dim: must be 2/],
    [(f: Editable) => (f.tokenizer = 'spacy'), /^tokenizer: must be "basic_english"/],
    [(f: Editable) => f.vocab.pop(), /^vocab: must be a list of 2783 strings \(model\.vocab_size\), got 2782 entries/],
    [(f: Editable) => (f.vocab[5] = f.vocab[4]), /^vocab: token "," appears twice/],
    [(f: Editable) => (f.model.pad_index = 0), /^model\.pad_index: must be the index of <pad> in vocab \(1\)/],
    [
      (f: Editable) => Object.assign(f.model, { vocab_size: 200_000, embed_dim: 1024 }),
      /^model: describes 204,[\d,]+ parameters, more than a browser tab/,
    ],
    [(f: Editable) => delete f.state_dict['fc.bias'], /^state_dict\.fc\.bias: missing \(expected shape \[2\]\)/],
    [(f: Editable) => (f.state_dict['rnn.weight_hh_l0'] = [[1, 2]]), /^state_dict\.rnn\.weight_hh_l0: .*\[3, 3\]/],
  ])('refuses a malformed file, naming the field (%#)', (edit, message) => {
    expect(() => readSentimentFile(edited(edit))).toThrow(message);
  });

  it('refuses something that is not a model file at all', () => {
    expect(() => readSentimentFile([1, 2])).toThrow(/^file: expected a JSON object/);
    expect(() => readSentimentFile({ format: 'unrolled-sentiment-rnn', version: 1, model: null })).toThrow(
      /^model: expected an object/,
    );
  });
});
