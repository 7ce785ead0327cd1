// Runs the training lab's presets in Node with the worker's own code (engine/worker/tasks.ts) on the site's data, and
// prints what each run did and which answer the runs support: the figures chapter 7 quotes come from here.
// Usage: node --experimental-wasm-relaxed-simd --import tsx scripts/training-lab/presets.ts [--only=lr-too-high,relu-rnn]
//        [--defaults=char-model,forecast] [--write]
// The flag gives Node 20 the relaxed-SIMD WebAssembly kernels Chromium's worker runs, so the numbers match the lab's;
// without it the script runs plain SIMD and says so (figures then differ in the last digits).
// (--write saves each preset's answer to outcomes.json beside this file; a unit test checks chapter 7 against it)
// (--defaults runs the lab's defaults for those tasks, what pressing Run on an untouched lab trains).
import { writeFileSync } from 'node:fs';
import { labelledSentencesBundle, loadMobyDick, sentimentCorpusFile, usBirthsFile } from '../data/datasets';
import type { LoadedData } from '../../engine/worker/data';
import { loadWasmKernels } from '../../engine/kernels/wasm/load';
import { createWorkerRun } from '../../engine/worker/tasks';
import {
  appendProgress,
  createRunRecord,
  detectOverfitting,
  endRun,
  type RunRecord,
} from '../../components/lib/runHistory';
import { PRESETS, presetSettings, type Preset, type PresetOutcome } from '../../components/widgets/TrainingLab/presets';
import {
  dataFile,
  LAB_DEFAULTS,
  LAB_TASKS,
  sentimentSource,
  toTaskConfig,
  type LabSettings,
} from '../../components/widgets/TrainingLab/settings';

/** The data the worker would load for a task, read from the npm packages as the site's build writes it. */
function dataFor(settings: LabSettings): LoadedData {
  const file = dataFile(settings.task, settings.data);
  if (file === null) return { kind: 'none' };
  const name = file.split('/').pop()!;
  if (settings.task === 'char-model') return { kind: 'text', name, text: loadMobyDick() };
  if (settings.task === 'forecast') return { kind: 'text', name, text: JSON.stringify(usBirthsFile()) };
  const bundle = sentimentSource(settings.data).source !== undefined;
  return { kind: 'text', name, text: JSON.stringify(bundle ? labelledSentencesBundle() : sentimentCorpusFile()) };
}

/** Trains one run to its end, folding each step into a run record as the lab does with the worker's messages. */
export function trainPresetRun(settings: LabSettings): RunRecord {
  const config = toTaskConfig(settings);
  const record = createRunRecord(config);
  const run = createWorkerRun(config, dataFor(settings));
  record.parameters = run.info.parameters;
  record.baselines = run.info.baselines;
  const started = performance.now();
  for (;;) {
    const r = run.step();
    appendProgress(record, {
      step: r.step,
      elapsedMs: performance.now() - started,
      points: [{ step: r.step, loss: r.loss }],
      evals: r.eval ? [r.eval] : [],
    });
    if (r.stop) {
      record.restored = r.stop.restored ?? null;
      endRun(record, r.stop.status, r.step, r.stop.message);
      return record;
    }
  }
}

/** Runs every run of a preset and reads its outcome. */
export function runPreset(preset: Preset): { runs: RunRecord[] } & PresetOutcome {
  const runs = preset.runs.map((r) => trainPresetRun(presetSettings(preset, r)));
  return { runs, ...preset.outcome(runs) };
}

/** One line per run: how it ended, its last and best validation loss, its overfitting turn, its size and pace; then its curve
 * and the sentence the trainer ended it with, if any. */
function describe(label: string, run: RunRecord): void {
  const last = run.evals.at(-1);
  const turn = detectOverfitting(run.evals);
  console.log(
    `  ${label.padEnd(20)} ${run.state} at step ${run.steps}; last val ${last?.valLoss.toFixed(4)} ${JSON.stringify(
      last?.metrics,
    )}; best ${run.best?.valLoss.toFixed(4)} at ${run.best?.step}; ` +
      (turn ? `turn at ${turn.turnStep}, flagged ${turn.flaggedStep}; ` : '') +
      `${run.parameters} parameters; baselines ${JSON.stringify(run.baselines)}; ${run.msPerStep?.toFixed(1)} ms/step`,
  );
  console.log(`    val: ${run.evals.map((e) => `${e.step}:${e.valLoss.toFixed(3)}`).join(' ')}`);
  if (run.message) console.log(`    said: ${run.message}`);
}

async function main(): Promise<void> {
  // The kernels the browser's worker loads: WebAssembly SIMD (relaxed where the runtime has it), else JS.
  const kernels = await loadWasmKernels();
  console.log(`float32 kernels: ${kernels.float32}${kernels.reason ? ` (${kernels.reason})` : ''}`);
  if (kernels.float32 !== 'wasm-relaxed-simd')
    console.warn(
      'not the relaxed-SIMD kernels a browser worker runs: start node with --experimental-wasm-relaxed-simd',
    );
  const defaults = process.argv
    .find((a) => a.startsWith('--defaults='))
    ?.slice(11)
    .split(',');
  for (const task of LAB_TASKS) {
    if (!defaults?.includes(task)) continue;
    console.log(`\nthe lab's defaults for ${task}`);
    describe(task, trainPresetRun(LAB_DEFAULTS[task]));
  }
  if (defaults && !process.argv.some((a) => a.startsWith('--only='))) return;
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const outcomes: Record<string, { choice: number | null; value: number | null; summary: string }> = {};
  for (const preset of PRESETS) {
    if (only && !only.includes(preset.id)) continue;
    const { runs, choice, value, summary } = runPreset(preset);
    console.log(`\n${preset.id}: ${preset.question}`);
    preset.runs.forEach((r, i) => describe(r.label, runs[i]));
    console.log(`  answer: ${choice === null ? value : preset.choices[choice]} — ${summary}`);
    outcomes[preset.id] = { choice, value: value ?? null, summary };
  }
  if (process.argv.includes('--write'))
    writeFileSync(new URL('./outcomes.json', import.meta.url), `${JSON.stringify(outcomes, null, 2)}\n`);
}

// Run only when called as a script (the e2e and unit tests import trainPresetRun).
if (process.argv[1]?.endsWith('presets.ts')) await main();
