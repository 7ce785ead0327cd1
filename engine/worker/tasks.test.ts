// Every real task through the worker's handler on its real data (short runs, small models): loss falls, samples
// and snapshots work, divergence and bad data end runs with messages, and the worker then starts a new run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelledSentencesBundle, loadMobyDick, sentimentCorpusFile, usBirthsFile } from '../../scripts/data/datasets';
import type { ForecastYear } from '../train/tasks/forecast';
import type { GenerationReport } from '../train/tasks/teacherForcing';
import type { CharModelConfig, SentimentConfig, SentimentReport, TaskConfig } from '../train/tasks/index';
import type { DataSource } from './protocol';
import { createWorkerRun } from './tasks';
import { createHarness, settle } from './testing/harness';

const fixtures = join(import.meta.dirname, '../data/fixtures');
const mobyDick = loadMobyDick();

/** A small, fast char model on the first 120,000 characters of the book. */
const charConfig = (over: Partial<CharModelConfig> = {}): CharModelConfig => ({
  task: 'char-model',
  seed: 3,
  cell: 'rnn',
  hiddenSize: 48,
  seqLen: 24,
  batchSize: 8,
  learningRate: 0.01,
  clip: 5,
  maxSteps: 150,
  evalEvery: 50,
  evalChars: 3000,
  ...over,
});
const charData: DataSource = { kind: 'text', name: 'moby-dick.txt', text: mobyDick.slice(0, 120_000) };

/** A File as the browser hands it over, from a fixture on disk. */
const readerFile = (path: string, name = path) => ({
  path: name,
  file: { name, size: statSync(path).size, text: async () => readFileSync(path, 'utf8') },
});

