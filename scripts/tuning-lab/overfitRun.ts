// Chapter 8's overfitting run as the tuning lab trains it (?tuning-lab.preset=overfit): the preset's trial config,
// the engine's count task and trainer, in this process. Prints the same table as the PyTorch reference
// (scripts/torch/chapter8_overfitting_run.py), so the chapter can set the two side by side.
// Run:  npx tsx scripts/tuning-lab/overfitRun.ts [seed] [hidden]   (defaults: the preset's seed, 1, and 128 units)
// (`node --experimental-wasm-relaxed-simd --import tsx` in place of `npx tsx` runs the relaxed-SIMD kernels Chromium's
// worker runs; the first line says which it got. For this run both give the same table.)
// Its output with the relaxed-SIMD kernels is committed beside it: overfit-run.txt (128 units) and overfit-run-16.txt
// (`… overfitRun.ts 1 16`); a unit test ties chapter 8's figures to them.
import { loadWasmKernels } from '../../engine/kernels/wasm/load';
import { createSyntheticTask } from '../../engine/train/tasks/synthetic';
import type { SyntheticConfig } from '../../engine/train/tasks/syntheticConfig';
import { createRun } from '../../engine/train/trainer';
import { appendProgress, createRunRecord, detectOverfitting } from '../../components/lib/runHistory';
import { OVERFIT_RULE } from '../../components/widgets/TuningLab/runner';
import { PRESETS } from '../../components/widgets/TuningLab/state';
import { COUNT_SETUP, parameterCount, TASK_INFO } from '../../components/widgets/TuningLab/tasks';

const SHOWN_EPOCHS = [1, 4, 8, 12, 15, 20, 25, 30];

const kernels = await loadWasmKernels();
const preset = PRESETS.overfit.state;
const seed = process.argv[2] === undefined ? preset.seed! : Number(process.argv[2]);
const hidden = process.argv[3] === undefined ? preset.hidden![0] : Number(process.argv[3]);
const settings = { hidden, layers: preset.layers![0], lr: preset.lr![0], cell: preset.cell![0] };
const config = TASK_INFO.count.config(settings, preset.steps!, preset.every!, seed) as SyntheticConfig;
const task = createSyntheticTask(config);
const run = createRun(task, config);
console.log(
  `kernels: ${kernels.float32}; seed ${seed}; LSTM of ${hidden} units, ${parameterCount('count', settings).toLocaleString('en-US')} parameters`,
);
console.log(
  `always answering the more common class scores ${(task.baselines.accuracy * 100).toFixed(1)}% on the validation sequences`,
);

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const rows: { epoch: number; train: number; trainAcc: number; val: number; acc: number }[] = [];
let sum = 0;
let count = 0;
// The trial's record, folded from every step as the lab folds the worker's progress, for the lab's overfitting flag.
const record = createRunRecord(config);
while (run.status === 'running') {
  const p = run.step();
  appendProgress(record, {
    step: p.step,
    elapsedMs: 0,
    points: [{ step: p.step, loss: p.loss }],
    evals: p.eval ? [{ step: p.step, ...p.eval }] : [],
  });
  sum += p.loss;
  count += 1;
  if (p.eval) {
    rows.push({
      epoch: p.step / COUNT_SETUP.stepsPerEpoch,
      train: sum / count,
      trainAcc: p.eval.metrics.trainAccuracy,
      val: p.eval.valLoss,
      acc: p.eval.metrics.accuracy,
    });
    sum = 0;
    count = 0;
  }
}
const best = rows.reduce((a, b) => (b.val < a.val ? b : a));
console.log(
  `lowest validation loss ${best.val.toFixed(3)} at epoch ${best.epoch} (accuracy ${(best.acc * 100).toFixed(1)}%)`,
);
console.log(
  `first epoch with every training sequence right: ${rows.find((r) => r.trainAcc === 1)?.epoch ?? `none (${pct(rows.at(-1)!.trainAcc)} at the end)`}`,
);
const after = rows.filter((r) => r.epoch > best.epoch);
const lowestAfter = after.reduce<(typeof rows)[number] | null>((a, b) => (a === null || b.acc < a.acc ? b : a), null);
// The table adds the best epoch and the one with the lowest accuracy after it, so every figure the chapter quotes is in it.
const epochs = [...new Set([...SHOWN_EPOCHS, best.epoch, ...(lowestAfter ? [lowestAfter.epoch] : [])])].sort(
  (a, b) => a - b,
);
const shown = epochs.map((e) => rows[e - 1]);
console.log(`| Epoch | ${epochs.join(' | ')} |`);
console.log(`|---|${'---|'.repeat(epochs.length)}`);
console.log(`| Training loss | ${shown.map((r) => r.train.toFixed(3)).join(' | ')} |`);
console.log(`| Validation loss | ${shown.map((r) => r.val.toFixed(3)).join(' | ')} |`);
console.log(`| Validation accuracy | ${shown.map((r) => pct(r.acc)).join(' | ')} |`);
if (after.length > 0) {
  const accs = after.map((r) => r.acc);
  console.log(`validation accuracy after the best epoch: ${pct(Math.min(...accs))} to ${pct(Math.max(...accs))}`);
}
console.log(
  `final validation loss ${rows.at(-1)!.val.toFixed(3)} (${((rows.at(-1)!.val / best.val - 1) * 100).toFixed(0)}% above the lowest)`,
);
const atShare = rows.findIndex((r) => r.acc.toFixed(3) !== task.baselines.accuracy.toFixed(3));
console.log(`validation accuracy at the majority share for the first ${atShare < 0 ? rows.length : atShare} epochs`);
const flag = detectOverfitting(record.evals, OVERFIT_RULE);
console.log(
  flag
    ? `the lab flags overfitting at step ${flag.flaggedStep} (the validation loss turned at step ${flag.turnStep})`
    : 'the lab does not flag overfitting',
);
