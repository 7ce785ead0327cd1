// Times one workload: builds every contestant's trainer from the same weights, warms each up, then
// runs rounds in which every contestant takes one step, in an order that rotates each round.
import { contestants as registry } from './contestants';
import { isUnavailable, type Contestant, type ContestantId, type Trainer } from './contestants/types';
import { makeBatches } from './data';
import { initialWeights } from './model';
import type { Workload } from './workloads';

/** One contestant's outcome on a workload. */
export interface ContestantResult {
  id: ContestantId;
  label: string;
  /** Why it did not run, if it did not. */
  unavailable?: string;
  /** [rounds] ms per timed step; times[r] was taken in round r */
  times: number[];
  /** Loss of the first step (untimed), the same batch and weights for all: should agree across contestants. */
  firstLoss?: number;
  /** Loss of the last timed step. */
  lastLoss?: number;
}

export interface WorkloadResult {
  workload: Workload;
  results: ContestantResult[];
}

export interface RunOptions {
  warmup: number;
  rounds: number;
  /** Contestants to include (default: all of the workload's). */
  only?: readonly ContestantId[];
  /** Token stream the batches are cut from. */
  tokens: Int32Array;
  /** Overrides the registry, for tests. */
  contestants?: Record<ContestantId, Contestant>;
  onProgress?: (message: string) => void;
}

/**
 * Runs a workload's contestants side by side in this process.
 * @returns per contestant, the step times of every round (or why it could not run)
 */
export async function runWorkload(workload: Workload, options: RunOptions): Promise<WorkloadResult> {
  const { warmup, rounds, tokens, onProgress = () => {} } = options;
  const table = options.contestants ?? registry;
  const weights = initialWeights(workload.model);
  const batches = makeBatches(tokens, workload.model, Math.min(warmup + rounds, 256));
  const ids = workload.contestants.filter((id) => !options.only || options.only.includes(id));

  const results: ContestantResult[] = [];
  const running: { result: ContestantResult; trainer: Trainer; stepCount: number }[] = [];
  for (const id of ids) {
    const contestant = table[id];
    const result: ContestantResult = { id, label: contestant.label, times: [] };
    results.push(result);
    const made = await contestant.create({ model: workload.model, weights, adam: workload.adam });
    if (isUnavailable(made)) result.unavailable = made.unavailable;
    else running.push({ result, trainer: made, stepCount: 0 });
  }

  // Every contestant walks the same batch sequence, one batch per step.
  const step = (entry: (typeof running)[number]): [number, number] => {
    entry.trainer.activate?.();
    const batch = batches[entry.stepCount % batches.length];
    entry.stepCount += 1;
    const start = performance.now();
    const loss = entry.trainer.step(batch);
    return [performance.now() - start, loss];
  };

  for (let w = 0; w < warmup; w++) {
    for (const entry of running) {
      const [, loss] = step(entry);
      if (w === 0) entry.result.firstLoss = loss;
    }
    onProgress(`${workload.id}: warm-up ${w + 1}/${warmup}`);
  }
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < running.length; k++) {
      const entry = running[(r + k) % running.length];
      const [ms, loss] = step(entry);
      entry.result.times.push(ms);
      entry.result.lastLoss = loss;
    }
    onProgress(`${workload.id}: round ${r + 1}/${rounds}`);
  }
  for (const { trainer } of running) trainer.dispose();
  return { workload, results };
}
