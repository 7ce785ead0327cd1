// The messages between the page and the training worker, as typed unions with string-literal `type` fields,
// and the parser that turns an untrusted incoming message into one of them (or a sentence saying why not).
import type { KernelStatus } from '../kernels/index';
import { BASE_BOUNDS, describeBound, withinBound } from '../train/config';
import type { TaskName } from '../train/task';
import { parseTaskConfig, type TaskConfig } from '../train/tasks/configs';

export type { KernelStatus } from '../kernels/index';

/**
 * Where a run in the worker is in its life: the trainer's statuses (engine/train/trainer.ts `RunStatus`) plus
 * the worker's own. `loading` covers fetching and parsing the data and building the model.
 */
export type WorkerRunStatus =
  'loading' | 'running' | 'paused' | 'done' | 'early-stopped' | 'diverged' | 'cancelled' | 'error';

/** Statuses after which the run takes no more steps (it still answers `sample` and `snapshot`). */
export const FINAL_STATUSES: readonly WorkerRunStatus[] = ['done', 'early-stopped', 'diverged', 'cancelled', 'error'];

/** A file the reader chose from disk (a `File` in the browser); the worker reads it, so parsing never blocks the page. */
export interface ReaderFile {
  readonly name: string;
  readonly size: number;
  text(): Promise<string>;
}

/** Where a run's data comes from. */
export type DataSource =
  /** A same-origin static file of the site, e.g. the absolute URL of /data/moby-dick.txt. */
  | { kind: 'url'; url: string }
  /** Text handed over directly (tests, small inputs). `name` is the file name messages use. */
  | { kind: 'text'; text: string; name?: string }
  /** The reader's own files: one CSV, or the .txt files of an aclImdb folder with their relative paths. */
  | { kind: 'files'; files: { path: string; file: ReaderFile }[] }
  /** Tasks that generate their own data (the synthetic tasks). */
  | { kind: 'none' };

/** Page → worker. Every message after `start` names its run, so a late message for an old run is ignored. */
export type ToWorker =
  /**
   * Start a run of the task `config.task` names, with that task's settings (checked against its bounds). `init`
   * (sentiment only) is a model file to start from instead of random weights: its sizes and vocabulary replace the
   * config's, and with 0 epochs the run only evaluates it.
   */
  | { type: 'start'; runId: string; config: TaskConfig; data: DataSource; init?: DataSource }
  | { type: 'pause'; runId: string }
  | { type: 'resume'; runId: string }
  /** Take `n` more steps, then pause. */
  | { type: 'step'; runId: string; n: number }
  | { type: 'cancel'; runId: string }
  | { type: 'setLearningRate'; runId: string; lr: number }
  /** Generate `length` characters after `prime` (char model only), sampling at `temperature` with its own `seed`. */
  | {
      type: 'sample';
      runId: string;
      requestId: number;
      prime: string;
      length: number;
      temperature: number;
      seed: number;
    }
  /** The parameters (and, where the task has them, hidden states) as Float32Arrays. */
  | { type: 'snapshot'; runId: string; requestId: number }
  /**
   * Time a few training steps of `config` on `data` without starting a run: build the task, take one step to warm
   * up, then time steps for about a third of a second (3 to 20 of them). It runs between two steps of the current
   * run, if any, and delays it; a page that wants an estimate while it trains uses a worker of its own. `runId`
   * only labels the reply.
   */
  | { type: 'measure'; runId: string; requestId: number; config: TaskConfig; data: DataSource }
  /** What the task reports about the run so far (sentiment: the model, its test predictions and the baseline's). */
  | { type: 'report'; runId: string; requestId: number };

/** What the page learns once the data is loaded and the model is built. */
export interface RunInfo {
  task: TaskName;
  stepsPerEpoch: number;
  maxSteps: number;
  /** One sentence on the data, e.g. "Moby-Dick, 1,171,422 characters: 1,054,280 to train on, 117,142 held out." */
  dataSummary: string;
  /** What simple baselines score, under the names of the evaluation (`valLoss` or a metric name): e.g. the unigram model's loss. */
  baselines: Record<string, number>;
  /** The characters the char model knows, in index order (char model only). */
  vocabulary?: string;
  /** Trainable parameters of the model (every tensor of its state_dict). */
  parameters: number;
  /** The config as the worker checked it and trains it (only the task's settings, each within its bound). */
  config: TaskConfig;
}

