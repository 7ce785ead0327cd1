// The page side of the training worker: owns the Worker, numbers runs and requests, and turns the worker's
// messages into promises and an async iterator of progress. Widgets train through this, never on the main thread.
// The worker is treated as fallible: a failed start, an `error` or `messageerror` event, or silence while a reply is
// due ends its runs with a sentence, and the next run gets a fresh worker.
import type { TaskConfig } from '../../engine/train/tasks/configs';
import type {
  DataSource,
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

  /** The task's report on the run so far (its shape is the task's, e.g. `SentimentReport`); rejects with the worker's message. */
  report(): Promise<{ step: number; report: unknown }> {
    return this.request({ type: 'report', runId: this.id, requestId: this.nextRequestId() });
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
        // Replies to requests (`samples`, `snapshot`, `report`) are settled by the client before they reach the run.
        return;
    }
  }

  /** @internal the worker died (status `error`) or the page stopped it (`cancelled`): end the run with this message. */
  abort(message: string, status: 'error' | 'cancelled' = 'error'): void {
    if (FINAL_STATUSES.includes(this.currentStatus)) return;
    this.errorMessage = message;
    this.setStatus(status, status === 'error' ? null : message);
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

/**
 * How long the client waits for any message while one is due before it declares the worker dead: 20 s.
 * While training, the worker posts progress at least every 50 ms of stepping, and after any step that takes
 * longer, so the longest silence of a live worker is one step plus one evaluation. The largest model a widget
 * offers (the tuning lab's 3-layer LSTM of 256 units) took 2.5 s a step and 7.2 s for an evaluation of 5,000
 * characters on the course's 2-core machine under a load of 13: about 10 s. 20 s is twice that, and the bound
 * grows to four times the longest gap seen in the run, so a slower device is not declared dead for being slow.
 * Loading waits for the data, whose request the worker itself gives up after 10 s without a byte
 * (`DATA_IDLE_MS`), so a stalled download ends with that more precise sentence first.
 */
export const SILENCE_MS = 20_000;

/** How many times the longest gap seen while a run trains the client waits before giving up (see SILENCE_MS)… */
const SILENCE_FACTOR = 4;
/** …but never more than 2 minutes: no widget's step comes near that on a working device. */
const MAX_SILENCE_MS = 120_000;

/** Options of a `TrainerClient`. */
export interface TrainerClientOptions {
  /** How to make the worker (tests pass an in-process stand-in); may throw, which ends the run with the reason. */
  createWorker?: () => WorkerLike;
  /** The least silence, in ms, after which a worker that owes a message is declared dead (default SILENCE_MS). */
  silenceMs?: number;
  /** A monotonic clock in ms (default `performance.now`). */
  now?: () => number;
}

/**
 * Owns one training worker, created on the first `start`; one run at a time (a new start replaces the old run).
 * A worker that fails or falls silent is terminated, its runs end with status `error` and a sentence, and the next
 * `start` makes a new one.
 */
export class TrainerClient {
  private worker: WorkerLike | null = null;
  private runs = new Map<string, TrainingRun>();
  private pending = new Map<number, Pending & { runId: string }>();
  private runCounter = 0;
  private requestCounter = 0;
  private readonly prefix = `c${++clientCount}`;
  private readonly createWorker: () => WorkerLike;
  private readonly silenceMs: number;
  private readonly now: () => number;
  /** When the worker last spoke (or a wait for it began), and the longest gap seen while a run trained. */
  private heardAt = 0;
  private longestGap = 0;
  /** A control message was sent whose answer (a status or progress) has not come yet. */
  private controlUnanswered = false;
  private watchdog: ReturnType<typeof setTimeout> | null = null;

  /** @param options how to make the worker, and the silence bound (tests shorten it) */
  constructor(options: TrainerClientOptions | (() => WorkerLike) = {}) {
    const o = typeof options === 'function' ? { createWorker: options } : options;
    this.createWorker = o.createWorker ?? createTrainingWorker;
    this.silenceMs = o.silenceMs ?? SILENCE_MS;
    this.now = o.now ?? (() => performance.now());
  }

  /** Start a run (from the weights in `init`, a model file, where the task accepts one); the previous run, if still going, is cancelled by the worker. */
  start(config: TaskConfig, data: DataSource, init?: DataSource): TrainingRun {
    const id = `${this.prefix}-run${++this.runCounter}`;
    const run = new TrainingRun(
      id,
      (message) => this.post(message),
      (message) => this.request(message),
      () => ++this.requestCounter,
    );
    this.runs.set(id, run);
    void run.finished.then(() => this.runs.delete(id));
    let worker: WorkerLike;
    try {
      worker = this.ensureWorker();
    } catch (error) {
      // `new Worker` itself refused (a sandbox, a policy, no Worker at all): end the run once its caller listens.
      const reason = error instanceof Error ? error.message : String(error);
      queueMicrotask(() => run.abort(`the training worker could not be started (${reason || 'no reason given'})`));
      return run;
    }
    this.expectReply();
    worker.postMessage({ type: 'start', runId: id, config, data, ...(init ? { init } : {}) });
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

  /**
   * Terminate the worker now; every unfinished run ends as cancelled at its last reported step with `reason`, and
   * pending requests are rejected with it. The client stays usable: the next `start` makes a new worker.
   */
  dispose(reason = 'the training worker was stopped'): void {
    this.stopWorker();
    this.failAll(reason, 'cancelled');
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => {
      if (this.worker === worker) this.onMessage(event.data as FromWorker);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      // The worker itself failed (it could not load, or threw outside the handler): start afresh next time.
      if (this.worker === worker)
        this.giveUp(`the training worker stopped: ${event.message || 'its script could not be loaded'}`);
    };
    worker.onmessageerror = () => {
      if (this.worker === worker) this.giveUp('a message from the training worker could not be read');
    };
    this.worker = worker;
    this.heardAt = this.now();
    this.longestGap = 0;
    return worker;
  }

  /** Terminate a worker that failed, end its runs and requests with `reason`; the next start makes a new worker. */
  private giveUp(reason: string): void {
    this.stopWorker();
    this.failAll(reason);
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.controlUnanswered = false;
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private post(message: ToWorker): void {
    if (!this.worker) return;
    // Every control but a learning-rate change is answered (a status, or progress after the steps asked for).
    if (message.type !== 'setLearningRate') {
      this.controlUnanswered = true;
      this.expectReply();
    }
    this.worker.postMessage(message);
  }

  private request<T>(message: ToWorker & { requestId: number }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!this.worker) {
        reject(new Error('the training worker is not running'));
        return;
      }
      this.pending.set(message.requestId, { resolve, reject, runId: message.runId });
      this.expectReply();
      this.worker.postMessage(message);
    });
  }

  /** Whether the worker owes a message: a run loads or trains, a request or a control waits for its answer. */
  private owed(): boolean {
    if (this.controlUnanswered || this.pending.size > 0) return true;
    for (const run of this.runs.values()) if (run.status === 'loading' || run.status === 'running') return true;
    return false;
  }

  /** Make sure the watchdog runs while a message is owed; a wait that begins now counts its silence from now. */
  private expectReply(): void {
    if (this.watchdog !== null) return;
    this.heardAt = this.now();
    this.armWatchdog(this.bound());
  }

  private bound(): number {
    return Math.min(Math.max(this.silenceMs, SILENCE_FACTOR * this.longestGap), MAX_SILENCE_MS);
  }

  private armWatchdog(ms: number): void {
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      if (!this.worker || !this.owed()) return;
      const silent = this.now() - this.heardAt;
      // A hidden page may be frozen with the worker's messages queued: count from when it is seen again.
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
      if (hidden) this.heardAt = this.now();
      if (hidden || silent < this.bound()) {
        this.armWatchdog(hidden ? this.bound() : this.bound() - silent);
        return;
      }
      this.giveUp(
        `the training worker stopped answering (no message for ${Math.round(silent / 1000)} s): ` +
          'the browser may have stopped it, for example when memory ran short',
      );
    }, ms);
  }

  private onMessage(message: FromWorker): void {
    const now = this.now();
    let training = false;
    for (const run of this.runs.values()) if (run.status === 'running') training = true;
    if (training) this.longestGap = Math.max(this.longestGap, now - this.heardAt);
    this.heardAt = now;
    if (message.type === 'status' || message.type === 'progress') this.controlUnanswered = false;
    this.dispatch(message);
    if (this.owed()) this.expectReply();
    else if (this.watchdog !== null) {
      clearTimeout(this.watchdog);
      this.watchdog = null;
    }
  }

  private dispatch(message: FromWorker): void {
    if (
      (message.type === 'samples' ||
        message.type === 'snapshot' ||
        message.type === 'timing' ||
        message.type === 'report' ||
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
      else if (message.type === 'report') pending.resolve({ step: message.step, report: message.report });
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

  private failAll(reason: string, status: 'error' | 'cancelled' = 'error'): void {
    for (const run of this.runs.values()) run.abort(reason, status);
    for (const pending of this.pending.values()) pending.reject(new Error(reason));
    this.pending.clear();
  }
}
