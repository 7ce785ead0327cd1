// Kept training runs as plain data: each run's settings, curves, status and timing, folded from the worker's progress
// messages, compared with the run before it ("lr 0.05 → 0.003"), checked for overfitting, and stored in localStorage
// within a size bound. Shared by every widget that keeps runs (the training lab, the tuning lab, the char model).
import { parseTaskConfig, type TaskConfig } from '../../engine/train/tasks/configs';

/**
 * Where a kept run is: waiting its turn (`queued`), the worker's live statuses, or how it ended. The ends are the
 * worker's: `done` (all steps), `early-stopped`, `diverged`, `cancelled` (the reader stopped it), `error`.
 */
export type RunState =
  'queued' | 'loading' | 'running' | 'paused' | 'done' | 'early-stopped' | 'diverged' | 'cancelled' | 'error';

/** States after which a run takes no more steps. */
export const ENDED_STATES: readonly RunState[] = ['done', 'early-stopped', 'diverged', 'cancelled', 'error'];

/** One evaluation on the validation split, with the training loss around it (the mean of the steps since the last point). */
export interface EvalEntry {
  step: number;
  valLoss: number;
  /** The task's metrics at this evaluation (`accuracy`, `mae`, `perplexity`, …). */
  metrics: Record<string, number>;
  /** Mean training loss of the latest block of steps before this evaluation; NaN before the first step. */
  trainLoss: number;
}

/** The lowest validation loss of a run and where it was measured. */
export interface BestEval {
  step: number;
  valLoss: number;
  metrics: Record<string, number>;
}

/** A kept run: JSON-serialisable data, nothing live. */
export interface RunRecord {
  /** Unique within a history. */
  id: string;
  /** Its number for a reader ("#3"): one more than the highest a history held when it was added, never reused. */
  number: number;
  /** The complete config the worker trained (checked by `parseTaskConfig` when read back). */
  config: TaskConfig;
  /** A name the owner gives it (a preset's name, "trial 7"), or null. */
  label: string | null;
  /** What it belongs to (a predict question, a search), or null. */
  group: string | null;
  /** Which data it read when its task can read several (the sentiment task's source id), or null. */
  dataSource: string | null;
  /** Milliseconds since the epoch when it was added. */
  createdAt: number;
  state: RunState;
  /** Steps taken so far (the step it ended at, once ended). */
  steps: number;
  /** The sentence that ended it (the worker's, e.g. why it diverged), or null. */
  message: string | null;
  /**
   * Training loss, one `[step, mean loss]` point per block of `trainBlock` steps (the block doubles whenever the
   * curve reaches `2 × MAX_TRAIN_POINTS` points, so a long run stays bounded and its noise smoothed).
   */
  train: [number, number][];
  trainBlock: number;
  /** The block being filled: sum of losses, count, last step. */
  trainPending: [number, number, number];
  evals: EvalEntry[];
  best: BestEval | null;
  /** Training time per step: the worker's elapsed time over steps taken (pauses excluded), or a measurement before the run. */
  msPerStep: number | null;
  /** Training time so far, pauses excluded. */
  elapsedMs: number;
  /** Number of trainable parameters, when known. */
  parameters: number | null;
  /** What simple baselines score on the run's validation data, by metric name (`valLoss`, `accuracy`, …). */
  baselines: Record<string, number>;
  /** When early stopping restored the best weights: the step whose weights the model ended with, and their validation loss. */
  restored: { step: number; valLoss: number } | null;
  pinned: boolean;
  hidden: boolean;
  /** Index into the chart's colour list, fixed for the run's life. */
  color: number;
}

/** Most training-curve points a run keeps before merging neighbours. */
export const MAX_TRAIN_POINTS = 150;
/** Most evaluations a run keeps (a longer run keeps every other one, then every fourth, …). */
export const MAX_EVALS = 400;
/** How many colours the runs cycle through (`components/charts/runsChart.ts` has the list). */
export const COLOR_COUNT = 8;

/** What `appendProgress` reads of a worker progress message (`engine/worker/protocol.ts`). */
export interface ProgressLike {
  step: number;
  elapsedMs: number;
  points: readonly { step: number; loss: number }[];
  evals: readonly { step: number; valLoss: number; metrics: Record<string, number> }[];
}