/** Run a config to its end through the handler; returns the harness. */
async function runToEnd(config: TaskConfig, data: DataSource) {
  const h = createHarness(createWorkerRun, { progressIntervalMs: 0 });
  h.send({ type: 'start', runId: 'r', config, data });
  await settle();
  h.loop.runAll();
  return h;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Mean training loss of the first and last `n` steps. */
function ends(curve: { loss: number }[], n = 15): [number, number] {
  return [mean(curve.slice(0, n).map((p) => p.loss)), mean(curve.slice(-n).map((p) => p.loss))];
}

describe('worker tasks on real data', () => {
  it('char model: the loss falls, samples and snapshots come back, unknown prime characters are named', async () => {
    const h = createHarness(createWorkerRun, { progressIntervalMs: 0 });
    h.send({ type: 'start', runId: 'r', config: charConfig(), data: charData });
    await settle();
    const info = h.ofType('ready')[0].info;
    expect(new Set(info.vocabulary).size).toBe(info.vocabulary!.length);
    expect(new Set(info.vocabulary)).toEqual(new Set(charData.kind === 'text' ? charData.text : ''));
    expect(info.baselines.valLoss).toBeGreaterThan(2.5);
    expect(info.dataSummary).toMatch(
      /^moby-dick\.txt: 120,000 characters, \d+ distinct; the last 10% is held out for validation\.$/,
    );
    h.loop.runAll();
    expect(h.statuses().at(-1)).toBe('done');
    const [first, last] = ends(h.curve());
    expect(last).toBeLessThan(first - 0.5);
    const evals = h.ofType('progress').flatMap((p) => p.evals);
    expect(evals.map((e) => e.step)).toEqual([50, 100, 150]);
    expect(evals[2].valLoss).toBeLessThan(evals[0].valLoss);
    expect(evals[2].valLoss).toBeLessThan(info.baselines.valLoss);
    expect(evals[2].metrics.perplexity).toBeCloseTo(Math.exp(evals[2].valLoss), 6);

    h.send({ type: 'sample', runId: 'r', requestId: 1, prime: 'The whale€', length: 60, temperature: 0.7, seed: 7 });
    const sample = h.ofType('samples')[0];
    expect(sample.text).toHaveLength(60);
    expect(sample.unknown).toEqual(['€']);
    expect([...sample.text].every((ch) => info.vocabulary!.includes(ch))).toBe(true);
    // Same seed, same model: the same text.
    h.send({ type: 'sample', runId: 'r', requestId: 2, prime: 'The whale', length: 60, temperature: 0.7, seed: 7 });
    expect(h.ofType('samples')[1].text).toBe(sample.text);

    h.send({ type: 'snapshot', runId: 'r', requestId: 3 });
    const snap = h.sent.at(-1)!;
    const tensors = (snap.message as { tensors: { name: string; shape: number[]; data: Float32Array }[] }).tensors;
    expect(tensors.map((t) => t.name)).toEqual([
      'rnn.weight_ih_l0',
      'rnn.weight_hh_l0',
      'rnn.bias_ih_l0',
      'rnn.bias_hh_l0',
      'fc.weight',
      'fc.bias',
    ]);
    expect(tensors[1].shape).toEqual([48, 48]);
    expect(snap.transfer).toEqual(tensors.map((t) => t.data.buffer));
  });

  it('char model: a learning rate far too high stops the run as diverged with the reason', async () => {
    const h = await runToEnd(charConfig({ learningRate: 1, maxSteps: 200 }), charData);
    const diverged = h.ofType('status').filter((s) => s.status === 'diverged');
    expect(diverged).toHaveLength(1);
    expect(diverged[0].step).toBeLessThan(200);
    expect(diverged[0].message).toMatch(
      /^The loss blew up at step \d+: .* The learning rate 1 is probably too high for this model — try 0\.1\.$/,
    );
    expect(h.statuses().at(-1)).toBe('diverged');
  });

  it('refuses a char-model config that would exhaust memory, before loading or building anything', async () => {
    const h = await runToEnd(charConfig({ hiddenSize: 1_000_000 }), charData);
    expect(h.ofType('error')[0].message).toBe(
      'start: config.hiddenSize must be a whole number from 1 to 1024, got 1000000',
    );
    expect(h.statuses()).toEqual(['error']);
  });

  it('forecast: the loss falls on the births data', async () => {
    const h = await runToEnd(
      {
        task: 'forecast',
        seed: 1,
        cell: 'gru',
        hiddenSize: 16,
        window: 14,
        horizon: 7,
        batchSize: 32,
        weekdays: true,
        learningRate: 0.01,
        clip: 1,
        maxSteps: 80,
        evalEvery: 40,
      },
      { kind: 'text', name: 'us-births.json', text: JSON.stringify(usBirthsFile()) },
    );
    expect(h.statuses().at(-1)).toBe('done');
    const [first, last] = ends(h.curve(), 10);
    expect(last).toBeLessThan(first / 2);
    expect(h.ofType('ready')[0].info.dataSummary).toBe('Daily US births, 2000-01-01 to 2014-12-31: 5,479 days.');
    // After the run, the test year's forecasts come back on request, the model's beside the baselines'.
    h.send({ type: 'report', runId: 'r', requestId: 9 });
    const [reply] = h.ofType('report');
    expect(reply).toMatchObject({ requestId: 9, step: 80, report: { year: 2014 } });
    const year = reply.report as ForecastYear;
    expect(year.model.recursive).toHaveLength(365);
    expect(year.model.oneStep.every(Number.isFinite)).toBe(true);
  });

  it('teacher-forcing: the generator learns on the births data and reports its free-running errors by step', async () => {
    const h = await runToEnd(
      {
        task: 'teacher-forcing',
        seed: 1,
        cell: 'lstm',
        hiddenSize: 12,
        warmup: 14,
        horizon: 14,
        batchSize: 16,
        teacherForcing: 1,
        teacherForcingEnd: 0,
        learningRate: 0.01,
        clip: 1,
        maxSteps: 40,
        evalEvery: 20,
      },
      { kind: 'text', name: 'us-births.json', text: JSON.stringify(usBirthsFile()) },
    );
    expect(h.statuses().at(-1)).toBe('done');
    const [first, last] = ends(h.curve(), 10);
    expect(last).toBeLessThan(first);
    h.send({ type: 'report', runId: 'r', requestId: 4 });
    const [reply] = h.ofType('report');
    expect(reply).toMatchObject({ requestId: 4, step: 40, report: { year: 2014, stride: 7 } });
    const report = reply.report as GenerationReport;
    expect(report.freeRunning).toHaveLength(14);
    expect(report.oneStep.every(Number.isFinite)).toBe(true);
  });

  it('forecast: plain SGD at a huge learning rate without clipping overflows, and the trainer’s sentence arrives', async () => {
    const h = await runToEnd(
      {
        task: 'forecast',
        seed: 1,
        cell: 'rnn',
        hiddenSize: 16,
        window: 14,
        horizon: 7,
        batchSize: 32,
        weekdays: true,
        optimizer: 'sgd',
        learningRate: 50,
        clip: 0,
        maxSteps: 200,
        evalEvery: 50,
      },
      { kind: 'text', name: 'us-births.json', text: JSON.stringify(usBirthsFile()) },
    );
    const diverged = h.ofType('status').at(-1)!;
    expect(diverged.message).toContain('The learning rate 50 is probably too high');
    expect(diverged.message).toContain('turn gradient clipping on');
    expect(h.statuses().at(-1)).toBe('diverged');
  });

  it('sentiment: the loss falls on the course corpus', async () => {
    const h = await runToEnd(
      {
        task: 'sentiment',
        seed: 1,
        cell: 'gru',
        embeddingDim: 16,
        hiddenSize: 24,
        batchSize: 32,
        learningRate: 0.01,
        clip: 1,
        maxSteps: 125,
        evalEvery: 125,
      },
      { kind: 'text', name: 'sentiment.json', text: JSON.stringify(sentimentCorpusFile()) },
    );
    expect(h.statuses().at(-1)).toBe('done');
    const [first, last] = ends(h.curve(), 10);
    expect(last).toBeLessThan(first - 0.1);
    const final = h.ofType('progress').at(-1)!;
    expect(final.valLoss).toBeLessThan(Math.log(2) - 0.05);
    expect(final.metrics.accuracy).toBeGreaterThan(0.6);
  });

  it('sentiment: trains on the real IMDb sentences, reports, and loads its own model file back to the same predictions', async () => {
    const config: SentimentConfig = {
      task: 'sentiment',
      seed: 1,
      cell: 'gru',
      embeddingDim: 8,
      hiddenSize: 8,
      batchSize: 32,
      learningRate: 0.01,
      // Chapter 9's schedule: one whole epoch (maxSteps and evalEvery are then not used).
      epochs: 1,
      maxSteps: 1,
      evalEvery: 1,
    };
    const bundle: DataSource = {
      kind: 'text',
      name: 'sentiment-labelled-sentences.json',
      text: JSON.stringify(labelledSentencesBundle()),
    };
    const h = await runToEnd(config, bundle);
    expect(h.statuses()).toEqual(['loading', 'running', 'done']);
    expect(h.ofType('ready')[0].info).toMatchObject({
      maxSteps: 25,
      stepsPerEpoch: 25,
      dataSummary: 'IMDb movie reviews, 1,000 sentences; 800 to train on, 100 to validate, 100 to test.',
    });
    h.send({ type: 'report', runId: 'r', requestId: 1 });
    const trained = h.ofType('report')[0].report as SentimentReport;
    expect(trained.finished).toBe(true);
    expect(trained.test.texts.length).toBe(100);

    h.send({
      type: 'start',
      runId: 'load',
      config: { ...config, epochs: 0 },
      data: bundle,
      init: { kind: 'text', name: 'model.json', text: trained.file },
    });
    await settle();
    expect(
      h
        .ofType('status')
        .filter((s) => s.runId === 'load')
        .map((s) => s.status),
    ).toEqual(['loading', 'done']);
    h.send({ type: 'report', runId: 'load', requestId: 2 });
    const loaded = h.ofType('report')[1].report as SentimentReport;
    expect(loaded.test.rnn).toEqual(trained.test.rnn);

    h.send({
      type: 'start',
      runId: 'bad',
      config: { ...config, epochs: 0 },
      data: bundle,
      init: { kind: 'text', name: 'model.json', text: '{"format": "pickle"}' },
    });
    await settle();
    expect(h.ofType('error').at(-1)?.message).toBe(
      'format: expected "unrolled-sentiment-rnn" (a model saved by the lab or sentiment_rnn.py), got the string "pickle"',
    );
  });

  it('sentiment: every malformed CSV ends the run with the file and line; the worker then trains on a good one', async () => {
    const h = createHarness(createWorkerRun, { progressIntervalMs: 0 });
    const config: SentimentConfig = {
      task: 'sentiment',
      seed: 1,
      cell: 'rnn',
      embeddingDim: 8,
      hiddenSize: 8,
      batchSize: 2,
      learningRate: 0.01,
      maxSteps: 5,
      evalEvery: 5,
      validationFraction: 0.2,
      testFraction: 0.2,
    };
    const expected: Record<string, RegExp> = {
      'empty.csv': /^empty\.csv: /,
      'header-only.csv': /^header-only\.csv: /,
      'missing-column.csv': /^missing-column\.csv, line 3: this row has 1 field but the header has 2/,
      'unclosed-quote.csv': /^unclosed-quote\.csv, line 3: a quoted field is never closed/,
      'unknown-label.csv': /^unknown-label\.csv, line \d: /,
      'unquoted-comma.csv': /^unquoted-comma\.csv, line 2: /,
    };
    for (const [name, pattern] of Object.entries(expected)) {
      const runId = `bad-${name}`;
      h.send({
        type: 'start',
        runId,
        config,
        data: { kind: 'files', files: [readerFile(join(fixtures, 'csv', name), name)] },
      });
      await settle();
      const errors = h.ofType('error').filter((e) => e.runId === runId);
      expect(errors, name).toHaveLength(1);
      expect(errors[0].message, name).toMatch(pattern);
      expect(
        h
          .ofType('status')
          .filter((s) => s.runId === runId)
          .map((s) => s.status),
      ).toEqual(['loading', 'error']);
    }
    // The fixture's good file has too few rows to split three ways: that, too, is a message, not a crash.
    h.send({
      type: 'start',
      runId: 'small',
      config,
      data: { kind: 'files', files: [readerFile(join(fixtures, 'csv', 'reviews.csv'), 'reviews.csv')] },
    });
    await settle();
    expect(h.ofType('error').at(-1)).toEqual({
      type: 'error',
      runId: 'small',
      message: expect.stringMatching(/^sentiment: \d+ reviews are too few to split/),
    });
    const rows = Array.from(
      { length: 40 },
      (_, i) => `"Review number ${i}, ${i % 2 ? 'wonderful' : 'dreadful'}",${i % 2 ? 'pos' : 'neg'}`,
    );
    const csv = ['text,label', ...rows].join('\n');
    const file = { name: 'mine.csv', size: csv.length, text: async () => csv };
    h.send({ type: 'start', runId: 'good', config, data: { kind: 'files', files: [{ path: 'mine.csv', file }] } });
    await settle();
    h.loop.runAll();
    expect(
      h
        .ofType('status')
        .filter((s) => s.runId === 'good')
        .map((s) => s.status),
    ).toEqual(['loading', 'running', 'done']);
    expect(h.ofType('ready').at(-1)?.info.dataSummary).toBe(
      'mine.csv: 40 reviews; 24 to train on, 8 to validate, 8 to test.',
    );
  });

  it('sentiment: reads the reader’s aclImdb files, and says when they are too few', async () => {
    const root = join(fixtures, 'aclImdb');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
      );
    const files = walk(root).map((path) => readerFile(path, `aclImdb/${relative(root, path)}`));
    const h = await runToEnd(
      {
        task: 'sentiment',
        seed: 1,
        cell: 'rnn',
        embeddingDim: 8,
        hiddenSize: 8,
        batchSize: 2,
        learningRate: 0.01,
        maxSteps: 3,
        evalEvery: 3,
        validationFraction: 0.25,
        testFraction: 0.25,
      },
      { kind: 'files', files },
    );
    // The fixture holds four labelled reviews (and an unlabelled one that is skipped): read, counted, and refused.
    expect(h.ofType('error')).toEqual([
      {
        type: 'error',
        runId: 'r',
        message: 'sentiment: 4 reviews are too few to split into training, validation and test sets; use at least 10',
      },
    ]);
    expect(h.statuses()).toEqual(['loading', 'error']);
  });

  it('synthetic: the loss falls on the adding problem', async () => {
    const h = await runToEnd(
      {
        task: 'synthetic',
        seed: 1,
        problem: 'adding',
        delay: 10,
        cell: 'gru',
        hiddenSize: 16,
        batchSize: 32,
        trainCount: 512,
        validationCount: 128,
        learningRate: 0.01,
        clip: 1,
        maxSteps: 100,
        evalEvery: 50,
      },
      { kind: 'none' },
    );
    expect(h.statuses().at(-1)).toBe('done');
    const [first, last] = ends(h.curve(), 10);
    expect(last).toBeLessThan(first);
  });
});
