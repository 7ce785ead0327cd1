// Measures how fast this device trains, so the lab can estimate a search's time before it starts: a few steps of
// the task's smallest model in a worker of its own, turned into multiply-adds per millisecond by the cost model.
import { TrainerClient, type DataSource } from '../../lib/trainerClient';
import type { TrialSettings } from './search';
import { TASK_INFO, trialCost, type LabTask } from './tasks';

/** The model timed: small, so the measurement takes about a second even on a slow device. */
const PROBE: TrialSettings = { hidden: 64, layers: 1, lr: 1e-3, cell: 'gru' };
const PROBE_STEPS = 20;

/** What a measurement found. */
export interface Pace {
  /** Multiply-adds per millisecond (`trialCost` over training time, JIT warm-up included, so it errs slow). */
  macsPerMs: number;
  /** Loading the data and building the model, which every trial pays once. */
  loadMs: number;
}

/**
 * Train the probe model for a few steps and measure it. Rejects with the run's sentence when it cannot train.
 * @param client the worker to use; by default one of its own, stopped afterwards
 */
export async function measurePace(
  task: LabTask,
  data: DataSource,
  client: TrainerClient = new TrainerClient(),
): Promise<Pace> {
  const started = performance.now();
  const run = client.start(TASK_INFO[task].config(PROBE, PROBE_STEPS, 10_000, 1), data);
  try {
    await run.ready;
    const loadMs = performance.now() - started;
    let elapsedMs = 0;
    for await (const progress of run.progress()) elapsedMs = progress.elapsedMs;
    const end = await run.finished;
    if (end.status !== 'done' || elapsedMs <= 0)
      throw new Error(end.message ?? `the measurement ended (${end.status})`);
    return { macsPerMs: trialCost(task, PROBE, PROBE_STEPS, 10_000) / elapsedMs, loadMs };
  } finally {
    client.dispose('the measurement is over');
  }
}
