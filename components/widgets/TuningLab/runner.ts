// Runs one search on a worker pool: makes each rung's trials (search.ts), trains them (workerPool.ts), folds their
// progress into run records (runHistory.ts), scores and flags each trial as it ends, promotes the best of a halving
// rung, and says how far the search is and how long it has left. No DOM: the element draws what this keeps.
import {
  appendProgress,
  createRunRecord,
  detectOverfitting,
  dropTrainingCurve,
  endRun,
  hasEnded,
  type Overfitting,
  type RunRecord,
} from '../../lib/runHistory';
import type { DataSource, RunEnd, TrainingRun } from '../../lib/trainerClient';
import type { WorkerPool } from '../../lib/workerPool';
import {
  firstTrials,
  HALVING_RATE,
  promote,
  rungsOf,
  score,
  totalSteps,
  type Method,
  type Rung,
  type SearchSpace,
  type TrialSettings,
} from './search';
import { parameterCount, TASK_INFO, trialCost, type LabTask } from './tasks';

/**
 * When a trial counts as overfitting: its validation loss has stayed above its lowest for 5 evaluations in a row and
 * ends at least 5% above it, while its training loss fell. Five evaluations rather than the run history's default
 * three, because the counting task's 500 validation sequences make its validation loss jump by 10% from one epoch to
 * the next; once a rise has lasted five, 5% (the default asks 10%) is enough to call it a turn.
 */
export const OVERFIT_RULE = { patience: 5, minRise: 0.05 } as const;

/** Searches of at most this many trials keep every trial's training curve to the end (to see it next to validation). */
export const KEEP_CURVES = 8;

/** What one search trains: the task, the method, the space, the budget and the seed every trial uses. */
export interface SearchInput {
  task: LabTask;
  method: Method;
  space: SearchSpace;
  /** Configurations for random search and successive halving (the grid has its own count). */
  trials: number;
  /** Steps per trial (successive halving splits the same total over its rungs). */
  steps: number;
  evalEvery: number;
  seed: number;
}

/** One trial: its settings, where it stands in the search, and its run record. */
export interface Trial {
  /** 1, 2, … in the order trials were made. */
  number: number;
  settings: TrialSettings;
  /** 0 for the first rung; successive halving's promoted trials are new trials in the next rung. */
  rung: number;
  /** Steps it trains. */
  budget: number;
  record: RunRecord;
  parameters: number;
  /** Lowest validation loss, or Infinity when it diverged, failed or has not evaluated. */
  score: number;
  /** Where validation loss turned up while training loss fell, once seen. */
  overfit: Overfitting | null;
  /** The trial of the next rung it was promoted to. */
  promotedTo: number | null;
  /** The worker slot it trains in, while it does. */
  slot: number | null;
}

/** Where the search is. */
export type SearchState = 'running' | 'paused' | 'done' | 'cancelled';

/** Options of a runner. */
export interface RunnerOptions {
  data: DataSource;
  /** Called after every change (progress, a status, a trial's end); the caller throttles its drawing. */
  onChange?: () => void;
  /** Multiply-adds per millisecond this device was measured at, for time estimates before any trial reports. */
  macsPerMs?: number | null;
  now?: () => number;
}

/** Trains one search. Start it with `start()`; it drives the pool until every rung is done or it is cancelled. */
export class SearchRunner {
  readonly rungs: Rung[];
  readonly trials: Trial[] = [];
  state: SearchState = 'running';
  /** The rung being trained. */
  rung = 0;
  readonly startedAt: number;
  endedAt: number | null = null;
  private readonly onChange: () => void;
  private readonly now: () => number;
  private readonly calibration: number | null;
  private readonly group: string;

  constructor(
    private readonly pool: WorkerPool,
    readonly input: SearchInput,
    private readonly options: RunnerOptions,
  ) {
    const first = firstTrials(input.space, input.method, input.trials, input.seed);
    this.rungs = rungsOf(input.method, first.length, input.steps);
    this.onChange = options.onChange ?? (() => undefined);
    this.now = options.now ?? (() => performance.now());
    this.calibration = options.macsPerMs ?? null;
    this.startedAt = this.now();
    this.group = `search-${Math.round(this.startedAt).toString(36)}`;
    for (const settings of first) this.addTrial(settings, 0);
  }

  /** Submit the first rung's trials to the pool. */
  start(): void {
    this.submitRung(0);
    this.onChange();
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.state = 'paused';
    this.pool.pause();
    this.onChange();
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.pool.resume();
    this.onChange();
  }

  /** Stop every worker now; trials that had not finished end as cancelled, and no later rung starts. */
  cancel(): void {
    if (this.state === 'done' || this.state === 'cancelled') return;
    this.state = 'cancelled';
    this.endedAt = this.now();
    this.pool.cancelAll('the search was cancelled');
    this.onChange();
  }

  /** The trial with the lowest score among those that ended, or null. */
  best(): Trial | null {
    let best: Trial | null = null;
    for (const t of this.trials)
      if (hasEnded(t.record) && Number.isFinite(t.score) && (best === null || t.score < best.score)) best = t;
    return best;
  }

  /** Steps the whole search trains (successive halving: all its rungs). */
  get plannedSteps(): number {
    return totalSteps(this.rungs);
  }

  /** Steps trained so far, by every trial. */
  get doneSteps(): number {
    return this.trials.reduce((sum, t) => sum + Math.min(t.record.steps, t.budget), 0);
  }

  /** Trials that ended, and trials the search will train in all. */
  get counts(): { ended: number; total: number } {
    return {
      ended: this.trials.filter((t) => hasEnded(t.record)).length,
      total: this.rungs.reduce((sum, r) => sum + r.trials, 0),
    };
  }

