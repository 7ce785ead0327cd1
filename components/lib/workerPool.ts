// A pool of training workers for searches: at most `size` runs train at once, each in its own worker (one
// TrainerClient per slot), the others wait their turn in order; pause, resume and cancel act on the whole pool.
// A worker that dies ends only its own run (the client says why); its slot gets a fresh worker for the next job.
import { TrainerClient, type DataSource, type RunEnd, type TaskConfig, type TrainingRun } from './trainerClient';

/**
 * How many workers a search uses: one per core the browser reports, minus one for the page, at least one.
 * A browser that reports nothing (or a fingerprinting-resistant 2) gets one worker.
 * @param cores `navigator.hardwareConcurrency` by default
 */
export function poolSize(cores?: number): number {
  const reported = cores ?? (typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency);
  return Number.isFinite(reported) && reported > 1 ? Math.floor(reported) - 1 : 1;
}

/** One run to train. */
export interface PoolJob {
  config: TaskConfig;
  data: DataSource;
  /** Called as the run starts in a worker, before any of its messages, with the slot it got (0 … size − 1). */
  onStart?: (run: TrainingRun, slot: number) => void;
}

/** A submitted job: how it ended, and a way to cancel it alone. */
export interface PoolTicket {
  /** Resolves once the job's run ended, or with status `cancelled` at step 0 if it never started. */
  readonly finished: Promise<RunEnd>;
  /** Take the job out of the queue, or cancel its run. */
  cancel(): void;
}

interface Queued {
  job: PoolJob;
  settle: (end: RunEnd) => void;
  started: TrainingRun | null;
  cancelled: boolean;
}

/** Options of a `WorkerPool`. */
export interface WorkerPoolOptions {
  /** How each slot's client is made (tests pass clients with in-process workers). */
  createClient?: (slot: number) => TrainerClient;
}

/** Runs jobs on at most `size` workers at once, in the order they were submitted. */
export class WorkerPool {
  readonly size: number;
  private readonly clients: TrainerClient[];
  private readonly busy: (Queued | null)[];
  private queue: Queued[] = [];
  private paused = false;

  /** @param size workers (see `poolSize`), at least 1 */
  constructor(size: number, options: WorkerPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(size));
    const make = options.createClient ?? (() => new TrainerClient());
    this.clients = Array.from({ length: this.size }, (_, slot) => make(slot));
    this.busy = new Array<Queued | null>(this.size).fill(null);
  }

  /** Jobs waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Jobs training now. */
  get running(): number {
    return this.busy.filter((b) => b !== null).length;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Queue a job; it starts as soon as a worker is free (and the pool is not paused). */
  submit(job: PoolJob): PoolTicket {
    let settle!: (end: RunEnd) => void;
    const finished = new Promise<RunEnd>((resolve) => {
      settle = resolve;
    });
    const item: Queued = { job, settle, started: null, cancelled: false };
    this.queue.push(item);
    this.dispatch();
    return {
      finished,
      cancel: () => this.cancelOne(item),
    };
  }

  /** Pause every training run and start no queued job until `resume`. */
  pause(): void {
    this.paused = true;
    for (const item of this.busy) item?.started?.pause();
  }

  /** Resume the paused runs and start queued jobs again. */
  resume(): void {
    this.paused = false;
    for (const item of this.busy) item?.started?.resume();
    this.dispatch();
  }

  /**
   * Cancel everything: queued jobs end as cancelled at step 0, and every worker is terminated at once (a worker in
   * the middle of a long evaluation stops now, not after it), its run ending as cancelled at its last reported step.
   * The pool stays usable: the next job starts a fresh worker.
   */
  cancelAll(reason = 'the search was cancelled'): void {
    const queued = this.queue;
    this.queue = [];
    for (const item of queued) {
      item.cancelled = true;
      item.settle({ status: 'cancelled', step: 0, message: reason, restored: null });
    }
    this.paused = false;
    for (const client of this.clients) client.dispose(reason);
  }

  /** Cancel everything and stop the workers for good (the element left the page). */
  dispose(): void {
    this.cancelAll('the page closed the search');
  }

  private cancelOne(item: Queued): void {
    if (item.cancelled) return;
    item.cancelled = true;
    const at = this.queue.indexOf(item);
    if (at >= 0) {
      this.queue.splice(at, 1);
      item.settle({ status: 'cancelled', step: 0, message: null, restored: null });
    } else item.started?.cancel();
  }

  private dispatch(): void {
    if (this.paused) return;
    for (let slot = 0; slot < this.size && this.queue.length > 0; slot++) {
      if (this.busy[slot] !== null) continue;
      const item = this.queue.shift()!;
      this.busy[slot] = item;
      const run = this.clients[slot].start(item.job.config, item.job.data);
      item.started = run;
      item.job.onStart?.(run, slot);
      void run.finished.then((end) => {
        if (this.busy[slot] === item) this.busy[slot] = null;
        item.settle(end);
        this.dispatch();
      });
    }
  }
}
