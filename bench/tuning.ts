// The `tuning` workload: the tuning lab's own search code (SearchRunner on a WorkerPool of TrainerClients) drives
// the real worker file in Node worker threads, and times the same 8-trial grid on 1 and on 2 workers, alternating,
// in one process. It reports each search's wall time, the speed-up, and how fast a trial trains in the 2-worker pool
// against the same trial alone (a 1-worker pool: one worker, as the char-model widget has).
import { cpus, loadavg } from 'node:os';
import { TrainerClient, type WorkerLike } from '../components/lib/trainerClient';
import { WorkerPool } from '../components/lib/workerPool';
import { SearchRunner, type SearchInput } from '../components/widgets/TuningLab/runner';
import { DEFAULT_SPACE } from '../components/widgets/TuningLab/search';
import { nodeWorkerLike } from '../engine/worker/testing/nodeWorkerStart';
import { loadMobyDick } from '../scripts/data/datasets';
import { median } from './stats';

/** The grid: hidden 32 or 64, 1 or 2 layers, GRU or LSTM, lr 1e-3: 8 char-model trials of 60 steps. */
export const TUNING_GRID: SearchInput = {
  task: 'char-model',
  method: 'grid',
  space: { ...DEFAULT_SPACE, hidden: [32, 64], layers: [1, 2], lr: [1e-3], cell: ['gru', 'lstm'] },
  trials: 8,
  steps: 60,
  evalEvery: 30,
  seed: 1,
};

/** One timed search. */
export interface TuningSearchResult {
  workers: number;
  ms: number;
  /** Each trial's training time per step (evaluations included), by trial number. */
  msPerStep: number[];
  /** Each trial's lowest validation loss, to check both pools trained the same thing. */
  scores: number[];
}

/** The workload's outcome. */
export interface TuningResult {
  rounds: { one: TuningSearchResult; two: TuningSearchResult }[];
  /** Median over rounds of (1-worker time / 2-worker time). */
  speedup: number;
  /** Median over rounds and trials of (ms per step in the 2-worker pool / ms per step alone). */
  trialSlowdown: number;
  /** Load average per core when the workload started and ended. */
  load: [number, number];
}

const makeWorker = (): WorkerLike => nodeWorkerLike();

/** A pool of `size` worker threads, each warmed up by one short trial (thread start, module load, JIT). */
async function warmPool(size: number, text: string): Promise<WorkerPool> {
  const pool = new WorkerPool(size, { createClient: () => new TrainerClient({ createWorker: makeWorker }) });
  const warm: SearchInput = {
    ...TUNING_GRID,
    space: { ...TUNING_GRID.space, hidden: [32], layers: [1], cell: ['gru'] },
    steps: 3,
    evalEvery: 3,
  };
  await Promise.all(Array.from({ length: size }, () => search(pool, warm, text)));
  return pool;
}

/** Train one search on the pool; resolves with its wall time and each trial's pace. */
function search(pool: WorkerPool, input: SearchInput, text: string): Promise<TuningSearchResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const runner = new SearchRunner(pool, input, {
      data: { kind: 'text', name: 'moby-dick.txt', text },
      onChange: () => {
        if (runner.state !== 'done') return;
        const failed = runner.trials.find((t) => t.record.state !== 'done');
        if (failed)
          reject(new Error(`tuning: trial ${failed.number} ended ${failed.record.state}: ${failed.record.message}`));
        resolve({
          workers: pool.size,
          ms: performance.now() - started,
          msPerStep: runner.trials.map((t) => t.record.elapsedMs / t.record.steps),
          scores: runner.trials.map((t) => t.score),
        });
      },
    });
    runner.start();
  });
}

const perCore = (): number => loadavg()[0] / cpus().length;

/**
 * Time the grid on 1 and 2 workers, alternating for `rounds` rounds (each pool warmed first, reused across rounds).
 * @throws when a trial fails, or the two pools' trials disagree (they train the same seeded models)
 */
export async function runTuningWorkload(
  options: { rounds?: number; onProgress?: (message: string) => void } = {},
): Promise<TuningResult> {
  const { rounds = 2, onProgress = () => {} } = options;
  const loadStart = perCore();
  const text = loadMobyDick();
  onProgress('tuning: starting worker threads');
  const one = await warmPool(1, text);
  const two = await warmPool(2, text);
  const results: TuningResult['rounds'] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      onProgress(`tuning: round ${r + 1} of ${rounds}, 1 worker`);
      const a = await search(one, TUNING_GRID, text);
      onProgress(`tuning: round ${r + 1} of ${rounds}, 2 workers`);
      const b = await search(two, TUNING_GRID, text);
      results.push({ one: a, two: b });
      const differs = a.scores.findIndex((s, i) => Math.abs(s - b.scores[i]) > 1e-6);
      if (differs >= 0)
        throw new Error(
          `tuning: trial ${differs + 1} scored ${a.scores[differs]} on 1 worker but ${b.scores[differs]} on 2: the pools should train identical models`,
        );
    }
  } finally {
    one.dispose();
    two.dispose();
  }
  return {
    rounds: results,
    speedup: median(results.map((r) => r.one.ms / r.two.ms)),
    trialSlowdown: median(results.flatMap((r) => r.two.msPerStep.map((ms, i) => ms / r.one.msPerStep[i]))),
    load: [loadStart, perCore()],
  };
}

/** The report's lines. */
export function formatTuning(result: TuningResult): string[] {
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return [
    'Tuning lab: the 8-trial grid (char model, hidden 32/64 × 1/2 layers × GRU/LSTM, lr 1e-3, 60 steps, ' +
      "evaluations at 30 and 60 on 2,000 characters), the lab's SearchRunner on worker threads running train.worker.ts",
    ...result.rounds.map(
      (r, i) =>
        `  round ${i + 1}: 1 worker ${s(r.one.ms)}, 2 workers ${s(r.two.ms)} (${(r.one.ms / r.two.ms).toFixed(2)}×)`,
    ),
    `  speed-up with 2 workers: ${result.speedup.toFixed(2)}× (median of rounds; target ≥ 1.6× on a machine with 2 free cores)`,
    `  a trial's time per step in the 2-worker pool over the same trial alone: ${result.trialSlowdown.toFixed(2)}× (median over trials and rounds)`,
    `  load average per core: ${result.load[0].toFixed(1)} at the start, ${result.load[1].toFixed(1)} at the end (${cpus().length} cores)`,
  ];
}

/** The BENCH line's part. */
export function tuningLine(result: TuningResult): Record<string, number> {
  return {
    one_worker_ms: Math.round(median(result.rounds.map((r) => r.one.ms))),
    two_workers_ms: Math.round(median(result.rounds.map((r) => r.two.ms))),
    speedup: Number(result.speedup.toFixed(3)),
    trial_slowdown: Number(result.trialSlowdown.toFixed(3)),
  };
}
