// The sentiment model as one JSON file that moves between the lab and PyTorch: its sizes, the vocabulary and the
// state_dict (PyTorch's names, nested arrays), written by the lab's "Download for PyTorch" and by
// scripts/torch/sentiment_rnn.py, read by both, with errors that name the field.
import { Vocab, PAD, UNK } from '../../data/vocab';
import { describe, FieldError } from '../../nested';
import { Rng } from '../../random';
import { loadStateDict } from '../../stateDict';
import { CELL_TYPES, type CellType } from '../task';
import { RNNModel } from './sentimentRnn';

/** The `format` field of every file. */
export const SENTIMENT_FILE_FORMAT = 'unrolled-sentiment-rnn';
/** The version this code writes and reads. */
export const SENTIMENT_FILE_VERSION = 1;

/** The largest model a file may describe: the lab's own bounds are narrower; this stops a file that cannot fit in a tab. */
const LIMITS = { vocab: 200_000, dim: 1024, maxLen: 5000, parameters: 30_000_000 } as const;

/** The file's `model` part: what to build before loading the weights. */
export interface SentimentFileModel {
  cell: CellType;
  vocab_size: number;
  embed_dim: number;
  hidden_dim: number;
  output_dim: 2;
  pad_index: number;
  unk_index: number;
}

/** The whole file, as written. */
export interface SentimentFile {
  format: typeof SENTIMENT_FILE_FORMAT;
  version: typeof SENTIMENT_FILE_VERSION;
  model: SentimentFileModel;
  tokenizer: 'basic_english';
  max_len: number;
  vocab: string[];
  state_dict: Record<string, unknown>;
  /** How the model was trained (free-form: who, on what, settings, accuracies). */
  trained: Record<string, unknown>;
}

/** A file read back: the model with its weights, its vocabulary, and what it says about itself. */
export interface LoadedSentimentModel {
  model: RNNModel;
  vocab: Vocab;
  cell: CellType;
  embedDim: number;
  hiddenDim: number;
  maxLen: number;
  trained: Record<string, unknown>;
}

/** A float32 value in the fewest digits that read back as the same float32 (9 significant digits always do). */
const f32 = (x: number): string => String(Number(x.toPrecision(9)));

/** A row-major tensor as a JSON nested array, written by hand: a 2,800 × 100 embedding is 280,000 numbers. */
function nestedJson(data: ArrayLike<number>, shape: readonly number[]): string {
  if (shape.length === 1) return `[${Array.from(data, f32).join(',')}]`;
  const [rows, cols] = shape;
  const out: string[] = [];
  for (let r = 0; r < rows; r++)
    out.push(`[${Array.from({ length: cols }, (_, c) => f32(data[r * cols + c])).join(',')}]`);
  return `[${out.join(',')}]`;
}

/**
 * The file for a model and its vocabulary: what "Download for PyTorch" saves, and what
 * `load_for_pytorch` in scripts/torch/sentiment_rnn.py reads into the outline's RNNModel.
 * @param trained how it was trained (settings, data, accuracies), kept as given
 */
export function writeSentimentFile(
  model: RNNModel,
  vocab: Vocab,
  options: { cell: CellType; maxLen: number; trained: Record<string, unknown> },
): string {
  const head: Omit<SentimentFile, 'state_dict'> = {
    format: SENTIMENT_FILE_FORMAT,
    version: SENTIMENT_FILE_VERSION,
    model: {
      cell: options.cell,
      vocab_size: vocab.length,
      embed_dim: model.embedding.embeddingDim,
      hidden_dim: model.fc.inFeatures,
      output_dim: 2,
      pad_index: vocab.get(PAD),
      unk_index: vocab.get(UNK),
    },
    tokenizer: 'basic_english',
    max_len: options.maxLen,
    vocab: vocab.getItos(),
    trained: options.trained,
  };
  const tensors = [...model.namedParameters()].map(
    ([name, t]) => `${JSON.stringify(name)}:${nestedJson(t.data, t.shape)}`,
  );
  const json = JSON.stringify(head);
  return `${json.slice(0, -1)},"state_dict":{${tensors.join(',')}}}`;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    throw new FieldError(field, `must be a whole number from ${min} to ${max}, got ${describe(value)}`);
  return value as number;
}

