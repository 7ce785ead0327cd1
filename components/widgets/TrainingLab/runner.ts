// The training lab's queue: runs wait their turn, train one at a time in the worker (through trainerClient), and each
// progress message and ending is folded into its kept record (runHistory). No DOM: the element renders what it finds.
import type { TaskConfig } from '../../../engine/train/tasks/configs';
import { announceRunFinished } from '../../lib/hostMessages';
import { appendProgress, endRun, hasEnded, type RunHistory, type RunRecord } from '../../lib/runHistory';
import type { DataSource, TrainerClient, TrainingRun } from '../../lib/trainerClient';

/** A run to add: its config, and optionally a name and the group it belongs to (a preset's runs share one). */
export interface RunRequest {
  config: TaskConfig;
  label?: string | null;
  group?: string | null;
  /** Which data source the run reads, when its task has several. */
  dataSource?: string | null;
}

/** What the runner needs from its owner. */
export interface RunnerOptions {
  history: RunHistory;
  /** The client that owns the training worker (made when the first run starts). */
  createClient: () => TrainerClient;
  /** Where a run's data comes from. */
  dataFor: (config: TaskConfig, dataSource: string | null) => DataSource;
  /** Something changed (a run's progress, state or the queue): render when convenient. */
  onChange: () => void;
  /** The widget's URL name, to tell an embed page's host that a run ended (`unrolled:run-finished`). */
  widget?: string;
  /** Every run of `group` has ended. */
  onGroupEnded?: (group: string, runs: RunRecord[]) => void;
  /**
   * A run has ended and its worker still holds the model: ask it what you need (the forecast lab's forecasts) before
   * the next run replaces it. The next run waits for the returned promise; a rejection is ignored.
   */
  onRunEnded?: (record: RunRecord, run: TrainingRun) => Promise<void> | void;
  /** Save the history at most this often while a run trains (default 5 s); always at a run's end. */
  saveEveryMs?: number;
}

/** Trains queued runs one after another and keeps their records up to date. */
export class LabRunner {
  private client: TrainerClient | null = null;
  private queue: RunRecord[] = [];
  private current: { record: RunRecord; run: TrainingRun } | null = null;
  private lastSave = 0;

  constructor(private readonly options: RunnerOptions) {}

  /** The run training now, or null. */
  get active(): RunRecord | null {
    return this.current?.record ?? null;
  }

  /** Runs waiting their turn, in order. */
  get waiting(): readonly RunRecord[] {
    return this.queue;
  }

  /** The kept runs of `run`'s group, oldest first (just `run` when it has none). */
  groupOf(run: RunRecord): RunRecord[] {
    return run.group === null ? [run] : this.options.history.list().filter((r) => r.group === run.group);
  }

  /** Adds runs to the history and the queue; the first starts at once if nothing is training. */
  enqueue(requests: readonly RunRequest[]): RunRecord[] {
    const records = requests.map((r) =>
      this.options.history.add(r.config, {
        label: r.label ?? null,
        group: r.group ?? null,
        dataSource: r.dataSource ?? null,
      }),
    );
    this.queue.push(...records);
    this.options.onChange();
    this.next();
    return records;
  }

  /** Stops the run training now (it ends as stopped); the next in the queue starts. */
  stopCurrent(): void {
    this.current?.run.cancel();
  }

  /** Stops the run training now and drops the queue (the waiting runs are removed from the history). */
  stopAll(): void {
    for (const record of this.queue) this.options.history.remove(record.id);
    this.queue = [];
    this.current?.run.cancel();
    this.options.onChange();
  }

  /** Drops a waiting run from the queue (and the history). */
  unqueue(id: string): void {
    this.queue = this.queue.filter((r) => r.id !== id);
    this.options.history.remove(id);
    this.options.onChange();
  }

  /** Stops everything and the worker; the lab is leaving the page. */
  dispose(): void {
    this.queue = [];
    this.client?.dispose();
    this.client = null;
    this.current = null;
  }

  private next(): void {
    if (this.current) return;
    const record = this.queue.shift();
    if (!record) return;
    this.client ??= this.options.createClient();
    const run = this.client.start(record.config, this.options.dataFor(record.config, record.dataSource));
    this.current = { record, run };
    record.state = 'loading';
    run.onStatus((status) => {
      if (!hasEnded({ state: status })) record.state = status;
      this.options.onChange();
    });
    run.ready.then(
      (info) => {
        // The worker's own reading of the config: what it trains.
        record.config = info.config;
        record.parameters = info.parameters;
        record.baselines = { ...info.baselines };
        this.options.onChange();
      },
      () => undefined,
    );
    void this.follow(record, run);
    this.options.onChange();
  }

  private async follow(record: RunRecord, run: TrainingRun): Promise<void> {
    const saveEvery = this.options.saveEveryMs ?? 5000;
    for await (const progress of run.progress()) {
      appendProgress(record, progress);
      this.options.onChange();
      const now = Date.now();
      if (now - this.lastSave > saveEvery) {
        this.lastSave = now;
        this.options.history.save();
      }
    }
    const end = await run.finished;
    record.restored = end.restored;
    endRun(record, end.status, end.step, end.message);
    this.options.history.changed(record);
    this.options.history.save();
    if (this.options.widget)
      announceRunFinished(this.options.widget, {
        status: end.status,
        step: end.step,
        loss: record.train.at(-1)?.[1] ?? null,
        valLoss: record.evals.at(-1)?.valLoss ?? null,
      });
    if (this.options.onRunEnded) await Promise.resolve(this.options.onRunEnded(record, run)).catch(() => undefined);
    this.current = null;
    this.reportGroup(record.group);
    this.options.onChange();
    this.next();
  }

  private reportGroup(group: string | null): void {
    if (group === null || !this.options.onGroupEnded) return;
    const runs = this.options.history.list().filter((r) => r.group === group);
    if (runs.length > 0 && runs.every(hasEnded)) this.options.onGroupEnded(group, runs);
  }
}
