// The training worker's brain, free of the worker global: it parses each message, loads data, builds the run,
// and trains one step per scheduler slice so that pause, step and cancel are handled between any two steps.
// `train.worker.ts` gives it `postMessage` and a MessageChannel scheduler; Node tests give it a fake clock and loop.
import { kernelStatus } from '../kernels/index';
import { loadData, type FetchText, type LoadedData } from './data';
import {
  FINAL_STATUSES,
  parseToWorker,
  type EvalPoint,
  type FromWorker,
  type DataSource,
  type ProgressMessage,
  type RestoredWeights,
  type RunInfo,
  type SnapshotTensor,
  type ToWorker,
  type TrainPoint,
  type WorkerRunStatus,
} from './protocol';
import type { TaskConfig } from '../train/tasks/configs';

/** What one call of `WorkerRun.step()` did. */
export interface RunStepResult {
  /** Steps taken so far, this one included. */
  step: number;
  epoch: number;
  loss: number;
  gradNorm: number;
  /** Present when this step ended with an evaluation on the validation split. */
  eval?: EvalPoint;
  /**
   * Present when the run is over: finished, stopped early, or diverged (with a sentence for the reader), and the
   * weights it ended with when `restoreBest` loaded the best evaluation's.
   */
  stop?: { status: 'done' | 'early-stopped' | 'diverged'; message: string; restored?: RestoredWeights };
}

/** A run as the handler drives it: built from a task and its trainer by `createWorkerRun` (tasks.ts). */
export interface WorkerRun {
  readonly info: RunInfo;
  /** One optimisation step, plus an evaluation when one is due. */
  step(): RunStepResult;
  setLearningRate(lr: number): void;
  /** Generated text after `prime` (char model), and the prime's characters it had to leave out; throws an Error with a reader-facing message. */
  sample?(prime: string, length: number, temperature: number, seed: number): { text: string; unknown: string[] };
  /** Copies of the parameters (and hidden states where the task has them); the handler transfers their buffers. */
  snapshot?(): SnapshotTensor[];
  /** The task's account of the run so far, and the buffers in it to move rather than copy. */
  report?(): { report: unknown; transfer: ArrayBuffer[] };
}

/** Builds a run from its config, loaded data and, if given, a loaded model file; throws (e.g. a DataError) when one is unusable. */
export type RunFactory = (config: TaskConfig, data: LoadedData, init?: LoadedData) => WorkerRun | Promise<WorkerRun>;

/** Sends a message to the page; `transfer` lists buffers to move rather than copy. */
export type Post = (message: FromWorker, transfer?: ArrayBuffer[]) => void;

/** Time and yielding, injected so tests can drive the loop by hand. */
export interface Scheduler {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Call `fn` after the messages already waiting have been handled. */
  schedule(fn: () => void): void;
}

export interface HandlerOptions {
  post: Post;
  scheduler: Scheduler;
  /** Builds each run (`createWorkerRun` in tasks.ts; tests pass a scripted one). */
  buildRun: RunFactory;
  fetchText: FetchText;
  /** Shortest gap between two progress messages (default 1000/30 ms: at most about 30 a second). */
  progressIntervalMs?: number;
}

/** One run's bookkeeping. */
interface ActiveRun {
  id: string;
  config: TaskConfig;
  status: WorkerRunStatus;
  run: WorkerRun | null;
  /** A pause (or step) arrived while loading: start paused. */
  startPaused: boolean;
  /** Steps still to take before pausing again, after a `step` message. */
  stepsLeft: number;
  scheduled: boolean;
  step: number;
  epoch: number;
  last: TrainPoint | null;
  lastEval: EvalPoint | null;
  learningRate: number;
  points: TrainPoint[];
  evals: EvalPoint[];
  /** Training time banked before the current stretch of steps, and when that stretch began (null when idle). */
  elapsedMs: number;
  activeSince: number | null;
  lastPostAt: number;
  /** Pace at the previous progress message, for the time-left estimate. */
  paceFrom: { elapsedMs: number; step: number } | null;
  msPerStep: number | null;
}

const errorMessage = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)) || 'unknown error';

/** Site files kept after loading (Moby-Dick is 1.2 MB), so a second run or a measurement does not fetch again. */
const CACHED_FILES = 3;

/** A `measure` times steps for about this long (at least MEASURE_MIN_STEPS, at most MEASURE_MAX_STEPS or MEASURE_MAX_MS). */
const MEASURE_TARGET_MS = 300;
const MEASURE_MIN_STEPS = 3;
const MEASURE_MAX_STEPS = 20;
const MEASURE_MAX_MS = 2500;