/** Options of a new run. */
export interface NewRunOptions {
  id?: string;
  /** Default 1; a history gives the next free number. */
  number?: number;
  label?: string | null;
  group?: string | null;
  dataSource?: string | null;
  /** Colour index; by default the first one no kept run uses. */
  color?: number;
  state?: RunState;
  now?: number;
}

let idCounter = 0;

/** A fresh run record for `config`, queued. */
export function createRunRecord(config: TaskConfig, options: NewRunOptions = {}): RunRecord {
  const now = options.now ?? Date.now();
  return {
    id: options.id ?? `run-${now.toString(36)}-${(++idCounter).toString(36)}`,
    number: options.number ?? 1,
    config,
    label: options.label ?? null,
    group: options.group ?? null,
    dataSource: options.dataSource ?? null,
    createdAt: now,
    state: options.state ?? 'queued',
    steps: 0,
    message: null,
    train: [],
    trainBlock: 1,
    trainPending: [0, 0, 0],
    evals: [],
    best: null,
    msPerStep: null,
    elapsedMs: 0,
    parameters: null,
    baselines: {},
    restored: null,
    pinned: false,
    hidden: false,
    color: options.color ?? 0,
  };
}

function flushTrain(run: RunRecord): void {
  const [sum, count, step] = run.trainPending;
  if (count === 0) return;
  run.train.push([step, sum / count]);
  run.trainPending = [0, 0, step];
  if (run.train.length >= 2 * MAX_TRAIN_POINTS) {
    // Merge neighbours: each point now stands for twice as many steps (equal blocks, so the mean of the means).
    const merged: [number, number][] = [];
    for (let i = 0; i + 1 < run.train.length; i += 2)
      merged.push([run.train[i + 1][0], (run.train[i][1] + run.train[i + 1][1]) / 2]);
    if (run.train.length % 2 === 1) merged.push(run.train[run.train.length - 1]);
    run.train = merged;
    run.trainBlock *= 2;
  }
}

/**
 * Folds one progress message into the run (in place): its training points into the block-averaged curve, its
 * evaluations (with the latest training loss beside each) and the best so far, its step, time and pace.
 * Called for every message in order; a run that was queued or loading becomes running.
 */
export function appendProgress(run: RunRecord, progress: ProgressLike): void {
  for (const p of progress.points) {
    const [sum, count] = run.trainPending;
    run.trainPending = [sum + p.loss, count + 1, p.step];
    if (count + 1 >= run.trainBlock) flushTrain(run);
  }
  for (const e of progress.evals) {
    const [sum, count] = run.trainPending;
    const last = run.train.at(-1);
    const trainLoss = count > 0 ? sum / count : last ? last[1] : NaN;
    run.evals.push({ step: e.step, valLoss: e.valLoss, metrics: { ...e.metrics }, trainLoss });
    if (Number.isFinite(e.valLoss) && (run.best === null || e.valLoss < run.best.valLoss))
      run.best = { step: e.step, valLoss: e.valLoss, metrics: { ...e.metrics } };
  }
  if (run.evals.length > MAX_EVALS) {
    // Keep the best, the last and every other one.
    run.evals = run.evals.filter((e, i) => i % 2 === 1 || e.step === run.best?.step || i === run.evals.length - 1);
  }
  run.steps = Math.max(run.steps, progress.step);
  run.elapsedMs = progress.elapsedMs;
  if (progress.step > 0 && progress.elapsedMs > 0) run.msPerStep = progress.elapsedMs / progress.step;
  if (run.state === 'queued' || run.state === 'loading') run.state = 'running';
}

/** Ends a run (in place): its final state, the step it reached, the sentence, and the training curve's last partial block. */
export function endRun(run: RunRecord, state: RunState, step: number, message: string | null): void {
  flushTrain(run);
  run.state = state;
  run.steps = Math.max(run.steps, step);
  run.message = message;
}

/** Whether the run has ended. */
export const hasEnded = (run: Pick<RunRecord, 'state'>): boolean => ENDED_STATES.includes(run.state);

/** Drops a run's training curve, keeping its evaluations (for searches that keep many finished runs). */
export function dropTrainingCurve(run: RunRecord): void {
  run.train = [];
  run.trainPending = [0, 0, run.trainPending[2]];
}

