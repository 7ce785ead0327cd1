// Builds what the worker drives from a start message: parses the loaded data for the named task, makes the
// task and its trainer run (engine/train), and exposes the run's steps, samples and snapshots to the handler.
import { parseSentimentCsv } from '../data/csv';
import { DataError } from '../data/errors';
import { isImdbReviewPath, parseImdbFiles } from '../data/imdb';
import { isLabelledBundle, LABELLED_SOURCE_NAMES, parseLabelledBundle } from '../data/labelledSentences';
import { parseSentimentCorpus } from '../data/sentiment';
import { decodeBirths } from '../data/timeseries';
import type { Task } from '../train/task';
import { createRun } from '../train/trainer';
import {
  CHAR_MODEL_DEFAULTS,
  SENTIMENT_DEFAULTS,
  createCharModelTask,
  createForecastTask,
  createSentimentTask,
  createSyntheticTask,
  createTeacherForcingTask,
  createTranslateTask,
  runConfigFor,
  type CharModelConfig,
  type CharModelTask,
  type SentimentConfig,
  type SentimentData,
  type TaskConfig,
} from '../train/tasks/index';
import type { LoadedData } from './data';
import type { RunStepResult, WorkerRun } from './handler';
import type { RunInfo, SnapshotTensor } from './protocol';

const count = (n: number): string => n.toLocaleString('en-US');

/** The text a task reads, or a sentence saying what it expected instead. */
function textOf(data: LoadedData, task: string): { name: string; text: string } {
  if (data.kind !== 'text')
    throw new Error(
      `the ${task} task reads one text file; it was given ${data.kind === 'files' ? 'several files' : 'no data'}`,
    );
  return data;
}

/** The characters of `prime` the char model cannot read, each once, in order of appearance. */
export function unknownCharacters(task: CharModelTask, prime: string): string[] {
  return [...new Set(Array.from(prime))].filter((ch) => !task.vocab.has(ch));
}

interface Built {
  task: Task;
  dataSummary: string;
  vocabulary?: string;
  sample?: WorkerRun['sample'];
  report?: WorkerRun['report'];
}

function buildCharModel(config: CharModelConfig, data: LoadedData): Built {
  const { name, text } = textOf(data, 'char-model');
  const task = createCharModelTask(config, { text });
  const held = Math.round((config.validationFraction ?? CHAR_MODEL_DEFAULTS.validationFraction) * 100);
  return {
    task,
    dataSummary: `${name}: ${count(text.length)} characters, ${task.vocab.length} distinct; the last ${held}% is held out for validation.`,
    vocabulary: task.vocab.getItos().join(''),
    sample: (prime, length, temperature, seed) => ({
      text: task.sample({ prime, length, temperature, seed }),
      unknown: unknownCharacters(task, prime),
    }),
  };
}

/** JSON from a fetched site file, or a DataError naming the file. */
function jsonOf(data: LoadedData, task: string): unknown {
  const { name, text } = textOf(data, task);
  try {
    return JSON.parse(text);
  } catch {
    throw new DataError('the file is not valid JSON', { file: name });
  }
}

/** The sentiment task's examples: the real review sentences (the bundle), the course corpus, the reader's CSV, or the
 * reader's aclImdb files; and a few words on them for the run's summary. */
function sentimentData(data: LoadedData, config: SentimentConfig): { data: SentimentData; summary: string } {
  if (data.kind === 'text' && data.name.toLowerCase().endsWith('.json')) {
    const json = jsonOf(data, 'sentiment');
    if (isLabelledBundle(json)) {
      const source = config.source ?? SENTIMENT_DEFAULTS.source;
      const testSource = config.testSource ?? source;
      const sources = parseLabelledBundle(json, data.name);
      const tested = testSource === source ? '' : ` (tested on the ${LABELLED_SOURCE_NAMES[testSource]})`;
      return {
        data: { kind: 'labelled', sources },
        summary: `${LABELLED_SOURCE_NAMES[source]}, ${count(sources[source].length)} sentences${tested}`,
      };
    }
    return {
      data: { kind: 'corpus', corpus: parseSentimentCorpus(json) },
      summary: `${data.name}: the course's controlled sentences`,
    };
  }
  if (data.kind === 'text') {
    const examples = parseSentimentCsv(data.text, { file: data.name });
    return { data: { kind: 'examples', examples }, summary: `${data.name}: ${count(examples.length)} reviews` };
  }
  if (data.kind === 'files') {
    if (data.files.length === 1 && !isImdbReviewPath(data.files[0].path)) {
      const [file] = data.files;
      const examples = parseSentimentCsv(file.text, { file: file.path });
      return { data: { kind: 'examples', examples }, summary: `${file.path}: ${count(examples.length)} reviews` };
    }
    const examples = parseImdbFiles(data.files);
    return { data: { kind: 'examples', examples }, summary: `${count(examples.length)} reviews from aclImdb files` };
  }
  throw new Error(
    'the sentiment task needs data: the review sentences, the course corpus, a CSV file, or aclImdb review files',
  );
}

