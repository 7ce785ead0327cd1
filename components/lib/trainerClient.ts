// The page side of the training worker: owns the Worker, numbers runs and requests, and turns the worker's
// messages into promises and an async iterator of progress. Widgets train through this, never on the main thread.
import type { TaskConfig } from '../../engine/train/tasks/configs';
import type {
  DataSource,
  ForecastYear,
  FromWorker,
  KernelStatus,
  ProgressMessage,
  RestoredWeights,
  RunInfo,
  SnapshotTensor,
  Timing,
  ToWorker,
  WorkerRunStatus,
} from '../../engine/worker/protocol';
import { FINAL_STATUSES } from '../../engine/worker/protocol';
import { createTrainingWorker, type WorkerLike } from './trainingWorker';

export type {
  DataSource,
  ForecastYear,
  KernelStatus,
  ProgressMessage,
  RestoredWeights,
  RunInfo,
  SnapshotTensor,
  TaskConfig,
  Timing,
  WorkerLike,
  WorkerRunStatus,
};

/** How a run ended: its final status, the step it reached, and the sentence to show (for diverged, error, early-stopped, done). */
export interface RunEnd {
  status: Extract<WorkerRunStatus, 'done' | 'early-stopped' | 'diverged' | 'cancelled' | 'error'>;
  step: number;
  message: string | null;
  /** When `restoreBest` loaded the best evaluation's weights at the end: their step and re-measured validation loss. */
  restored: RestoredWeights | null;
}

/** A generated sample. */
export interface Sample {
  /** The training step the model had reached. */
  step: number;
  prime: string;
  /** The generated continuation (after the prime). */
  text: string;
  temperature: number;
  /** Characters of the prime the model does not know; they were left out. */
  unknown: string[];
}

/** Options of `TrainingRun.sample`. */
export interface SampleRequest {
  prime: string;
  length: number;
  temperature: number;
  seed: number;
}

// One map holds requests of different result types; each caller's promise gives the value its own type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Pending = { resolve: (value: any) => void; reject: (error: Error) => void };

/** One training run in the worker. Control methods are fire-and-forget; the worker applies them between steps. */
export class TrainingRun {
  /** Resolves with the run's facts once data and model are ready; rejects if the run ends before that. */
  readonly ready: Promise<RunInfo>;
  /** Resolves once the run is over, however it ended (never rejects: an error is an ending with a message). */
  readonly finished: Promise<RunEnd>;
  /** Which kernels the worker runs this training on (set when `ready` resolves), and why JS when it is. */
  kernels: KernelStatus | null = null;

  private currentStatus: WorkerRunStatus = 'loading';
  private lastStep = 0;
  private queue: ProgressMessage[] = [];
  private waiting: ((result: IteratorResult<ProgressMessage>) => void) | null = null;
  private statusListeners = new Set<(status: WorkerRunStatus, message: string | null) => void>();
  private errorMessage: string | null = null;
  private restored: RestoredWeights | null = null;
  private resolveReady!: (info: RunInfo) => void;
  private rejectReady!: (error: Error) => void;
  private resolveFinished!: (end: RunEnd) => void;

  /** @internal created by `TrainerClient.start` */
  constructor(
    readonly id: string,
    private readonly send: (message: ToWorker) => void,
    private readonly request: <T>(message: ToWorker & { requestId: number }) => Promise<T>,
    private readonly nextRequestId: () => number,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Callers that only watch `finished` must not see an unhandled rejection from `ready`.
    this.ready.catch(() => undefined);
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
  }

  get status(): WorkerRunStatus {
    return this.currentStatus;
  }

  /** Call `listener` on every status change; returns a function that removes it. */
  onStatus(listener: (status: WorkerRunStatus, message: string | null) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Progress messages as they arrive (each carries the points since the previous one); ends when the run is over. */
  progress(): AsyncIterableIterator<ProgressMessage> {
    const next = (): Promise<IteratorResult<ProgressMessage>> => {
      const item = this.queue.shift();
      if (item) return Promise.resolve({ value: item, done: false });
      if (FINAL_STATUSES.includes(this.currentStatus)) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        this.waiting = resolve;
      });
    };
    const iterator: AsyncIterableIterator<ProgressMessage> = {
      next,
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  pause(): void {
    this.send({ type: 'pause', runId: this.id });
  }

  resume(): void {
    this.send({ type: 'resume', runId: this.id });
  }

  /** Take `n` more steps, then pause. */
  step(n = 1): void {
    this.send({ type: 'step', runId: this.id, n });
  }

  cancel(): void {
    this.send({ type: 'cancel', runId: this.id });
  }

  setLearningRate(lr: number): void {
    this.send({ type: 'setLearningRate', runId: this.id, lr });
  }

  /** Generated text from the model as it is now; rejects with the worker's message for bad input. */
  sample(options: SampleRequest): Promise<Sample> {
    return this.request<Sample>({ type: 'sample', runId: this.id, requestId: this.nextRequestId(), ...options });
  }

  /** The parameters as they are now, as Float32Arrays moved (not copied) from the worker. */
  snapshot(): Promise<{ step: number; tensors: SnapshotTensor[] }> {
    return this.request({ type: 'snapshot', runId: this.id, requestId: this.nextRequestId() });
  }

  /** The forecaster's forecasts of its test year as the model is now, beside the baselines' (forecast task only). */
  forecastYear(): Promise<{ step: number; year: ForecastYear }> {
    return this.request({ type: 'forecast', runId: this.id, requestId: this.nextRequestId() });
  }

  /** @internal a message for this run (requests' replies are settled by the client). */
  receive(message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        this.kernels = message.kernels;
        this.resolveReady(message.info);
        return;
      case 'progress':
        this.lastStep = message.step;
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = null;
          resolve({ value: message, done: false });
        } else this.queue.push(message);
        return;
      case 'error':
        this.errorMessage = message.message;
        return;
      case 'status':
        this.lastStep = message.step;
        if (message.restored) this.restored = message.restored;
        this.setStatus(message.status, message.message ?? null);
        return;
      default:
        // Replies to requests (`samples`, `snapshot`, `forecasts`) are settled by the client before they reach the run.
        return;
    }
  }

  /** @internal the worker died or was replaced: end the run as an error with this message. */
  abort(message: string): void {
    if (FINAL_STATUSES.includes(this.currentStatus)) return;
    this.errorMessage = message;
    this.setStatus('error', null);
  }

  private setStatus(status: WorkerRunStatus, message: string | null): void {
    this.currentStatus = status;
    const text = status === 'error' ? (message ?? this.errorMessage ?? 'the training run failed') : message;
    for (const listener of this.statusListeners) listener(status, text);
    if (!FINAL_STATUSES.includes(status)) return;
    this.rejectReady(new Error(text ?? `the run ended (${status}) before it was ready`));
    this.resolveFinished({
      status: status as RunEnd['status'],
      step: this.lastStep,
      message: text,
      restored: this.restored,
    });
    if (this.waiting && this.queue.length === 0) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
  }
}