/** One training step on the loss curve. */
export interface TrainPoint {
  step: number;
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

/** One evaluation on the validation split. */
export interface EvalPoint {
  step: number;
  valLoss: number;
  metrics: Record<string, number>;
}

/** Progress since the previous progress message; the page appends `points` and `evals` to its curves. */
export interface ProgressMessage {
  type: 'progress';
  runId: string;
  /** Steps taken so far. */
  step: number;
  /** Fractional passes over the training data so far. */
  epoch: number;
  /** The latest training loss and gradient norm, and the latest validation loss and metrics (null before the first evaluation). */
  loss: number;
  gradNorm: number;
  valLoss: number | null;
  metrics: Record<string, number>;
  learningRate: number;
  /** Training time so far, pauses excluded. */
  elapsedMs: number;
  /** Estimated time to `maxSteps` at the recent pace (early stopping may end the run sooner); null until measured. */
  remainingMs: number | null;
  maxSteps: number;
  points: TrainPoint[];
  evals: EvalPoint[];
}

/** A named array of a snapshot: a parameter in PyTorch's name, or a hidden state. */
export interface SnapshotTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** The weights a run ended with when `restoreBest` loaded the best evaluation's, and their validation loss measured again. */
export interface RestoredWeights {
  step: number;
  valLoss: number;
}

/** What a `measure` request found: the median time of the timed steps, how many were timed, the model's parameters. */
export interface Timing {
  msPerStep: number;
  steps: number;
  parameters: number;
}

/** Worker → page. */
export type FromWorker =
  /**
   * A change of status; a final one carries the sentence that ended the run (for `diverged`, what went wrong and
   * what to try), and, when `restoreBest` loaded the best weights at the end, which ones.
   */
  | {
      type: 'status';
      runId: string;
      status: WorkerRunStatus;
      step: number;
      message?: string;
      restored?: RestoredWeights;
    }
  /** The run is built; `kernels` says which kernels run its float32 work (and why JS, when it is). */
  | { type: 'ready'; runId: string; info: RunInfo; kernels: KernelStatus }
  | ProgressMessage
  /** Without `requestId`: the run (or, without `runId`, a message) failed. With it: only that request failed. */
  | { type: 'error'; runId?: string; requestId?: number; message: string }
  /** Generated `text` (after the prime); `unknown` lists the prime's characters the model does not know, which were left out. */
  | {
      type: 'samples';
      runId: string;
      requestId: number;
      step: number;
      prime: string;
      text: string;
      temperature: number;
      unknown: string[];
    }
  | { type: 'snapshot'; runId: string; requestId: number; step: number; tensors: SnapshotTensor[] }
  | ({ type: 'timing'; runId: string; requestId: number } & Timing)
  /** The task's report (its shape is the task's: engine/train/tasks/sentiment.ts `SentimentReport`). */
  | { type: 'report'; runId: string; requestId: number; step: number; report: unknown };

/** Bounds the parser enforces, so a bad message is refused before it can start a huge computation. */
export const LIMITS = {
  maxStepN: 10_000,
  maxSampleLength: 2_000,
  maxPrimeLength: 500,
  minTemperature: 0.05,
  maxTemperature: 5,
} as const;

const MESSAGE_TYPES: readonly ToWorker['type'][] = [
  'start',
  'pause',
  'resume',
  'step',
  'cancel',
  'setLearningRate',
  'sample',
  'snapshot',
  'measure',
  'report',
];

/** A parsed message, or why it was refused, with whatever of its run, request and (known) type could be read. */
type Parsed =
  | { ok: true; message: ToWorker }
  | { ok: false; error: string; runId?: string; requestId?: number; type?: ToWorker['type'] };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown, min: number, max: number): x is number =>
  Number.isInteger(x) && (x as number) >= min && (x as number) <= max;
const isMessageType = (x: unknown): x is ToWorker['type'] => (MESSAGE_TYPES as readonly unknown[]).includes(x);
const isReaderFile = (x: unknown): x is ReaderFile =>
  isObject(x) && typeof x.name === 'string' && typeof x.size === 'number' && typeof x.text === 'function';