// ---------------------------------------------------------------------------------------------------------------
// Settings in words

/** Short names of settings, as a legend shows them ("lr 0.05 → 0.003"). Keys not listed are shown by their own name. */
export const SETTING_NAMES: Readonly<Record<string, string>> = {
  task: 'task',
  cell: 'cell',
  hiddenSize: 'hidden',
  numLayers: 'layers',
  learningRate: 'lr',
  batchSize: 'batch',
  seqLen: 'seq',
  window: 'window',
  delay: 'delay',
  maxLen: 'max len',
  dropout: 'dropout',
  optimizer: 'optimizer',
  momentum: 'momentum',
  nonlinearity: 'activation',
  clip: 'clip',
  seed: 'seed',
  trainFraction: 'data',
  patience: 'early stop',
  restoreBest: 'restore best',
  maxSteps: 'steps',
  evalEvery: 'eval every',
  embeddingDim: 'embedding',
  problem: 'problem',
  numSymbols: 'symbols',
  forgetBias: 'forget bias',
};

const TASK_WORDS: Readonly<Record<string, string>> = {
  'char-model': 'char model',
  forecast: 'forecast',
  sentiment: 'sentiment',
  synthetic: 'recall',
};

const trim = (x: number): string => String(Number(x.toPrecision(4)));

/** A setting's value as a legend shows it: clip 0 is "off", a data share a percentage, a task its short name. */
export function formatSetting(key: string, value: unknown): string {
  if (value === undefined) return 'default';
  if (key === 'task' && typeof value === 'string') return TASK_WORDS[value] ?? value;
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return JSON.stringify(value);
  if ((key === 'clip' || key === 'patience') && value === 0) return 'off';
  if (key === 'trainFraction') return `${trim(value * 100)}%`;
  if (key === 'learningRate' && value < 1e-4) return value.toExponential(1).replace(/\.0e/, 'e');
  return trim(value);
}

/** One setting that differs between two runs. */
export interface SettingChange {
  key: string;
  name: string;
  from: string;
  to: string;
}

/** Settings whose absence means a value: an absent clip or patience is off (0), an absent data share is all of it. */
const ABSENT_MEANS: Readonly<Record<string, unknown>> = { clip: 0, patience: 0, trainFraction: 1, restoreBest: false };

/**
 * The settings that differ from `prev` to `next`, the task first, then in `SETTING_NAMES` order, then any others
 * alphabetically. Between different tasks only the task is listed (their settings do not compare).
 */
export function settingChanges(prev: TaskConfig, next: TaskConfig): SettingChange[] {
  const p = prev as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  const change = (key: string): SettingChange => ({
    key,
    name: SETTING_NAMES[key] ?? key,
    from: formatSetting(key, p[key] ?? ABSENT_MEANS[key]),
    to: formatSetting(key, n[key] ?? ABSENT_MEANS[key]),
  });
  if (prev.task !== next.task) return [change('task')];
  const order = Object.keys(SETTING_NAMES);
  const keys = [...new Set([...Object.keys(p), ...Object.keys(n)])].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia !== ib) return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
    return a < b ? -1 : 1;
  });
  return keys
    .filter((k) => JSON.stringify(p[k] ?? ABSENT_MEANS[k]) !== JSON.stringify(n[k] ?? ABSENT_MEANS[k]))
    .map(change);
}

/**
 * What changed from the previous run, for a legend: "lr 0.05 → 0.003 · hidden 32 → 256"; "same settings" when
 * nothing did; for the first run (`prev` null), "first run".
 * @param max list at most this many changes, then "and N more"
 */
