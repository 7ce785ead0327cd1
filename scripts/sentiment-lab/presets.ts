// Runs the sentiment lab's presets (chapter 9's Predict questions) in Node with the worker's own code
// (engine/worker/tasks.ts) on the site's data files, and prints what each shows and which answer it supports: the
// figures chapter 9 quotes for them come from here. The padding question is read off the padding picture's batches.
// Usage: node --experimental-wasm-relaxed-simd --import tsx scripts/sentiment-lab/presets.ts [--only=padding-share]
//        [--write]
// The flag gives Node 20 the relaxed-SIMD WebAssembly kernels Chromium's worker runs, so the numbers match the lab's.
// (--write saves each preset's answer and counts to outcomes.json beside this file; a unit test checks chapter 9 against it)
import { writeFileSync } from 'node:fs';
import type { SentimentReport } from '../../engine/train/tasks/sentiment';
import { loadWasmKernels } from '../../engine/kernels/wasm/load';
import { createWorkerRun } from '../../engine/worker/tasks';
import { runConfig } from '../../components/widgets/SentimentLab/model';
import {
  paddingFigures,
  paddingOutcome,
  runOutcome,
  testCounts,
  TRAINING_PRESETS,
  type TestCounts,
} from '../../components/widgets/SentimentLab/predictions';
import { previewBatches } from '../../components/widgets/SentimentLab/previewBatches';
import { SENTIMENT_PRESETS, sentimentLabUrl } from '../../components/widgets/SentimentLab/state';
import { labelledSentencesBundle, labelledSentencesText, sentimentCorpusFile } from '../data/datasets';

/** What one preset gave: the answer (as a Predict result) and the figures behind it. */
export interface SentimentOutcome {
  choice: number | null;
  value: number | null;
  summary: string;
  counts?: TestCounts & { bestEpoch: number };
  padding?: ReturnType<typeof paddingFigures>;
}

/** The lab's state for a preset, as its address `?sentiment-lab.preset=<id>` gives it. */
export function presetState(id: string) {
  return sentimentLabUrl.parse(new URLSearchParams({ 'sentiment-lab.preset': id })).state;
}

/** Trains the lab's run for a preset to its end, as the worker does, and returns the run's report. */
export function trainPreset(id: string): SentimentReport {
  const state = presetState(id);
  const config = runConfig(state);
  const data =
    state.data === 'negation'
      ? { kind: 'text' as const, name: 'sentiment.json', text: JSON.stringify(sentimentCorpusFile()) }
      : {
          kind: 'text' as const,
          name: 'sentiment-labelled-sentences.json',
          text: JSON.stringify(labelledSentencesBundle()),
        };
  const run = createWorkerRun(config, data);
  for (;;) {
    const r = run.step();
    if (r.stop) {
      if (r.stop.status !== 'done') throw new Error(`${id}: the run ended ${r.stop.status}: ${r.stop.message}`);
      break;
    }
  }
  return run.report!().report as SentimentReport;
}

/** The padding picture's batches, as the lab's shell computes them when the site is built. */
export function siteBatches() {
  return previewBatches({
    imdb: labelledSentencesText('imdb'),
    amazon: labelledSentencesText('amazon'),
    yelp: labelledSentencesText('yelp'),
    corpus: sentimentCorpusFile(),
  });
}

async function main(): Promise<void> {
  const kernels = await loadWasmKernels();
  console.log(`float32 kernels: ${kernels.float32}${kernels.reason ? ` (${kernels.reason})` : ''}`);
  if (kernels.float32 !== 'wasm-relaxed-simd')
    console.warn(
      'not the relaxed-SIMD kernels a browser worker runs: start node with --experimental-wasm-relaxed-simd',
    );
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const outcomes: Record<string, SentimentOutcome> = {};
  for (const { id } of SENTIMENT_PRESETS) {
    if (only && !only.includes(id)) continue;
    const started = performance.now();
    if (TRAINING_PRESETS.includes(id)) {
      const report = trainPreset(id);
      const result = runOutcome(id, report.test)!;
      outcomes[id] = { ...result, counts: { ...testCounts(report.test), bestEpoch: report.bestEpoch } };
    } else {
      const batch = siteBatches().imdb[0];
      outcomes[id] = { ...paddingOutcome(batch), padding: paddingFigures(batch) };
    }
    const o = outcomes[id];
    console.log(`\n${id} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`  answer: ${o.choice ?? o.value} — ${o.summary}`);
    if (o.counts) console.log(`  counts: ${JSON.stringify(o.counts)}`);
  }
  if (process.argv.includes('--write'))
    writeFileSync(new URL('./outcomes.json', import.meta.url), `${JSON.stringify(outcomes, null, 2)}\n`);
}

// Run only when called as a script (tests import its helpers).
if (process.argv[1]?.endsWith('presets.ts')) await main();
