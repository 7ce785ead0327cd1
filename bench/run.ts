// `npm run bench`: trains every workload's contestants side by side in this process and prints
// medians, paired ratios, the targets, and as the last line `BENCH {…}`.
// Flags: --quick (fewer rounds), --only=rnn,lstm (workloads), --contestants=fused,tfjs_wasm, --rounds=N,
// --task-kernels=js (the time-to-target runs on the JS kernels instead of the WebAssembly ones).
// Then the time each training task takes to reach its target quality (`--only=tasks`, one task by id, or
// `--only=delays` for the recall comparison of cells), and the tuning lab's 8-trial grid on 1 and 2 worker threads
// (`--only=tuning`); a quick run skips them.
import { setWasmKernelsEnabled } from '../engine/kernels/index';
import { loadWasmKernels } from '../engine/kernels/wasm/load';
import { contestants } from './contestants';
import type { ContestantId } from './contestants/types';
import { mobyDickTextOnce, tokenize } from './data';
import { benchLine, formatLossCheck, formatTargets, formatWorkload } from './report';
import { runTaskWorkload, type TaskResult } from './runTaskWorkload';
import { runWorkload, type WorkloadResult } from './runWorkload';
import { formatDelayTable, formatTaskResult, tasksLine } from './taskReport';
import { isTaskSelector, selectTaskWorkloads, taskWorkloads, TASK_GROUPS } from './taskWorkloads';
import { formatTuning, runTuningWorkload, tuningLine } from './tuning';
import { workloads } from './workloads';

function flag(name: string): string | undefined {
  const arg = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : (arg.split('=')[1] ?? '');
}

const quick = flag('quick') !== undefined;
const onlyWorkloads = flag('only')?.split(',');
const onlyContestants = flag('contestants')?.split(',') as ContestantId[] | undefined;
const roundsOverride = flag('rounds') === undefined ? undefined : Number(flag('rounds'));
const taskKernels = flag('task-kernels') ?? 'wasm';
if (taskKernels !== 'wasm' && taskKernels !== 'js') {
  console.error(`bench: --task-kernels must be wasm or js, got ${taskKernels}`);
  process.exit(2);
}
const unknown =
  onlyWorkloads?.filter((id) => !workloads.some((w) => w.id === id) && !isTaskSelector(id) && id !== 'tuning') ?? [];
if (unknown.length > 0) {
  const known = [...workloads.map((w) => w.id), ...TASK_GROUPS, ...taskWorkloads.map((w) => w.id), 'tuning'];
  console.error(`bench: unknown workload ${unknown.join(', ')}; known: ${known.join(', ')}`);
  process.exit(2);
}
const unknownContestants = onlyContestants?.filter((id) => !(id in contestants)) ?? [];
if (unknownContestants.length > 0) {
  console.error(
    `bench: unknown contestant ${unknownContestants.join(', ')}; known: ${Object.keys(contestants).join(', ')}`,
  );
  process.exit(2);
}
if (roundsOverride !== undefined && !(Number.isInteger(roundsOverride) && roundsOverride > 0)) {
  console.error(`bench: --rounds must be a positive integer, got ${flag('rounds')}`);
  process.exit(2);
}

const vocabSize = 65;
const { tokens } = tokenize(mobyDickTextOnce(), vocabSize);
console.log(
  `Unrolled bench: Node ${process.version}, ${quick ? 'quick' : 'full'} run, Moby-Dick as ${tokens.length} tokens over ${vocabSize} symbols`,
);
console.log(
  'A step = forward + BPTT + Adam (PyTorch rule), from zero state, mean cross-entropy at every step; float32.',
);
const kernels = await loadWasmKernels();
console.log(
  kernels.float32 === 'js'
    ? `engine: float32 kernels js (${kernels.reason}); engine_js: the same JS kernels`
    : `engine: float32 kernels ${kernels.float32} (WebAssembly ${
        kernels.float32 === 'wasm-simd'
          ? 'SIMD; relaxed SIMD is off in this runtime: node --experimental-wasm-relaxed-simd turns it on'
          : 'relaxed SIMD, fused multiply-add'
      }); engine_js: the JS kernels, switched per step in the same process`,
);

const results: WorkloadResult[] = [];
const started = performance.now();
for (const workload of workloads.filter((w) => !onlyWorkloads || onlyWorkloads.includes(w.id))) {
  const result = await runWorkload(workload, {
    warmup: quick ? workload.warmup.quick : workload.warmup.full,
    rounds: roundsOverride ?? (quick ? workload.rounds.quick : workload.rounds.full),
    only: onlyContestants,
    tokens,
    onProgress: (message) => process.stderr.write(`\r${message}   `),
  });
  process.stderr.write('\n');
  results.push(result);
  console.log('');
  for (const line of formatWorkload(result)) console.log(line);
  for (const line of formatLossCheck(result)) console.log(line);
  console.log('  targets (engine):');
  for (const line of formatTargets(result)) console.log(line);
}
const taskResults: TaskResult[] = [];
const selectedTasks = selectTaskWorkloads(onlyWorkloads, quick);
if (selectedTasks.length > 0) {
  const status = setWasmKernelsEnabled(taskKernels === 'wasm');
  console.log(
    `\nTime to target quality: each task from its first step at its default settings, in this process (no ` +
      `warm-up; evaluations included), float32 kernels ${status.float32}.`,
  );
}
for (const workload of selectedTasks) {
  const result = runTaskWorkload(workload, { onProgress: (message) => process.stderr.write(`\r${message}   `) });
  process.stderr.write('\n');
  taskResults.push(result);
  if (workload.group === 'tasks') {
    console.log('');
    for (const line of formatTaskResult(result)) console.log(line);
  }
}
const delayResults = taskResults.filter((r) => r.workload.group === 'delays');
if (delayResults.length > 0) {
  console.log('');
  for (const line of formatDelayTable(delayResults)) console.log(line);
}
const tuning =
  onlyWorkloads?.includes('tuning') || (!onlyWorkloads && !quick)
    ? await runTuningWorkload({
        rounds: roundsOverride ?? 2,
        onProgress: (message) => process.stderr.write(`\r${message}   `),
      })
    : null;
if (tuning) {
  process.stderr.write('\n');
  console.log('');
  for (const line of formatTuning(tuning)) console.log(line);
}
console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (taskResults.length > 0) console.log(tasksLine(taskResults));
if (tuning) console.log(`TUNING ${JSON.stringify(tuningLine(tuning))}`);
console.log(benchLine(results, kernels.float32));