export function describeChange(prev: TaskConfig | null, next: TaskConfig, max = 3): string {
  if (prev === null) return 'first run';
  const changes = settingChanges(prev, next);
  if (changes.length === 0) return 'same settings';
  const shown = changes.slice(0, max).map((c) => `${c.name} ${c.from} → ${c.to}`);
  if (changes.length > max) shown.push(`${changes.length - max} more`);
  return shown.join(' · ');
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a run

/** Where overfitting shows in a run: the step of the lowest validation loss, and the evaluation that made it clear. */
export interface Overfitting {
  /** The turning point: the step with the lowest validation loss before it rose. */
  turnStep: number;
  /** The evaluation at which the rise had lasted `patience` evaluations while the training loss kept falling. */
  flaggedStep: number;
}

/**
 * Overfitting as the issue defines it: after the lowest validation loss so far, `patience` evaluations in a row
 * are higher than it, and the last of them rises above it by at least `minRise` (relative, default 10%, so the
 * wiggles of a noisy plateau do not count), while the training loss at that evaluation is lower than at the turning
 * point. Returns the first such moment, or null.
 */
export function detectOverfitting(
  evals: readonly EvalEntry[],
  options: { patience?: number; minRise?: number } = {},
): Overfitting | null {
  const { patience = 3, minRise = 0.1 } = options;
  let best = -1;
  let above = 0;
  for (let i = 0; i < evals.length; i++) {
    const e = evals[i];
    if (!Number.isFinite(e.valLoss)) return null;
    if (best < 0 || e.valLoss < evals[best].valLoss) {
      best = i;
      above = 0;
      continue;
    }
    above += 1;
    const turn = evals[best];
    if (
      above >= patience &&
      e.valLoss >= turn.valLoss * (1 + minRise) &&
      Number.isFinite(e.trainLoss) &&
      Number.isFinite(turn.trainLoss) &&
      e.trainLoss < turn.trainLoss
    )
      return { turnStep: turn.step, flaggedStep: e.step };
  }
  return null;
}

/**
 * Whether a run never got better than where it started: its best validation loss above 1.5 × its first training loss
 * (a learning rate far too high). Such a run is broken, not overfitting, and a chart keeps it from stretching its scale.
 */
export function neverLearned(run: Pick<RunRecord, 'train' | 'best'>): boolean {
  const first = run.train[0]?.[1];
  return first !== undefined && run.best !== null && run.best.valLoss > 1.5 * first;
}

/** A run's overfitting turn (`detectOverfitting` on its evaluations), or null, also for a run that never learned. */
export function runOverfitting(run: Pick<RunRecord, 'train' | 'best' | 'evals'>): Overfitting | null {
  return neverLearned(run) ? null : detectOverfitting(run.evals);
}

/** How a run ended, in a few words for a table: "finished", "diverged at step 57", "stopped at step 120", "running". */
export function endText(run: Pick<RunRecord, 'state' | 'steps' | 'restored'>): string {
  switch (run.state) {
    case 'queued':
      return 'waiting';
    case 'loading':
      return 'loading';
    case 'running':
      return `running (step ${run.steps})`;
    case 'paused':
      return `paused at step ${run.steps}`;
    case 'done':
      return run.restored ? `finished, weights of step ${run.restored.step} restored` : 'finished';
    case 'early-stopped':
      return run.restored
        ? `stopped early at step ${run.steps}, weights of step ${run.restored.step} restored`
        : `stopped early at step ${run.steps}`;
    case 'diverged':
      return `diverged at step ${run.steps}`;
    case 'cancelled':
      return `stopped at step ${run.steps}`;
    case 'error':
      return `failed at step ${run.steps}`;
  }
}

/** The smallest colour index no run in `runs` uses (cycling once all are taken). */
export function freeColor(runs: readonly Pick<RunRecord, 'color'>[]): number {
  const used = new Set(runs.map((r) => r.color));
  for (let c = 0; c < COLOR_COUNT; c++) if (!used.has(c)) return c;
  return runs.length % COLOR_COUNT;
}

// ---------------------------------------------------------------------------------------------------------------
// Storing runs

const STORE_VERSION = 1;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown, fallback: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);
const numOrNull = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
/** JSON has no NaN or Infinity: they are written as strings and read back here. */
const jsonNumber = (x: unknown): number =>
  typeof x === 'number' ? x : x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : NaN;
const numbers = (x: unknown): Record<string, number> =>
  isObj(x) ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, jsonNumber(v)])) : {};
const STATES: readonly RunState[] = [
  'queued',
  'loading',
  'running',
  'paused',
  'done',
  'early-stopped',
  'diverged',
  'cancelled',
  'error',
];