/** Handles page messages for one worker: at most one run at a time; a new `start` replaces the old run. */
export class TrainerHandler {
  private active: ActiveRun | null = null;
  private readonly progressIntervalMs: number;
  private readonly files = new Map<string, Promise<LoadedData>>();

  constructor(private readonly options: HandlerOptions) {
    this.progressIntervalMs = options.progressIntervalMs ?? 1000 / 30;
  }

  /** The current run's status, for tests. */
  get status(): WorkerRunStatus | null {
    return this.active?.status ?? null;
  }

  /** Handle one message from the page. Never throws: every problem is answered with an `error` message. */
  handle(raw: unknown): void {
    const parsed = parseToWorker(raw);
    if (!parsed.ok) {
      this.post({ type: 'error', runId: parsed.runId, requestId: parsed.requestId, message: parsed.error });
      // A refused start ends that run before it began, so a page waiting for it hears that it is over.
      if (parsed.type === 'start' && parsed.runId !== undefined)
        this.post({ type: 'status', runId: parsed.runId, status: 'error', step: 0 });
      return;
    }
    try {
      this.dispatch(parsed.message);
    } catch (error) {
      // A bug in the handler itself: report it and stop the run rather than leave the page waiting.
      const r = this.active;
      this.post({ type: 'error', runId: r?.id, message: errorMessage(error) });
      if (r && !FINAL_STATUSES.includes(r.status)) this.finish(r, 'error');
    }
  }

  private dispatch(message: ToWorker): void {
    if (message.type === 'start') {
      void this.start(message);
      return;
    }
    if (message.type === 'measure') {
      void this.measure(message);
      return;
    }
    const r = this.active;
    if (!r || r.id !== message.runId) {
      // A late control message for a replaced run needs no answer; a request does, or its promise never settles.
      if (message.type === 'sample' || message.type === 'snapshot' || message.type === 'report') {
        this.post({
          type: 'error',
          runId: message.runId,
          requestId: message.requestId,
          message: 'that run is no longer available; start a new one',
        });
      }
      return;
    }
    const final = FINAL_STATUSES.includes(r.status);
    switch (message.type) {
      case 'pause':
        if (r.status === 'running') {
          // Send the steps taken since the last progress first, so the page shows exactly where the run paused.
          this.bankTime(r);
          if (r.points.length > 0) this.postProgress(r);
          this.setStatus(r, 'paused');
        }
        if (r.status === 'loading') r.startPaused = true;
        r.stepsLeft = 0;
        return;
      case 'resume':
        r.startPaused = false;
        if (r.status === 'paused') {
          r.stepsLeft = 0;
          this.setStatus(r, 'running');
          this.scheduleTick(r);
        }
        return;
      case 'step':
        if (r.status === 'running') this.setStatus(r, 'paused');
        if (r.status === 'loading') {
          r.startPaused = true;
          r.stepsLeft = message.n;
        } else if (r.status === 'paused') {
          r.stepsLeft = message.n;
          this.scheduleTick(r);
        }
        return;
      case 'cancel':
        if (!final) this.finish(r, 'cancelled');
        return;
      case 'setLearningRate':
        r.learningRate = message.lr;
        r.run?.setLearningRate(message.lr);
        return;
      case 'sample':
        this.sample(r, message);
        return;
      case 'snapshot':
        this.snapshot(r, message.requestId);
        return;
      case 'report':
        this.report(r, message.requestId);
        return;
    }
  }

  private async start(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
    const { runId, config } = message;
    const previous = this.active;
    if (previous && !FINAL_STATUSES.includes(previous.status)) this.finish(previous, 'cancelled');
    const r: ActiveRun = {
      id: runId,
      config,
      status: 'loading',
      run: null,
      startPaused: false,
      stepsLeft: 0,
      scheduled: false,
      step: 0,
      epoch: 0,
      last: null,
      lastEval: null,
      learningRate: config.learningRate,
      points: [],
      evals: [],
      elapsedMs: 0,
      activeSince: null,
      lastPostAt: -Infinity,
      paceFrom: null,
      msPerStep: null,
    };
    this.active = r;
    this.post({ type: 'status', runId, status: 'loading', step: 0 });
    try {
      const data = await this.load(message.data);
      const init = message.init && (await loadData(message.init, this.options.fetchText));
      if (this.active !== r || r.status !== 'loading') return;
      const run = await this.options.buildRun(config, data, init);
      if (this.active !== r || r.status !== 'loading') return;
      r.run = run;
      if (r.learningRate !== config.learningRate) run.setLearningRate(r.learningRate);
    } catch (error) {
      if (this.active === r && r.status === 'loading') this.fail(r, error);
      return;
    }
    this.post({ type: 'ready', runId, info: r.run.info, kernels: kernelStatus() });
    if (r.run.info.maxSteps === 0) {
      this.finish(r, 'done', 'The model is loaded and evaluated; it was not trained further.');
      return;
    }
    this.setStatus(r, r.startPaused ? 'paused' : 'running');
    if (!r.startPaused || r.stepsLeft > 0) this.scheduleTick(r);
  }

