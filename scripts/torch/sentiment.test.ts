// Chapter 9's weights both ways, live against PyTorch: a model trained by sentiment_rnn.py loads into the engine, and
// one trained by the engine (the lab's "Download for PyTorch" file) loads into PyTorch through sentiment_predict.py;
// each side then gives the same P(positive) on the test sentences to 1e-5. Skipped, with a message, without PyTorch.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLabelledSentences } from '../data/datasets';
import { LABELLED_FILES, splitExamples } from '../../engine/data/labelledSentences';
import { createRun } from '../../engine/train/trainer';
import { runConfigFor } from '../../engine/train/tasks/configs';
import { createSentimentTask } from '../../engine/train/tasks/sentiment';
import { SENTIMENT_DEFAULTS, type SentimentConfig } from '../../engine/train/tasks/sentimentConfig';
import { readSentimentFile } from '../../engine/train/tasks/sentimentFile';
import { encode, evaluate } from '../../engine/train/tasks/sentimentRnn';
import { torchPython } from './python';

const root = resolve(import.meta.dirname, '../..');
const scripts = join(root, 'scripts/torch');
const imdbPath = join(root, 'engine/data/corpora/sentiment-labelled-sentences', LABELLED_FILES.imdb);
const python = torchPython();
const sources = loadLabelledSentences();
const testTexts = splitExamples(sources.imdb).test.map((e) => e.text);

/** Runs one of the scripts in scripts/torch; returns its standard output. */
function runScript(args: string[], input?: string): string {
  const run = spawnSync(python!, args, { cwd: scripts, input, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** PyTorch's P(positive) for each test sentence under a model file, from sentiment_predict.py. */
const torchPredictions = (file: string): number[] =>
  JSON.parse(runScript(['sentiment_predict.py', '--json', file], testTexts.join('\n'))) as number[];

const maxDifference = (a: readonly number[], b: readonly number[]): number =>
  Math.max(...a.map((x, i) => Math.abs(x - b[i])));

describe.skipIf(python === null)('sentiment weights both ways, against PyTorch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sentiment-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a GRU trained by sentiment_rnn.py predicts the same in the engine, and tests as accurately', () => {
    const file = join(dir, 'torch.json');
    runScript([
      'sentiment_rnn.py',
      '--data',
      imdbPath,
      ...['--cell', 'gru', '--embed-dim', '6', '--hidden-dim', '5', '--epochs', '2', '--lr', '0.01', '--out', file],
    ]);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { trained: { test_accuracy: number } };
    const { model, vocab, maxLen } = readSentimentFile(json);
    const examples = testTexts.map((text) => ({ ids: encode(vocab, text, maxLen), label: 0 }));
    const engine = Array.from(evaluate(model, examples, vocab.get('<pad>')).positive);
    expect(maxDifference(engine, torchPredictions(file))).toBeLessThan(1e-5);
    const labels = splitExamples(sources.imdb).test.map((e) => e.label);
    const accuracy = engine.filter((p, i) => (p > 0.5 ? 1 : 0) === labels[i]).length / labels.length;
    expect(accuracy).toBe(json.trained.test_accuracy);
  });

  it('an LSTM trained by the engine (the lab’s download) predicts the same in PyTorch', () => {
    const config: SentimentConfig = { ...SENTIMENT_DEFAULTS, cell: 'lstm', embeddingDim: 6, hiddenSize: 5, epochs: 1 };
    const task = createSentimentTask(config, { kind: 'labelled', sources });
    const run = createRun(task, runConfigFor(config, task));
    while (run.status === 'running') run.step();
    const report = task.report();
    const file = join(dir, 'engine.json');
    writeFileSync(file, report.file);
    expect(report.test.texts).toEqual(testTexts);
    expect(maxDifference(report.test.rnn, torchPredictions(file))).toBeLessThan(1e-5);
  });
});
