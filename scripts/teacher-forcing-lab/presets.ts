// Runs the teacher forcing lab's presets in Node with the worker's own code (engine/worker/tasks.ts) on the site's
// data, and prints what each run did and its free-running errors by generated week on 2014: the figures chapter 10
// quotes come from here.
// Usage: node --experimental-wasm-relaxed-simd --import tsx scripts/teacher-forcing-lab/presets.ts [--write]
// The flag gives Node 20 the relaxed-SIMD WebAssembly kernels Chromium's worker runs, so the numbers match the lab's.
// (--write saves each preset's answer and figures to outcomes.json beside this file; a unit test checks chapter 10 against it)
import { writeFileSync } from 'node:fs';
import type { GenerationReport } from '../../engine/train/tasks/teacherForcing';
import { usBirthsFile } from '../data/datasets';
import { loadWasmKernels } from '../../engine/kernels/wasm/load';
import { kernelStatus } from '../../engine/kernels/index';
import { createWorkerRun } from '../../engine/worker/tasks';
import { appendProgress, createRunRecord, endRun, type RunRecord } from '../../components/lib/runHistory';
import { weeklyMeans } from '../../components/widgets/TeacherForcingLab/generation';
import { PRESETS, presetSettings } from '../../components/widgets/TeacherForcingLab/presets';
import { toTaskConfig } from '../../components/widgets/TeacherForcingLab/settings';

const data = { kind: 'text' as const, name: 'us-births.json', text: JSON.stringify(usBirthsFile()) };

/** Trains one run to its end as the lab does, then reads its free-running test as the lab asks the worker for it. */
function train(config: ReturnType<typeof toTaskConfig>) {
  const record: RunRecord = createRunRecord(config);
  const run = createWorkerRun(config, data);
  record.baselines = run.info.baselines;
  for (;;) {
    const r = run.step();
    appendProgress(record, {
      step: r.step,
      elapsedMs: 1,
      points: [{ step: r.step, loss: r.loss }],
      evals: r.eval ? [r.eval] : [],
    });
    if (r.stop) {
      endRun(record, r.stop.status, r.step, r.stop.message);
      break;
    }
  }
  const report = record.state === 'done' ? (run.report!().report as GenerationReport) : null;
  return { record, report };
}

await loadWasmKernels();
console.log(`kernels: ${JSON.stringify(kernelStatus())}`);
const outcomes: Record<string, unknown> = {};
for (const preset of PRESETS) {
  console.log(`\n${preset.id}: ${preset.question}`);
  const results = preset.runs.map((r) => ({ label: r.label, ...train(toTaskConfig(presetSettings(r), r.regime)) }));
  const runs = results.map((r) => {
    const weeks = r.report ? weeklyMeans(r.report.freeRunning).map((w) => w.mean) : null;
    const oneStepWeeks = r.report ? weeklyMeans(r.report.oneStep).map((w) => w.mean) : null;
    console.log(
      `  ${r.label.padEnd(20)} ${r.record.state} at step ${r.record.steps}; free running by week ` +
        `${JSON.stringify(weeks?.map(Math.round))}; one step by week ${JSON.stringify(oneStepWeeks?.map(Math.round))}`,
    );
    return {
      label: r.label,
      state: r.record.state,
      freeRunningByWeek: weeks,
      oneStepByWeek: oneStepWeeks,
      freeRunning: r.report?.freeRunning,
      oneStep: r.report?.oneStep,
    };
  });
  const outcome = preset.outcome(results.map((r) => r.record));
  console.log(`  → choice ${outcome.choice} (${preset.choices[outcome.choice]}): ${outcome.summary}`);
  outcomes[preset.id] = { choice: outcome.choice, summary: outcome.summary, runs };
}
if (process.argv.includes('--write')) {
  writeFileSync(new URL('./outcomes.json', import.meta.url), `${JSON.stringify(outcomes, null, 2)}\n`);
  console.log('\nwrote scripts/teacher-forcing-lab/outcomes.json');
}