  /** Multiply-adds per ms measured so far in this search (trained work over its time), or the device's calibration. */
  pace(): number | null {
    let macs = 0;
    let ms = 0;
    for (const t of this.trials) {
      if (t.record.steps === 0 || t.record.elapsedMs <= 0) continue;
      macs += trialCost(this.input.task, t.settings, t.record.steps, this.input.evalEvery);
      ms += t.record.elapsedMs;
    }
    return ms > 0 ? macs / ms : this.calibration;
  }

  /**
   * Time left, by laying the work still to do out over the pool's workers: each running trial's remaining steps,
   * then the queued trials in order on whichever worker frees up first, then the later rungs (their trials not yet
   * known: the current rung's mean cost per step). Null until the pace is known.
   */
  timeLeftMs(): number | null {
    if (this.state === 'done' || this.state === 'cancelled') return 0;
    const pace = this.pace();
    if (pace === null || pace <= 0) return null;
    const { task, evalEvery } = this.input;
    const costMs = (settings: TrialSettings, steps: number): number =>
      trialCost(task, settings, steps, evalEvery) / pace;
    const free = new Array<number>(this.pool.size).fill(0);
    const queued: number[] = [];
    for (const t of this.trials) {
      if (hasEnded(t.record)) continue;
      const left = costMs(t.settings, Math.max(0, t.budget - t.record.steps));
      if (t.slot !== null) free[t.slot] = left;
      else queued.push(left);
    }
    const place = (ms: number): void => {
      const i = free.indexOf(Math.min(...free));
      free[i] += ms;
    };
    queued.forEach(place);
    const current = this.trials.filter((t) => t.rung === this.rung);
    const meanPerStep =
      current.reduce((sum, t) => sum + costMs(t.settings, t.budget), 0) /
      Math.max(
        1,
        current.reduce((sum, t) => sum + t.budget, 0),
      );
    for (let k = this.rung + 1; k < this.rungs.length; k++) {
      const barrier = Math.max(...free);
      free.fill(barrier);
      for (let i = 0; i < this.rungs[k].trials; i++) place(meanPerStep * this.rungs[k].steps);
    }
    return Math.max(...free);
  }

  private addTrial(settings: TrialSettings, rung: number): Trial {
    const { task, evalEvery, seed } = this.input;
    const budget = this.rungs[rung].steps;
    const number = this.trials.length + 1;
    const trial: Trial = {
      number,
      settings,
      rung,
      budget,
      record: createRunRecord(TASK_INFO[task].config(settings, budget, evalEvery, seed), {
        label: `trial ${number}`,
        group: this.group,
        color: (number - 1) % 8,
      }),
      parameters: parameterCount(task, settings),
      score: Infinity,
      overfit: null,
      promotedTo: null,
      slot: null,
    };
    trial.record.parameters = trial.parameters;
    this.trials.push(trial);
    return trial;
  }

  private submitRung(rung: number): void {
    this.rung = rung;
    for (const trial of this.trials.filter((t) => t.rung === rung)) {
      const ticket = this.pool.submit({
        config: trial.record.config,
        data: this.options.data,
        onStart: (run, slot) => this.follow(trial, run, slot),
      });
      void ticket.finished.then((end) => this.ended(trial, end));
    }
  }

  /** Keep a started trial's record up to date from its run's messages. */
  private follow(trial: Trial, run: TrainingRun, slot: number): void {
    trial.slot = slot;
    trial.record.state = 'loading';
    run.ready.then(
      (info) => {
        trial.record.baselines = { ...info.baselines };
        this.onChange();
      },
      () => undefined,
    );
    run.onStatus((status) => {
      if (!hasEnded(trial.record) && (status === 'running' || status === 'paused' || status === 'loading'))
        trial.record.state = status;
      this.onChange();
    });
    void (async () => {
      for await (const progress of run.progress()) {
        if (hasEnded(trial.record)) return;
        appendProgress(trial.record, progress);
        this.onChange();
      }
    })();
  }

  private ended(trial: Trial, end: RunEnd): void {
    trial.slot = null;
    const record = trial.record;
    endRun(record, end.status, end.step, end.message);
    trial.score = score(record.best, record.state);
    trial.overfit = detectOverfitting(record.evals, OVERFIT_RULE);
    // A finished trial keeps its evaluations (its curve on the chart, its row in the table); in a search of more than
    // KEEP_CURVES trials it drops its training curve, so a long search holds a few numbers per trial, not per step.
    if (this.trials.length > KEEP_CURVES) dropTrainingCurve(record);
    if (this.state !== 'cancelled' && this.trials.every((t) => t.rung !== this.rung || hasEnded(t.record)))
      this.rungEnded();
    this.onChange();
  }

  /** A rung is over: promote the best third of successive halving's rung, or end the search. */
  private rungEnded(): void {
    const next = this.rung + 1;
    if (next >= this.rungs.length) {
      this.state = 'done';
      this.endedAt = this.now();
      return;
    }
    const rung = this.trials.filter((t) => t.rung === this.rung);
    const keep = Math.min(this.rungs[next].trials, Math.floor(rung.length / HALVING_RATE) || 1);
    const chosen = promote(
      rung.map((t) => t.score),
      keep,
    );
    if (chosen.length === 0) {
      // Every trial of the rung diverged or failed: nothing to promote.
      this.state = 'done';
      this.endedAt = this.now();
      return;
    }
    // Fewer may go up than planned when trials of this rung diverged or failed.
    this.rungs[next] = { ...this.rungs[next], trials: chosen.length };
    for (const i of chosen) rung[i].promotedTo = this.addTrial(rung[i].settings, next).number;
    this.submitRung(next);
  }
}