  /** Loads a data source; a site file is kept (the last few), so the next run or measurement reads it at once. */
  private load(source: DataSource): Promise<LoadedData> {
    if (source.kind !== 'url') return loadData(source, this.options.fetchText);
    let loaded = this.files.get(source.url);
    if (!loaded) {
      loaded = loadData(source, this.options.fetchText);
      // A failed load is not kept: the next attempt fetches again.
      loaded.catch(() => this.files.delete(source.url));
      this.files.set(source.url, loaded);
      if (this.files.size > CACHED_FILES) this.files.delete(this.files.keys().next().value!);
    }
    return loaded;
  }

  /** Builds the task of a `measure` request, warms it up with one step, then times steps; replies `timing` or `error`. */
  private async measure(m: Extract<ToWorker, { type: 'measure' }>): Promise<void> {
    const { runId, requestId } = m;
    try {
      const data = await this.load(m.data);
      // Never evaluate or stop while timing: only training steps are measured.
      const config = { ...m.config, maxSteps: 10_000_000, evalEvery: 10_000_000, patience: 0, restoreBest: false };
      const run = await this.options.buildRun(config, data);
      const now = (): number => this.options.scheduler.now();
      run.step();
      const times: number[] = [];
      const from = now();
      while (
        times.length < MEASURE_MAX_STEPS &&
        now() - from < MEASURE_MAX_MS &&
        (times.length < MEASURE_MIN_STEPS || now() - from < MEASURE_TARGET_MS)
      ) {
        const t0 = now();
        const result = run.step();
        times.push(now() - t0);
        if (result.stop) break;
      }
      const sorted = [...times].sort((a, b) => a - b);
      const msPerStep = sorted[Math.floor(sorted.length / 2)];
      this.post({
        type: 'timing',
        runId,
        requestId,
        msPerStep,
        steps: times.length,
        parameters: run.info.parameters,
      });
    } catch (error) {
      this.post({ type: 'error', runId, requestId, message: errorMessage(error) });
    }
  }

  private scheduleTick(r: ActiveRun): void {
    if (r.scheduled) return;
    r.scheduled = true;
    this.options.scheduler.schedule(() => {
      r.scheduled = false;
      this.tick(r);
    });
  }

  /** One training step, then yield: messages that arrived meanwhile are handled before the next step. */
  private tick(r: ActiveRun): void {
    if (this.active !== r || !r.run) return;
    const stepping = r.status === 'paused' && r.stepsLeft > 0;
    if (r.status !== 'running' && !stepping) return;
    const now = this.options.scheduler.now();
    if (r.activeSince === null) r.activeSince = now;
    let result: RunStepResult;
    try {
      result = r.run.step();
    } catch (error) {
      this.fail(r, error);
      return;
    }
    r.step = result.step;
    r.epoch = result.epoch;
    r.last = { step: result.step, loss: result.loss, gradNorm: result.gradNorm };
    r.points.push(r.last);
    if (result.eval) {
      r.lastEval = result.eval;
      r.evals.push(result.eval);
    }
    if (result.stop) {
      this.finish(r, result.stop.status, result.stop.message, result.stop.restored);
      return;
    }
    if (stepping) {
      r.stepsLeft -= 1;
      if (r.stepsLeft === 0) {
        this.bankTime(r);
        this.postProgress(r);
        return;
      }
    }
    if (this.options.scheduler.now() - r.lastPostAt >= this.progressIntervalMs) this.postProgress(r);
    this.scheduleTick(r);
  }

