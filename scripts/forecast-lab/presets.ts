// Runs the forecast lab's presets in Node with the worker's own code (engine/worker/tasks.ts) on the site's data, and
// prints what each run did, its 2014 forecasts' errors beside the baselines', and which answer the runs support: the
// figures chapter 10 quotes come from here.
// Usage: node --experimental-wasm-relaxed-simd --import tsx scripts/forecast-lab/presets.ts [--write]
// The flag gives Node 20 the relaxed-SIMD WebAssembly kernels Chromium's worker runs, so the numbers match the lab's.
// (--write saves each preset's answer and figures to outcomes.json beside this file; a unit test checks chapter 10 against it)
import { writeFileSync } from 'node:fs';
import type { ForecastYear } from '../../engine/train/tasks/forecast';
import { usBirthsFile } from '../data/datasets';
import { loadWasmKernels } from '../../engine/kernels/wasm/load';
import { kernelStatus } from '../../engine/kernels/index';
import { createWorkerRun } from '../../engine/worker/tasks';
import { appendProgress, createRunRecord, endRun, type RunRecord } from '../../components/lib/runHistory';
import { yearMaes } from '../../components/widgets/ForecastLab/forecasts';
import { PRESETS, presetSettings } from '../../components/widgets/ForecastLab/presets';
import { toTaskConfig, type RunSettings } from '../../components/widgets/ForecastLab/settings';

const data = { kind: 'text' as const, name: 'us-births.json', text: JSON.stringify(usBirthsFile()) };

/** Trains one run to its end as the lab does, then reads its forecasts of 2014 as the lab asks the worker for them. */
function train(settings: RunSettings) {
  const config = toTaskConfig(settings);
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
  const year = record.state === 'done' ? (run.report!().report as ForecastYear) : null;
  return { record, year };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

await loadWasmKernels();
console.log(`kernels: ${JSON.stringify(kernelStatus())}`);
const outcomes: Record<string, unknown> = {};
for (const preset of PRESETS) {
  console.log(`\n${preset.id}: ${preset.question}`);
  const results = preset.runs.map((r) => ({ label: r.label, ...train(presetSettings(r)) }));
  const runs = results.map((r) => {
    const maes = r.year ? yearMaes(r.year) : null;
    const last = r.record.evals.at(-1);
    console.log(
      `  ${r.label.padEnd(12)} ${r.record.state} at step ${r.record.steps}; last eval ${JSON.stringify(last?.metrics)}; ` +
        `2014 MAE ${JSON.stringify(maes?.map((m) => [m.forecaster, round1(m.oneStep), round1(m.recursive)]))}`,
    );
    if (r.year)
      console.log(`    first recursive days: ${r.year.model.recursive.slice(0, 7).map(Math.round).join(', ')}`);
    return {
      label: r.label,
      state: r.record.state,
      valMae: last ? last.metrics.mae : null,
      maes: maes?.map((m) => ({
        forecaster: m.forecaster,
        oneStep: m.oneStep,
        recursive: m.recursive,
      })),
      firstRecursive: r.year?.model.recursive.slice(0, 7).map(Math.round),
    };
  });
  const outcome = preset.outcome(results.map((r) => r.record));
  console.log(`  → choice ${outcome.choice} (${preset.choices[outcome.choice]}): ${outcome.summary}`);
  outcomes[preset.id] = { choice: outcome.choice, summary: outcome.summary, runs };
}
if (process.argv.includes('--write')) {
  writeFileSync(new URL('./outcomes.json', import.meta.url), `${JSON.stringify(outcomes, null, 2)}\n`);
  console.log('\nwrote scripts/forecast-lab/outcomes.json');
}
