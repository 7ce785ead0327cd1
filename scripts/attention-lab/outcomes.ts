// Runs the attention lab's preset in Node with the worker's own code (engine/worker/tasks.ts) and the lab's settings,
// and prints what each run did: its accuracy on the test numbers by input length, and, for the run with attention, its
// translation and attention weights for the lab's default phrase. The figures chapter 10 quotes come from here.
// Usage: node --experimental-wasm-relaxed-simd --import tsx scripts/attention-lab/outcomes.ts [--write]
// The flag gives Node 20 the relaxed-SIMD WebAssembly kernels Chromium's worker runs, so the numbers match the lab's.
// (--write saves the figures to outcomes.json beside this file; a unit test checks chapter 10 against it)
import { writeFileSync } from 'node:fs';
import type { TranslateReport } from '../../engine/train/tasks/translate';
import { loadWasmKernels } from '../../engine/kernels/wasm/load';
import { kernelStatus } from '../../engine/kernels/index';
import { createWorkerRun } from '../../engine/worker/tasks';
import { appendProgress, createRunRecord, endRun, type RunRecord } from '../../components/lib/runHistory';
import { PRESETS, presetSettings } from '../../components/widgets/AttentionLab/presets';
import { DEFAULT_PHRASE, toTaskConfig, type RunSettings } from '../../components/widgets/AttentionLab/settings';
import { outputLabels, PhraseTranslator, strongestWords } from '../../components/widgets/AttentionLab/translations';

/** Trains one run to its end as the lab does, then reads its report as the lab asks the worker for it. */
function train(settings: RunSettings): { record: RunRecord; report: TranslateReport | null; ms: number } {
  const config = toTaskConfig(settings);
  const record: RunRecord = createRunRecord(config);
  const run = createWorkerRun(config, { kind: 'none' });
  record.baselines = run.info.baselines;
  const start = performance.now();
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
  const ms = performance.now() - start;
  const report = record.state === 'done' ? (run.report!().report as TranslateReport) : null;
  return { record, report, ms };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

await loadWasmKernels();
console.log(`kernels: ${JSON.stringify(kernelStatus())}`);
const outcomes: Record<string, unknown> = {};
for (const preset of PRESETS) {
  console.log(`\n${preset.id}: ${preset.question}`);
  const results = preset.runs.map((r) => ({ label: r.label, ...train(presetSettings(r)) }));
  const runs = results.map((r) => {
    const last = r.record.evals.at(-1);
    console.log(
      `  ${r.label.padEnd(13)} ${r.record.state} at step ${r.record.steps} in ${Math.round(r.ms / 1000)} s; ` +
        `last eval ${JSON.stringify(last?.metrics)}`,
    );
    const byLength = r.report?.byLength ?? [];
    console.log(`    by length: ${byLength.map((b) => `${b.words}w ${b.correct}/${b.count}`).join(', ')}`);
    let phrase = null;
    if (r.report) {
      const t = new PhraseTranslator(r.report).translate(DEFAULT_PHRASE);
      if (t.ok) {
        const strongest = strongestWords(t.words, t.weights);
        phrase = { text: DEFAULT_PHRASE, digits: t.digits, ended: t.ended, outputs: outputLabels(t), strongest };
        console.log(`    "${DEFAULT_PHRASE}" → ${t.digits}${t.ended ? '' : ' (no end)'}`);
        for (const [s, w] of strongest.entries())
          console.log(`      ${outputLabels(t)[s]}: ${w.word} (word ${w.position}) ${w.weight.toFixed(3)}`);
      }
    }
    return {
      label: r.label,
      state: r.record.state,
      steps: r.record.steps,
      accuracy: round3(last?.metrics.accuracy ?? NaN),
      longAccuracy: round3(last?.metrics.longAccuracy ?? NaN),
      evals: r.record.evals.map((e) => ({
        step: e.step,
        accuracy: round3(e.metrics.accuracy),
        longAccuracy: round3(e.metrics.longAccuracy),
      })),
      byLength,
      phrase,
    };
  });
  const outcome = preset.outcome(results.map((r) => r.record));
  console.log(`  → choice ${outcome.choice} (${preset.choices[outcome.choice]}): ${outcome.summary}`);
  outcomes[preset.id] = { choice: outcome.choice, summary: outcome.summary, runs };
}
if (process.argv.includes('--write')) {
  const file = new URL('./outcomes.json', import.meta.url);
  writeFileSync(file, `${JSON.stringify(outcomes, null, 2)}\n`);
  console.log(`\nwrote ${file.pathname}`);
}
