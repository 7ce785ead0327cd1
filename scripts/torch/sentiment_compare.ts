// Chapter 9's accuracy, both sides: the lab's model trained by the engine (the task the worker runs, in this process)
// and the same model, split and settings trained by scripts/torch/sentiment_rnn.py, for a few seeds each, with each
// run's test accuracy at its best-validation epoch, and the averages the chapter and bench/README.md quote.
//
//   npx tsx scripts/torch/sentiment_compare.ts [--seeds=1,2,3] [--side=both|engine|torch] [--cell=rnn] [--embed=100]
//     [--hidden=128] [--epochs=10] [--lr=0.001] [--data=imdb] [--test=imdb]
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { LABELLED_FILES, LABELLED_SOURCES, type LabelledSource } from '../../engine/data/labelledSentences';
import { loadWasmKernels } from '../../engine/kernels/wasm/load';
import { runConfigFor } from '../../engine/train/tasks/configs';
import { createSentimentTask } from '../../engine/train/tasks/sentiment';
import { SENTIMENT_LAB_DEFAULTS, type SentimentConfig } from '../../engine/train/tasks/sentimentConfig';
import { createRun } from '../../engine/train/trainer';
import { loadLabelledSentences } from '../data/datasets';
import { torchPython } from './python';

/** One run's outcome. */
export interface SeedResult {
  seed: number;
  testAccuracy: number;
  bestEpoch: number;
  bestValidAccuracy: number;
  /** Seconds from the first step to the end of the best epoch's evaluation, and for the whole run. */
  secondsToBest: number;
  seconds: number;
}

const root = resolve(import.meta.dirname, '../..');
const flags = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v = ''] = a.replace(/^--/, '').split('=');
    return [k, v] as const;
  }),
);
const source = (flags.get('data') ?? 'imdb') as LabelledSource;
const testSource = (flags.get('test') ?? source) as LabelledSource;
if (![source, testSource].every((s) => (LABELLED_SOURCES as readonly string[]).includes(s)))
  throw new Error(`--data and --test must be one of ${LABELLED_SOURCES.join(', ')}`);
const config: SentimentConfig = {
  ...SENTIMENT_LAB_DEFAULTS,
  cell: (flags.get('cell') ?? SENTIMENT_LAB_DEFAULTS.cell) as SentimentConfig['cell'],
  embeddingDim: Number(flags.get('embed') ?? SENTIMENT_LAB_DEFAULTS.embeddingDim),
  hiddenSize: Number(flags.get('hidden') ?? SENTIMENT_LAB_DEFAULTS.hiddenSize),
  epochs: Number(flags.get('epochs') ?? SENTIMENT_LAB_DEFAULTS.epochs),
  learningRate: Number(flags.get('lr') ?? SENTIMENT_LAB_DEFAULTS.learningRate),
  source,
  testSource,
};
const seeds = (flags.get('seeds') ?? '1,2,3').split(',').map(Number);
const side = flags.get('side') ?? 'both';

/** The engine's run, exactly as the worker drives it: the task over the bundle's sentences, through the trainer. */
function engineRun(seed: number): SeedResult {
  const task = createSentimentTask({ ...config, seed }, { kind: 'labelled', sources: loadLabelledSentences() });
  const run = createRun(task, runConfigFor({ ...config, seed }, task));
  const start = performance.now();
  let best = -1;
  let secondsToBest = 0;
  while (run.status === 'running') {
    const p = run.step();
    if (p.eval && p.eval.metrics.accuracy > best) {
      best = p.eval.metrics.accuracy;
      secondsToBest = (performance.now() - start) / 1000;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const report = task.report();
  const right = report.test.rnn.filter((p, i) => (p > 0.5 ? 1 : 0) === report.test.labels[i]).length;
  return {
    seed,
    testAccuracy: right / report.test.labels.length,
    bestEpoch: report.bestEpoch,
    bestValidAccuracy: report.bestValidAccuracy,
    secondsToBest,
    seconds,
  };
}

/** The PyTorch script's run, read from what it prints. */
function torchRun(python: string, seed: number): SeedResult {
  const file = (s: LabelledSource) => join(root, 'engine/data/corpora/sentiment-labelled-sentences', LABELLED_FILES[s]);
  const args = [
    join(root, 'scripts/torch/sentiment_rnn.py'),
    ...['--data', file(source), '--cell', config.cell, '--embed-dim', String(config.embeddingDim)],
    ...[
      '--hidden-dim',
      String(config.hiddenSize),
      '--epochs',
      String(config.epochs),
      '--lr',
      String(config.learningRate),
    ],
    ...['--batch-size', String(config.batchSize), '--seed', String(seed)],
    ...(testSource === source ? [] : ['--test-data', file(testSource)]),
  ];
  const start = performance.now();
  const out = spawnSync(python, args, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`sentiment_rnn.py failed: ${out.stderr}`);
  const m =
    /test accuracy ([\d.]+)% \(best validation accuracy ([\d.]+)% after epoch (\d+), reached in ([\d.]+) s\)/.exec(
      out.stdout,
    );
  if (!m) throw new Error(`unexpected output from sentiment_rnn.py:\n${out.stdout}`);
  return {
    seed,
    testAccuracy: Number(m[1]) / 100,
    bestValidAccuracy: Number(m[2]) / 100,
    bestEpoch: Number(m[3]),
    secondsToBest: Number(m[4]),
    seconds: (performance.now() - start) / 1000,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function table(name: string, results: SeedResult[]): void {
  console.log(`\n${name}`);
  console.log('  seed  test acc  best epoch  best valid acc  to best  whole run');
  for (const r of results)
    console.log(
      `  ${String(r.seed).padStart(4)}  ${pct(r.testAccuracy).padStart(8)}  ` +
        `${String(r.bestEpoch).padStart(10)}  ${pct(r.bestValidAccuracy).padStart(14)}  ` +
        `${r.secondsToBest.toFixed(1).padStart(5)} s  ${r.seconds.toFixed(1).padStart(7)} s`,
    );
  console.log(`  mean test accuracy ${pct(mean(results.map((r) => r.testAccuracy)))} over ${results.length} seeds`);
}

const kernels = await loadWasmKernels();
const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1));
console.log(
  `sentiment lab model: ${config.cell.toUpperCase()}, embedding ${config.embeddingDim}, hidden ` +
    `${config.hiddenSize}, ${config.epochs} epochs, Adam ${config.learningRate}, batch ` +
    `${config.batchSize}; train ${source}, test ${testSource}; split 80/10/10 by random.Random(0)`,
);
console.log(
  `engine kernels: ${kernels.float32}; load average ${load.join(' ')} on ${(await import('node:os')).cpus().length} cores`,
);
const engine = side === 'torch' ? [] : seeds.map(engineRun);
if (engine.length) table('engine (the task the lab’s worker runs)', engine);
const python = side === 'engine' ? null : torchPython();
const torch = python ? seeds.map((s) => torchRun(python, s)) : [];
if (torch.length) table(`PyTorch (scripts/torch/sentiment_rnn.py, ${python})`, torch);
if (engine.length && torch.length) {
  const gap = (mean(engine.map((r) => r.testAccuracy)) - mean(torch.map((r) => r.testAccuracy))) * 100;
  console.log(`\nengine − PyTorch: ${gap >= 0 ? '+' : ''}${gap.toFixed(1)} points (target: within 2)`);
}