/** Reads one stored run, or null when it is unusable (its config no longer passes the task's bounds, say). */
function parseRun(raw: unknown): RunRecord | null {
  if (!isObj(raw) || typeof raw.id !== 'string') return null;
  const config = parseTaskConfig(raw.config);
  if (!config.ok) return null;
  const run = createRunRecord(config.config, {
    id: raw.id,
    label: str(raw.label),
    group: str(raw.group),
    dataSource: str(raw.dataSource),
    now: num(raw.createdAt, 0),
    color: Math.abs(Math.trunc(num(raw.color, 0))) % COLOR_COUNT,
    number: Math.max(1, Math.trunc(num(raw.number, 1))),
  });
  const state = STATES.includes(raw.state as RunState) ? (raw.state as RunState) : 'cancelled';
  // A run that was live when the page closed did not survive: say so instead of showing it as running.
  run.state = ENDED_STATES.includes(state) ? state : 'cancelled';
  run.steps = Math.max(0, Math.trunc(num(raw.steps, 0)));
  run.message =
    str(raw.message) ?? (state === run.state ? null : 'The page was closed or reloaded while this run trained.');
  if (Array.isArray(raw.train))
    run.train = raw.train
      .filter((p): p is [number, unknown] => Array.isArray(p) && typeof p[0] === 'number')
      .map(([s, l]) => [s, jsonNumber(l)]);
  run.trainBlock = Math.max(1, Math.trunc(num(raw.trainBlock, 1)));
  if (Array.isArray(raw.evals))
    run.evals = raw.evals.filter(isObj).map((e) => ({
      step: num(e.step, 0),
      valLoss: jsonNumber(e.valLoss),
      metrics: numbers(e.metrics),
      trainLoss: jsonNumber(e.trainLoss),
    }));
  if (isObj(raw.best) && typeof raw.best.step === 'number')
    run.best = { step: raw.best.step, valLoss: jsonNumber(raw.best.valLoss), metrics: numbers(raw.best.metrics) };
  run.msPerStep = numOrNull(raw.msPerStep);
  run.elapsedMs = num(raw.elapsedMs, 0);
  run.parameters = numOrNull(raw.parameters);
  run.baselines = numbers(raw.baselines);
  if (isObj(raw.restored) && typeof raw.restored.step === 'number')
    run.restored = { step: raw.restored.step, valLoss: jsonNumber(raw.restored.valLoss) };
  run.pinned = raw.pinned === true;
  run.hidden = raw.hidden === true;
  return run;
}

/** JSON text of runs, NaN and ±Infinity written as strings (JSON has no spelling for them). */
export function serializeRuns(runs: readonly RunRecord[]): string {
  return JSON.stringify({ v: STORE_VERSION, runs }, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
  );
}

/**
 * Runs from stored text. Never throws: missing, corrupted or foreign text gives no runs, and each run whose config
 * fails its task's bounds is left out; a run stored while it was still live comes back as stopped.
 */
export function parseRuns(text: string | null): RunRecord[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!isObj(value) || value.v !== STORE_VERSION || !Array.isArray(value.runs)) return [];
  const seen = new Set<string>();
  const runs: RunRecord[] = [];
  for (const raw of value.runs) {
    const run = parseRun(raw);
    if (run && !seen.has(run.id)) {
      seen.add(run.id);
      runs.push(run);
    }
  }
  return runs;
}

/**
 * The runs that fit the bounds: at most `maxRuns`, and at most `maxChars` characters once serialised. The oldest
 * ended unpinned run goes first, then the oldest ended pinned one; a live run (queued or training) is never dropped.
 */
export function boundRuns(runs: readonly RunRecord[], maxRuns: number, maxChars: number): RunRecord[] {
  const kept = [...runs];
  const dropOne = (): boolean => {
    let i = kept.findIndex((r) => !r.pinned && hasEnded(r));
    if (i < 0) i = kept.findIndex((r) => hasEnded(r));
    if (i < 0) return false;
    kept.splice(i, 1);
    return true;
  };
  while (kept.length > maxRuns && dropOne());
  while (kept.length > 0 && serializeRuns(kept).length > maxChars && dropOne());
  return kept;
}