function checkData(data: unknown): string | null {
  if (!isObject(data)) return 'data must be an object';
  switch (data.kind) {
    case 'url':
      return typeof data.url === 'string' && data.url.length > 0 ? null : 'data.url must be a non-empty string';
    case 'text':
      return typeof data.text === 'string' ? null : 'data.text must be a string';
    case 'files':
      return Array.isArray(data.files) &&
        data.files.length > 0 &&
        data.files.every((f) => isObject(f) && typeof f.path === 'string' && isReaderFile(f.file))
        ? null
        : 'data.files must be a non-empty list of { path, file }';
    case 'none':
      return null;
    default:
      return 'data.kind must be url, text, files or none';
  }
}

/**
 * Checks an incoming message field by field. Whatever arrives (a string, a missing field, a NaN learning
 * rate), the result is either a well-typed message or an error sentence, never an exception.
 */
export function parseToWorker(raw: unknown): Parsed {
  if (!isObject(raw)) return { ok: false, error: 'a message must be an object with a "type" field' };
  const runId = typeof raw.runId === 'string' && raw.runId.length > 0 ? raw.runId : undefined;
  const requestId = isInt(raw.requestId, 0, Number.MAX_SAFE_INTEGER) ? raw.requestId : undefined;
  if (!isMessageType(raw.type)) {
    return {
      ok: false,
      error: `unknown message type ${JSON.stringify(raw.type)}; expected one of ${MESSAGE_TYPES.join(', ')}`,
      runId,
      requestId,
    };
  }
  const type = raw.type;
  const fail = (error: string): Parsed => ({ ok: false, error: `${type}: ${error}`, runId, requestId, type });
  if (runId === undefined) return fail('runId must be a non-empty string');
  switch (type) {
    case 'start':
    case 'measure': {
      if (type === 'measure' && requestId === undefined) return fail('requestId must be a whole number');
      const config = parseTaskConfig(raw.config);
      if (!config.ok) return fail(config.field === 'config' ? config.error : `config.${config.error}`);
      const problem = checkData(raw.data);
      if (problem) return fail(problem);
      const data = raw.data as DataSource;
      if (type === 'measure')
        return { ok: true, message: { type, runId, requestId: requestId!, config: config.config, data } };
      const start = { type: 'start', runId, config: config.config, data } as const;
      if (raw.init === undefined) return { ok: true, message: start };
      const initProblem = checkData(raw.init);
      return initProblem
        ? fail(initProblem.replace(/^data/, 'init'))
        : { ok: true, message: { ...start, init: raw.init as DataSource } };
    }
    case 'pause':
    case 'resume':
    case 'cancel':
      return { ok: true, message: { type, runId } };
    case 'step':
      return isInt(raw.n, 1, LIMITS.maxStepN)
        ? { ok: true, message: { type: 'step', runId, n: raw.n } }
        : fail(`n must be a whole number from 1 to ${LIMITS.maxStepN}`);
    case 'setLearningRate':
      return typeof raw.lr === 'number' && withinBound(BASE_BOUNDS.learningRate, raw.lr)
        ? { ok: true, message: { type: 'setLearningRate', runId, lr: raw.lr } }
        : fail(`lr must be ${describeBound(BASE_BOUNDS.learningRate)}`);
    case 'sample': {
      if (requestId === undefined) return fail('requestId must be a whole number');
      if (typeof raw.prime !== 'string' || raw.prime.length > LIMITS.maxPrimeLength)
        return fail(`prime must be text of at most ${LIMITS.maxPrimeLength} characters`);
      if (!isInt(raw.length, 1, LIMITS.maxSampleLength))
        return fail(`length must be a whole number from 1 to ${LIMITS.maxSampleLength}`);
      if (!(
        typeof raw.temperature === 'number' &&
        raw.temperature >= LIMITS.minTemperature &&
        raw.temperature <= LIMITS.maxTemperature
      )) {
        return fail(`temperature must be a number from ${LIMITS.minTemperature} to ${LIMITS.maxTemperature}`);
      }
      if (!isInt(raw.seed, -(2 ** 31), 2 ** 32 - 1)) return fail('seed must be a whole number');
      return {
        ok: true,
        message: {
          type: 'sample',
          runId,
          requestId,
          prime: raw.prime,
          length: raw.length,
          temperature: raw.temperature,
          seed: raw.seed,
        },
      };
    }
    case 'snapshot':
    case 'report':
      return requestId === undefined
        ? fail('requestId must be a whole number')
        : { ok: true, message: { type, runId, requestId } };
    default:
      return fail('unknown message type');
  }
}
