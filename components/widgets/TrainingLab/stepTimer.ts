// Time per step, measured rather than guessed: for the settings the reader is looking at, a worker of its own builds the
// model and times a few training steps (the worker's `measure`). Measurements wait while a run trains (two workers on
// a shared core would slow each other and the number would be wrong), are debounced, and are kept per config.
import type { TaskConfig } from '../../../engine/train/tasks/configs';
import type { DataSource, TrainerClient, Timing } from '../../lib/trainerClient';

/** What is known of a config's time per step. */
export type Measurement =
  | {
      kind: 'timing';
      timing: Timing;
      /** measured for an earlier config, shown until the new one is measured */ stale: boolean;
    }
  | { kind: 'pending'; reason: string }
  | { kind: 'error'; message: string };

/** The parts of a config that change a step's time or whether it can run (not the seed, the steps or evaluations). */
export function timingKey(config: TaskConfig): string {
  const { seed: _seed, maxSteps: _m, evalEvery: _e, patience: _p, restoreBest: _r, ...rest } = config;
  return JSON.stringify(rest);
}

/** Options of a StepTimer. */
export interface StepTimerOptions {
  createClient: () => TrainerClient;
  dataFor: (config: TaskConfig) => DataSource;
  /** Called with each new state of the config last asked about. */
  onMeasurement: (config: TaskConfig, measurement: Measurement) => void;
  /** Wait this long after the last change before measuring (default 600 ms). */
  debounceMs?: number;
}

/** Measures the config last asked about, once the reader stops changing it and no run trains. */
export class StepTimer {
  private client: TrainerClient | null = null;
  private readonly cache = new Map<string, Measurement>();
  private wanted: TaskConfig | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private busy = false;
  private inFlight = false;
  private last: Measurement | null = null;

  constructor(private readonly options: StepTimerOptions) {}

  /** The config whose time the reader wants to know; answered at once from the cache, else measured soon. */
  want(config: TaskConfig): void {
    this.wanted = config;
    const cached = this.cache.get(timingKey(config));
    if (cached) {
      this.emit(cached);
      return;
    }
    this.emit(
      this.busy
        ? this.staleOr('measured when the run in progress ends (two trainings at once would slow each other down)')
        : this.staleOr('measuring on this machine…'),
    );
    this.schedule();
  }

  /** A run is training (true) or not: measuring waits while it does. */
  setBusy(busy: boolean): void {
    if (this.busy === busy) return;
    this.busy = busy;
    if (!busy && this.wanted && !this.cache.has(timingKey(this.wanted))) this.schedule();
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.client?.dispose();
    this.client = null;
  }

  /** The previous timing marked stale while a new one is pending, else a pending line. */
  private staleOr(reason: string): Measurement {
    return this.last?.kind === 'timing' ? { ...this.last, stale: true } : { kind: 'pending', reason };
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.measure();
    }, this.options.debounceMs ?? 600);
  }

  private async measure(): Promise<void> {
    const config = this.wanted;
    if (!config || this.busy || this.inFlight) return;
    const key = timingKey(config);
    if (this.cache.has(key)) return;
    this.inFlight = true;
    this.client ??= this.options.createClient();
    let result: Measurement;
    try {
      result = {
        kind: 'timing',
        timing: await this.client.measure(config, this.options.dataFor(config)),
        stale: false,
      };
    } catch (error) {
      result = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    this.inFlight = false;
    this.cache.set(key, result);
    if (this.wanted && timingKey(this.wanted) === key) this.emit(result);
    // The reader moved on while this was measured: measure what they look at now.
    else if (this.wanted) this.schedule();
  }

  private emit(m: Measurement): void {
    if (m.kind === 'timing' && !m.stale) this.last = m;
    if (this.wanted) this.options.onMeasurement(this.wanted, m);
  }
}