/** The storage a history uses: localStorage in the page, a Map-backed stand-in in tests. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of a `RunHistory`. */
export interface RunHistoryOptions {
  /** localStorage key, e.g. `unrolled:runs:training-lab`; null keeps runs in memory only. */
  storageKey: string | null;
  /** Most runs kept (default 12); adding one more drops the oldest unpinned run. */
  maxRuns?: number;
  /** Most characters stored (default 200,000, about 400 kB of a browser's 5 MB per site). */
  maxChars?: number;
  /** Default: `localStorage`, when the page may use it. */
  storage?: StorageLike | null;
}

function defaultStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // A sandboxed iframe throws on the mere access.
    return null;
  }
}

/**
 * A list of kept runs, oldest first, stored under one key. The owner changes runs through its methods (or in place,
 * then `changed(run)`), and listeners hear of each change; `save()` writes the bounded list.
 */
export class RunHistory {
  private runs: RunRecord[] = [];
  /** The highest number given so far, so a deleted run's number is not given again in this page. */
  private lastNumber = 0;
  private readonly listeners = new Set<(runs: readonly RunRecord[]) => void>();
  private readonly storage: StorageLike | null;
  readonly maxRuns: number;
  readonly maxChars: number;
  /** Set when the browser refused to store the runs (private mode, a full or blocked storage): they last for this page. */
  storageProblem: string | null = null;

  constructor(private readonly options: RunHistoryOptions) {
    this.maxRuns = options.maxRuns ?? 12;
    this.maxChars = options.maxChars ?? 200_000;
    this.storage =
      options.storageKey === null ? null : options.storage === undefined ? defaultStorage() : options.storage;
  }

  /** Reads the stored runs (replacing those in memory). */
  load(): void {
    let text: string | null = null;
    try {
      text = this.storage && this.options.storageKey ? this.storage.getItem(this.options.storageKey) : null;
    } catch {
      this.storageProblem = 'This browser does not let the page read its stored runs.';
    }
    this.runs = boundRuns(parseRuns(text), this.maxRuns, this.maxChars);
    this.lastNumber = this.runs.reduce((n, r) => Math.max(n, r.number), 0);
    this.emit();
  }

  /** Writes the runs, within the bounds; a refusal is noted in `storageProblem`, never thrown. */
  save(): void {
    if (!this.storage || !this.options.storageKey) return;
    this.runs = boundRuns(this.runs, this.maxRuns, this.maxChars);
    try {
      this.storage.setItem(this.options.storageKey, serializeRuns(this.runs));
      this.storageProblem = null;
    } catch {
      this.storageProblem = 'This browser did not let the page store its runs; they last until you leave the page.';
    }
  }

  /** The runs, oldest first. */
  list(): readonly RunRecord[] {
    return this.runs;
  }

  get(id: string): RunRecord | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** The run added just before `run` (the one a legend compares it with), or null. */
  previous(run: RunRecord): RunRecord | null {
    const i = this.runs.indexOf(run);
    return i > 0 ? this.runs[i - 1] : null;
  }

  /** Adds a run for `config` (queued, with a free colour); drops the oldest unpinned run beyond `maxRuns`. */
  add(config: TaskConfig, options: NewRunOptions = {}): RunRecord {
    const number = this.runs.reduce((n, r) => Math.max(n, r.number), this.lastNumber) + 1;
    this.lastNumber = number;
    const run = createRunRecord(config, { color: freeColor(this.runs), number, ...options });
    this.runs.push(run);
    this.runs = boundRuns(this.runs, this.maxRuns, Infinity);
    this.emit();
    return run;
  }

  /** Tell listeners that `run` changed in place. */
  changed(_run?: RunRecord): void {
    this.emit();
  }

  remove(id: string): void {
    this.runs = this.runs.filter((r) => r.id !== id);
    this.emit();
  }

  /** Removes every run that is not pinned (and not live). */
  clearUnpinned(): void {
    this.runs = this.runs.filter((r) => r.pinned || !hasEnded(r));
    this.emit();
  }

  setPinned(id: string, pinned: boolean): void {
    const run = this.get(id);
    if (run) run.pinned = pinned;
    this.emit();
  }

  setHidden(id: string, hidden: boolean): void {
    const run = this.get(id);
    if (run) run.hidden = hidden;
    this.emit();
  }

  /** Call `listener` after every change; returns a function that removes it. */
  subscribe(listener: (runs: readonly RunRecord[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.runs);
  }
}