/**
 * Reads a model file (already parsed from JSON) and builds the model with its weights. Everything is checked
 * before anything large is allocated: the format, the sizes, the vocabulary (distinct strings, <unk> and <pad> where
 * the file says), then each tensor's name and shape (`loadStateDict`).
 * @throws FieldError naming the field, e.g. `model.hidden_dim: must be a whole number from 1 to 1024, got "64"` or
 *   `state_dict.rnn.weight_hh_l0: expected shape [64, 64], got [32, 32]`
 */
export function readSentimentFile(json: unknown): LoadedSentimentModel {
  if (!isObject(json)) throw new FieldError('file', `expected a JSON object, got ${describe(json)}`);
  if (json.format !== SENTIMENT_FILE_FORMAT)
    throw new FieldError(
      'format',
      `expected "${SENTIMENT_FILE_FORMAT}" (a model saved by the lab or sentiment_rnn.py), got ${describe(json.format)}`,
    );
  if (json.version !== SENTIMENT_FILE_VERSION)
    throw new FieldError('version', `this lab reads version ${SENTIMENT_FILE_VERSION}, got ${describe(json.version)}`);
  const m = json.model;
  if (!isObject(m)) throw new FieldError('model', `expected an object, got ${describe(m)}`);
  if (typeof m.cell !== 'string' || !(CELL_TYPES as readonly string[]).includes(m.cell))
    throw new FieldError('model.cell', `must be one of ${CELL_TYPES.join(', ')}, got ${describe(m.cell)}`);
  const cell = m.cell as CellType;
  const vocabSize = wholeNumber(m.vocab_size, 'model.vocab_size', 2, LIMITS.vocab);
  const embedDim = wholeNumber(m.embed_dim, 'model.embed_dim', 1, LIMITS.dim);
  const hiddenDim = wholeNumber(m.hidden_dim, 'model.hidden_dim', 1, LIMITS.dim);
  if (m.output_dim !== 2)
    throw new FieldError('model.output_dim', `must be 2 (negative, positive), got ${describe(m.output_dim)}`);
  if (json.tokenizer !== 'basic_english')
    throw new FieldError(
      'tokenizer',
      `must be "basic_english", the tokenizer the lab reads with, got ${describe(json.tokenizer)}`,
    );
  const maxLen = wholeNumber(json.max_len, 'max_len', 1, LIMITS.maxLen);
  const gates = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
  const parameters = vocabSize * embedDim + gates * hiddenDim * (embedDim + hiddenDim + 2) + 2 * hiddenDim + 2;
  if (parameters > LIMITS.parameters)
    throw new FieldError(
      'model',
      `describes ${parameters.toLocaleString('en-US')} parameters, more than a browser tab should hold (${LIMITS.parameters.toLocaleString('en-US')})`,
    );

  const itos = json.vocab;
  if (!Array.isArray(itos) || itos.length !== vocabSize || !itos.every((t) => typeof t === 'string'))
    throw new FieldError(
      'vocab',
      `must be a list of ${vocabSize} strings (model.vocab_size), got ${Array.isArray(itos) ? `${itos.length} entries` : describe(itos)}`,
    );
  let vocab: Vocab;
  try {
    vocab = new Vocab(itos);
  } catch (error) {
    throw new FieldError('vocab', error instanceof Error ? error.message.replace(/^Vocab: /, '') : String(error));
  }
  for (const [special, field] of [
    [UNK, 'unk_index'],
    [PAD, 'pad_index'],
  ] as const) {
    if (!vocab.has(special) || vocab.get(special) !== m[field])
      throw new FieldError(
        `model.${field}`,
        `must be the index of ${special} in vocab (${vocab.has(special) ? vocab.get(special) : 'absent'}), got ${describe(m[field])}`,
      );
  }
  vocab.setDefaultIndex(vocab.get(UNK));

  const model = new RNNModel(vocabSize, embedDim, hiddenDim, 2, vocab.get(PAD), cell, new Rng(0));
  loadStateDict(model, json.state_dict, { label: 'state_dict' });
  const trained = isObject(json.trained) ? json.trained : {};
  return { model, vocab, cell, embedDim, hiddenDim, maxLen, trained };
}