let clientCount = 0;

/** Owns one training worker, created on the first `start`; one run at a time (a new start replaces the old run). */
export class TrainerClient {
  private worker: WorkerLike | null = null;
  private runs = new Map<string, TrainingRun>();
  private pending = new Map<number, Pending & { runId: string }>();
  private runCounter = 0;
  private requestCounter = 0;
  private readonly prefix = `c${++clientCount}`;

  /** @param createWorker how to make the worker (tests pass an in-process stand-in) */
  constructor(private readonly createWorker: () => WorkerLike = createTrainingWorker) {}

  /** Start a run; the previous run, if still going, is cancelled by the worker. */
  start(config: TaskConfig, data: DataSource): TrainingRun {
    const worker = this.ensureWorker();
    const id = `${this.prefix}-run${++this.runCounter}`;
    const run = new TrainingRun(
      id,
      (message) => this.post(message),
      (message) => this.request(message),
      () => ++this.requestCounter,
    );
    this.runs.set(id, run);
    void run.finished.then(() => this.runs.delete(id));
    worker.postMessage({ type: 'start', runId: id, config, data });
    return run;
  }

  /**
   * Time a few training steps of `config` in the worker without starting a run (see the `measure` message): the
   * median milliseconds per step on this machine, and the model's parameter count. Measure in a client of its own
   * while another trains, or the two slow each other down.
   * @returns rejects with the worker's sentence when the config or data is unusable
   */
  measure(config: TaskConfig, data: DataSource): Promise<Timing> {
    this.ensureWorker();
    const runId = `${this.prefix}-measure${++this.runCounter}`;
    return this.request<Timing>({ type: 'measure', runId, requestId: ++this.requestCounter, config, data });
  }

  /** Stop the worker; every unfinished run ends as cancelled from the page's side. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll('the training worker was stopped');
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.onMessage(event.data as FromWorker);
    worker.onerror = (event) => {
      event.preventDefault?.();
      // The worker itself failed (it could not load, or threw outside the handler): start afresh next time.
      this.worker?.terminate();
      this.worker = null;
      this.failAll(`the training worker stopped: ${event.message || 'it could not be loaded'}`);
    };
    worker.onmessageerror = () => this.failAll('a message from the training worker could not be read');
    this.worker = worker;
    return worker;
  }

  private post(message: ToWorker): void {
    if (this.worker) this.worker.postMessage(message);
  }

  private request<T>(message: ToWorker & { requestId: number }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.worker) {
        reject(new Error('the training worker is not running'));
        return;
      }
      this.pending.set(message.requestId, { resolve, reject, runId: message.runId });
      this.worker.postMessage(message);
    });
  }

  private onMessage(message: FromWorker): void {
    if (
      (message.type === 'samples' ||
        message.type === 'snapshot' ||
        message.type === 'timing' ||
        message.type === 'forecasts' ||
        message.type === 'error') &&
      message.requestId !== undefined
    ) {
      const pending = this.pending.get(message.requestId);
      if (!pending) return;
      this.pending.delete(message.requestId);
      if (message.type === 'error') pending.reject(new Error(message.message));
      else if (message.type === 'samples')
        pending.resolve({
          step: message.step,
          prime: message.prime,
          text: message.text,
          temperature: message.temperature,
          unknown: message.unknown,
        });
      else if (message.type === 'timing')
        pending.resolve({ msPerStep: message.msPerStep, steps: message.steps, parameters: message.parameters });
      else if (message.type === 'forecasts') pending.resolve({ step: message.step, year: message.year });
      else pending.resolve({ step: message.step, tensors: message.tensors });
      return;
    }
    if (message.runId === undefined) {
      // A message the worker could not parse: a bug on this side, worth a console line but not a broken page.
      console.warn(`training worker: ${message.type === 'error' ? message.message : message.type}`);
      return;
    }
    this.runs.get(message.runId)?.receive(message);
  }

  private failAll(reason: string): void {
    for (const run of this.runs.values()) run.abort(reason);
    for (const pending of this.pending.values()) pending.reject(new Error(reason));
    this.pending.clear();
  }
}