/** A model file handed to the sentiment task (`init`), parsed from JSON, or a DataError naming the file. */
function modelFileOf(init: LoadedData): unknown {
  if (init.kind === 'files' && init.files.length === 1)
    return jsonOf({ kind: 'text', name: init.files[0].path, text: init.files[0].text }, 'sentiment');
  if (init.kind === 'text') return jsonOf(init, 'sentiment');
  throw new DataError('a model to load must be one JSON file');
}

/** The one place that turns a task name into a task: reads the data the way that task needs, then builds it. */
function build(config: TaskConfig, data: LoadedData, init: LoadedData | undefined): Built {
  switch (config.task) {
    case 'char-model':
      return buildCharModel(config, data);
    case 'forecast': {
      const records = decodeBirths(jsonOf(data, 'forecast'));
      const task = createForecastTask(config, { records });
      return {
        task,
        dataSummary: `Daily US births, ${records[0]?.date} to ${records.at(-1)?.date}: ${count(records.length)} days.`,
        // The report of a forecaster is its whole test year forecast, beside the baselines' (a `ForecastYear`).
        report: () => ({ report: task.forecastYear(), transfer: [] }),
      };
    }
    case 'sentiment': {
      const { data: examples, summary } = sentimentData(data, config);
      const task = createSentimentTask(config, examples, init && modelFileOf(init));
      const { train, validation, test } = task.sizes;
      return {
        task,
        dataSummary: `${summary}; ${count(train)} to train on, ${count(validation)} to validate, ${count(test)} to test.`,
        report: () => {
          const report = task.report();
          return { report, transfer: report.tensors.map((t) => t.data.buffer as ArrayBuffer) };
        },
      };
    }
    case 'synthetic':
      return { task: createSyntheticTask(config), dataSummary: 'Sequences generated from the seed.' };
    case 'teacher-forcing': {
      const records = decodeBirths(jsonOf(data, 'teacher-forcing'));
      const task = createTeacherForcingTask(config, { records });
      return {
        task,
        dataSummary: `Daily US births, ${records[0]?.date} to ${records.at(-1)?.date}: ${count(records.length)} days.`,
        // The report of a generator is its free-running test: the error at each generated step (a `GenerationReport`).
        report: () => ({ report: task.generationReport(), transfer: [] }),
      };
    }
    case 'translate': {
      const task = createTranslateTask(config);
      return {
        task,
        dataSummary:
          `Number names from 0 to 999,999 generated from the seed: ${count(task.sizes.train)} to train on, ` +
          `${count(task.sizes.test)} held-out numbers to test.`,
        // The report of a translator is its weights and its test accuracy by input length (a `TranslateReport`).
        report: () => {
          const report = task.report();
          return { report, transfer: report.tensors.map((t) => t.data.buffer as ArrayBuffer) };
        },
      };
    }
  }
}

/** A copy of every parameter, in state_dict order, ready to be transferred. */
function snapshotOf(task: Task): SnapshotTensor[] {
  if (!task.namedParameters) throw new Error(`the ${task.name} task does not expose its parameters`);
  return [...task.namedParameters()].map(([name, t]) => ({
    name,
    shape: [...t.shape],
    data: Float32Array.from(t.data),
  }));
}

/** Trainable parameters of a task's model: the sizes of its state_dict tensors (0 for a task that does not expose them). */
export function parameterCount(task: Task): number {
  let total = 0;
  for (const t of task.namedParameters?.().values() ?? []) total += t.size;
  return total;
}

/**
 * Makes the task a config names over its loaded data and wraps it in a trainer run. The config has passed
 * `parseTaskConfig` (the message check); the task checks it again against the same bounds.
 * @throws RangeError naming the setting, or Error (or the data layer's DataError) with a message for the reader, when the config or data is unusable
 */
export function createWorkerRun(config: TaskConfig, data: LoadedData, init?: LoadedData): WorkerRun {
  if (init !== undefined && config.task !== 'sentiment')
    throw new Error(`the ${config.task} task does not load a model file`);
  const built = build(config, data, init);
  const { task } = built;
  const runConfig = runConfigFor(config, task);
  // A loaded model with nothing to train has no run: the handler ends it as soon as it is ready.
  const run = runConfig.maxSteps === 0 ? null : createRun(task, runConfig);
  const info: RunInfo = {
    task: config.task,
    stepsPerEpoch: task.stepsPerEpoch,
    maxSteps: runConfig.maxSteps,
    dataSummary: built.dataSummary,
    baselines: { ...(task.baselines ?? {}) },
    ...(built.vocabulary !== undefined ? { vocabulary: built.vocabulary } : {}),
    parameters: parameterCount(task),
    config,
  };
  return {
    info,
    step(): RunStepResult {
      if (run === null) throw new Error('this model was loaded to be evaluated; there is nothing to train');
      const p = run.step();
      const result: RunStepResult = { step: p.step, epoch: p.epoch, loss: p.loss, gradNorm: p.gradNorm };
      if (p.eval) result.eval = { step: p.step, valLoss: p.eval.valLoss, metrics: p.eval.metrics };
      if (p.status !== 'running')
        result.stop = { status: p.status, message: p.message ?? '', ...(p.restored ? { restored: p.restored } : {}) };
      return result;
    },
    setLearningRate: (lr) => run?.setLearningRate(lr),
    sample: built.sample,
    report: built.report,
    snapshot: task.namedParameters ? () => snapshotOf(task) : undefined,
  };
}
