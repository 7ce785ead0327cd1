// Runs a tuning-lab search in Node exactly as the lab does in a browser (its SearchRunner on a WorkerPool of
// train.worker.ts in worker threads) and prints every trial and a summary: the figures chapter 8 quotes.
// Run:  npx tsx scripts/tuning-lab/search.ts [grid|random|halving] [workers]   (the lab's defaults otherwise)
// (`node --experimental-wasm-relaxed-simd --import tsx` in place of `npx tsx` runs the relaxed-SIMD kernels Chromium's
// worker runs, as the chapter's figures do; plain SIMD can differ in the last digits.)
// Its output for each method with the lab's seed is committed beside it (search-grid.txt, search-random.txt,
// search-halving.txt: `… search.ts grid 1 > scripts/tuning-lab/search-grid.txt`); a unit test ties chapter 8's figures
// and the tuning lab's Predict thresholds to them.
import { TrainerClient } from '../../components/lib/trainerClient';
import { WorkerPool } from '../../components/lib/workerPool';
import { toCsv } from '../../components/widgets/TuningLab/export';
import { SearchRunner, type SearchInput } from '../../components/widgets/TuningLab/runner';
import { METHODS, type Method } from '../../components/widgets/TuningLab/search';
import { readTuningLabState } from '../../components/widgets/TuningLab/state';
import { nodeWorkerLike } from '../../engine/worker/testing/nodeWorkerStart';
import { loadMobyDick } from '../data/datasets';

const method = (process.argv[2] ?? 'grid') as Method;
if (!METHODS.includes(method)) throw new Error(`method must be one of ${METHODS.join(', ')}`);
const workers = Number(process.argv[3] ?? 2);
const { state } = readTuningLabState(new URLSearchParams({ 'tuning-lab.method': method }));
const input: SearchInput = {
  task: state.task,
  method,
  space: {
    hidden: state.hidden,
    layers: state.layers,
    lr: state.lr,
    cell: state.cell,
    lrRange: [state.lrmin, state.lrmax],
    hiddenRange: [state.hmin, state.hmax],
  },
  trials: state.trials,
  steps: state.steps,
  evalEvery: state.every,
  seed: state.seed,
};
const pool = new WorkerPool(workers, { createClient: () => new TrainerClient({ createWorker: nodeWorkerLike }) });
const started = performance.now();
const runner = await new Promise<SearchRunner>((resolve) => {
  let last = 0;
  const r: SearchRunner = new SearchRunner(pool, input, {
    data: { kind: 'text', name: 'moby-dick.txt', text: loadMobyDick() },
    onChange: () => {
      const { ended, total } = r.counts;
      if (ended !== last) {
        last = ended;
        process.stderr.write(
          `\r${method}: ${ended} of ${total} trials, ${((performance.now() - started) / 60000).toFixed(1)} min   `,
        );
      }
      if (r.state === 'done') resolve(r);
    },
  });
  r.start();
});
pool.dispose();
process.stderr.write('\n');
process.stdout.write(toCsv(runner.trials, input));
const best = runner.best()!;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const finals = runner.trials.filter((t) => runner.rungs.length === 1 || t.rung === runner.rungs.length - 1);
console.log(
  `\n${method}, ${runner.plannedSteps} steps in ${runner.trials.length} trials on ${workers} workers: ` +
    `${((performance.now() - started) / 60000).toFixed(1)} min`,
);
console.log(
  `best: trial ${best.number} ${JSON.stringify(best.settings)}: validation loss ${best.score.toFixed(3)} at step ${best.record.best!.step}`,
);
const scored = runner.trials.filter((t) => Number.isFinite(t.score) && t.rung === 0);
for (const axis of ['lr', 'hidden', 'layers', 'cell'] as const) {
  const values = [...new Set(scored.map((t) => t.settings[axis]))];
  if (values.length > 6) {
    const sorted = [...scored].sort((a, b) => (a.settings[axis] as number) - (b.settings[axis] as number));
    const half = Math.floor(sorted.length / 2);
    console.log(
      `${axis}: lower half mean ${mean(sorted.slice(0, half).map((t) => t.score)).toFixed(3)}, ` +
        `upper half ${mean(sorted.slice(half).map((t) => t.score)).toFixed(3)}`,
    );
  } else
    console.log(
      `${axis}: ${values.map((v) => `${v}: mean ${mean(scored.filter((t) => t.settings[axis] === v).map((t) => t.score)).toFixed(3)}`).join(', ')}`,
    );
}
console.log(
  `distinct learning rates tried: ${new Set(runner.trials.map((t) => t.settings.lr)).size}; final-round trials: ${finals.length}`,
);
console.log(`diverged or failed: ${runner.trials.filter((t) => !Number.isFinite(t.score)).length}`);