  private sample(r: ActiveRun, m: Extract<ToWorker, { type: 'sample' }>): void {
    const reply = (message: string): void => this.post({ type: 'error', runId: r.id, requestId: m.requestId, message });
    if (!r.run)
      return reply(
        r.status === 'loading'
          ? 'the model is still loading; try again in a moment'
          : 'this run has no model to sample from',
      );
    if (!r.run.sample) return reply(`the ${r.config.task} task does not generate text`);
    try {
      const { text, unknown } = r.run.sample(m.prime, m.length, m.temperature, m.seed);
      this.post({
        type: 'samples',
        runId: r.id,
        requestId: m.requestId,
        step: r.step,
        prime: m.prime,
        text,
        temperature: m.temperature,
        unknown,
      });
    } catch (error) {
      reply(errorMessage(error));
    }
  }

  private snapshot(r: ActiveRun, requestId: number): void {
    if (!r.run?.snapshot) {
      this.post({
        type: 'error',
        runId: r.id,
        requestId,
        message: r.run ? `the ${r.config.task} task has no snapshot` : 'the model is still loading',
      });
      return;
    }
    try {
      const tensors = r.run.snapshot();
      this.post(
        { type: 'snapshot', runId: r.id, requestId, step: r.step, tensors },
        tensors.map((t) => t.data.buffer as ArrayBuffer),
      );
    } catch (error) {
      this.post({ type: 'error', runId: r.id, requestId, message: errorMessage(error) });
    }
  }

  private report(r: ActiveRun, requestId: number): void {
    if (!r.run?.report) {
      this.post({
        type: 'error',
        runId: r.id,
        requestId,
        message: r.run ? `the ${r.config.task} task has no report` : 'the model is still loading',
      });
      return;
    }
    try {
      const { report, transfer } = r.run.report();
      this.post({ type: 'report', runId: r.id, requestId, step: r.step, report }, transfer);
    } catch (error) {
      this.post({ type: 'error', runId: r.id, requestId, message: errorMessage(error) });
    }
  }

  /** An exception from the data, the task or the trainer: the run ends with status `error`; the worker lives on. */
  private fail(r: ActiveRun, error: unknown): void {
    this.post({ type: 'error', runId: r.id, message: errorMessage(error) });
    this.finish(r, 'error');
  }

  private finish(r: ActiveRun, status: WorkerRunStatus, message?: string, restored?: RestoredWeights): void {
    this.bankTime(r);
    if (r.points.length > 0 || r.evals.length > 0 || status === 'done' || status === 'early-stopped')
      this.postProgress(r);
    this.setStatus(r, status, message, restored);
  }

  private setStatus(r: ActiveRun, status: WorkerRunStatus, message?: string, restored?: RestoredWeights): void {
    if (status !== 'running') this.bankTime(r);
    r.status = status;
    this.post({
      type: 'status',
      runId: r.id,
      status,
      step: r.step,
      ...(message ? { message } : {}),
      ...(restored ? { restored } : {}),
    });
  }

  /** Add the current stretch of steps to the elapsed time; pauses do not count. */
  private bankTime(r: ActiveRun): void {
    if (r.activeSince === null) return;
    r.elapsedMs += this.options.scheduler.now() - r.activeSince;
    r.activeSince = null;
  }

  private postProgress(r: ActiveRun): void {
    if (!r.run || !r.last) return;
    const now = this.options.scheduler.now();
    const elapsedMs = r.elapsedMs + (r.activeSince === null ? 0 : now - r.activeSince);
    // Pace over the stretch since the previous message, smoothed, so a slow first step (JIT warm-up) fades out.
    if (r.paceFrom && r.step > r.paceFrom.step) {
      const pace = (elapsedMs - r.paceFrom.elapsedMs) / (r.step - r.paceFrom.step);
      r.msPerStep = r.msPerStep === null ? pace : 0.7 * r.msPerStep + 0.3 * pace;
    }
    r.paceFrom = { elapsedMs, step: r.step };
    const maxSteps = r.run.info.maxSteps;
    const progress: ProgressMessage = {
      type: 'progress',
      runId: r.id,
      step: r.step,
      epoch: r.epoch,
      loss: r.last.loss,
      gradNorm: r.last.gradNorm,
      valLoss: r.lastEval?.valLoss ?? null,
      metrics: r.lastEval?.metrics ?? {},
      learningRate: r.learningRate,
      elapsedMs,
      remainingMs: r.msPerStep === null ? null : Math.max(0, maxSteps - r.step) * r.msPerStep,
      maxSteps,
      points: r.points,
      evals: r.evals,
    };
    r.points = [];
    r.evals = [];
    r.lastPostAt = now;
    this.post(progress);
  }

  private post(message: FromWorker, transfer?: ArrayBuffer[]): void {
    this.options.post(message, transfer);
  }
}
