// The handler's mechanics with a scripted run: status changes, pause/resume/step/cancel between steps,
// progress throttling, request errors, malformed messages, and exceptions that leave the worker usable.
import { describe, expect, it } from 'vitest';
import type { RunFactory, RunStepResult, WorkerRun } from './handler';
import { withDefaults, type SyntheticConfig } from '../train/tasks/index';
import { createHarness, settle, type ManualLoop } from './testing/harness';

/** A valid synthetic config (the scripted runs below read only its task, maxSteps and evalEvery). */
const config = (over: Partial<SyntheticConfig> = {}): SyntheticConfig =>
  withDefaults('synthetic', { learningRate: 0.1, maxSteps: 20, evalEvery: 5, ...over });
const start = (runId = 'a', over: Partial<SyntheticConfig> = {}) => ({
  type: 'start',
  runId,
  config: config(over),
  data: { kind: 'none' },
});

/** A run whose loss is 1/step, evaluated every `evalEvery` steps; optional hooks make it throw or diverge. */
function scripted(
  opts: {
    clock?: { loop?: ManualLoop };
    msPerStep?: number;
    throwAt?: number;
    divergeAt?: number;
    failCreate?: string;
  } = {},
) {
  const calls = { steps: 0, lr: [] as number[] };
  const factory: RunFactory = (raw) => {
    if (opts.failCreate) throw new Error(opts.failCreate);
    // The scripted runs read only the task, maxSteps and evalEvery of a synthetic config.
    const cfg = raw as SyntheticConfig;
    let step = 0;
    const run: WorkerRun = {
      info: {
        task: cfg.task,
        stepsPerEpoch: 10,
        maxSteps: cfg.maxSteps,
        dataSummary: 'scripted',
        baselines: { valLoss: 2 },
        parameters: 42,
        config: cfg,
      },
      step(): RunStepResult {
        calls.steps += 1;
        step += 1;
        if (opts.clock?.loop && opts.msPerStep) opts.clock.loop.now += opts.msPerStep;
        if (step === opts.throwAt) throw new Error(`matmul: shapes [2,3] and [4,5] do not match`);
        const loss = step === opts.divergeAt ? NaN : 1 / step;
        const result: RunStepResult = { step, epoch: step / 10, loss, gradNorm: 0.5 };
        if (step % cfg.evalEvery === 0)
          result.eval = { step, valLoss: 1.1 / step, metrics: { accuracy: step / cfg.maxSteps } };
        if (step === opts.divergeAt)
          result.stop = {
            status: 'diverged',
            message: 'The loss became NaN at step 3: the learning rate is probably too high.',
          };
        else if (step >= cfg.maxSteps)
          result.stop = {
            status: 'done',
            message: `Finished ${step} steps.`,
            ...(cfg.restoreBest ? { restored: { step: cfg.evalEvery, valLoss: 1.1 / cfg.evalEvery } } : {}),
          };
        return result;
      },
      setLearningRate: (lr) => calls.lr.push(lr),
      sample: (prime, length) => {
        if (prime.includes('€')) throw new Error('the model cannot read “€”');
        return { text: 'x'.repeat(length), unknown: prime.includes('é') ? ['é'] : [] };
      },
      snapshot: () => [{ name: 'weight_hh_l0', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }],
    };
    return run;
  };
  return { calls, factory };
}

describe('training worker handler', () => {
  it('runs to the end: loading, ready, running, progress with every point, done', async () => {
    const { calls, factory } = scripted();
    const h = createHarness(factory, { progressIntervalMs: 0 });
    h.send(start());
    await settle();
    expect(h.statuses()).toEqual(['loading', 'running']);
    expect(h.ofType('ready')[0].info.baselines).toEqual({ valLoss: 2 });
    h.loop.runAll();
    expect(calls.steps).toBe(20);
    expect(h.statuses()).toEqual(['loading', 'running', 'done']);
    expect(h.ofType('status').at(-1)).toMatchObject({ status: 'done', step: 20, message: 'Finished 20 steps.' });
    expect(h.curve().map((p) => p.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(
      h
        .ofType('progress')
        .flatMap((p) => p.evals)
        .map((e) => e.step),
    ).toEqual([5, 10, 15, 20]);
    const last = h.ofType('progress').at(-1)!;
    expect(last).toMatchObject({
      step: 20,
      epoch: 2,
      loss: 1 / 20,
      valLoss: 1.1 / 20,
      metrics: { accuracy: 1 },
      maxSteps: 20,
    });
    expect(h.loop.pending).toBe(0);
  });

  it('throttles progress by the clock without losing points, and estimates the time left', async () => {
    // 10 ms a step against a 35 ms interval: a message every 4th step.
    const clock = { loop: undefined as ManualLoop | undefined };
    const { factory } = scripted({ clock, msPerStep: 10 });
    const h = createHarness(factory, { progressIntervalMs: 35 });
    clock.loop = h.loop;
    h.send(start('a', { maxSteps: 40 }));
    await settle();
    h.loop.runAll();
    const progress = h.ofType('progress');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.length).toBeLessThanOrEqual(40 / 4 + 2);
    expect(h.curve().map((p) => p.step)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const mid = progress[Math.floor(progress.length / 2)];
    expect(mid.elapsedMs).toBe(mid.step * 10);
    expect(mid.remainingMs).toBeCloseTo((40 - mid.step) * 10, 6);
  });

  it('pauses, steps exactly n, resumes, and keeps paused time out of the elapsed time', async () => {
    const clock = { loop: undefined as ManualLoop | undefined };
    const { calls, factory } = scripted({ clock, msPerStep: 5 });
    const h = createHarness(factory, { progressIntervalMs: 0 });
    clock.loop = h.loop;
    h.send(start('a', { maxSteps: 100 }));
    await settle();
    h.loop.runNext();
    h.loop.runNext();
    h.send({ type: 'pause', runId: 'a' });
    expect(h.loop.runAll()).toBeLessThanOrEqual(1);
    expect(calls.steps).toBe(2);
    expect(h.handler.status).toBe('paused');

    h.loop.now += 10_000; // a long pause
    h.send({ type: 'step', runId: 'a', n: 3 });
    h.loop.runAll();
    expect(calls.steps).toBe(5);
    expect(h.handler.status).toBe('paused');
    const afterSteps = h.ofType('progress').at(-1)!;
    expect(afterSteps.step).toBe(5);
    expect(afterSteps.elapsedMs).toBe(25);

    h.send({ type: 'resume', runId: 'a' });
    h.loop.runNext();
    expect(calls.steps).toBe(6);
    expect(h.statuses()).toEqual(['loading', 'running', 'paused', 'running']);
  });

  it('sends the steps taken since the last progress message when it pauses', async () => {
    const { factory } = scripted();
    const h = createHarness(factory, { progressIntervalMs: 1e9 });
    h.send(start('a', { maxSteps: 100 }));
    await settle();
    for (let i = 0; i < 3; i++) h.loop.runNext();
    expect(h.ofType('progress').map((p) => p.step)).toEqual([1]);
    h.send({ type: 'pause', runId: 'a' });
    expect(h.ofType('progress').map((p) => p.step)).toEqual([1, 3]);
    expect(h.messages().at(-1)).toMatchObject({ type: 'status', status: 'paused', step: 3 });
    expect(h.curve().map((p) => p.step)).toEqual([1, 2, 3]);
  });

  it('cancel takes effect before the next step', async () => {
    const { calls, factory } = scripted();
    const h = createHarness(factory);
    h.send(start('a', { maxSteps: 1000 }));
    await settle();
    for (let i = 0; i < 7; i++) h.loop.runNext();
    expect(calls.steps).toBe(7);
    h.send({ type: 'cancel', runId: 'a' });
    h.loop.runAll();
    expect(calls.steps).toBe(7);
    expect(h.ofType('status').at(-1)).toMatchObject({ status: 'cancelled', step: 7 });
    // The last progress before "cancelled" carries every step taken.
    expect(h.curve().at(-1)?.step).toBe(7);
    const after = h.sent.length;
    h.loop.runAll();
    expect(h.sent.length).toBe(after);
  });

  it('changes the learning rate mid-run, including one sent while loading', async () => {
    const { calls, factory } = scripted();
    const h = createHarness(factory, { progressIntervalMs: 0 });
    h.send(start());
    h.send({ type: 'setLearningRate', runId: 'a', lr: 0.5 });
    await settle();
    expect(calls.lr).toEqual([0.5]);
    h.loop.runNext();
    h.send({ type: 'setLearningRate', runId: 'a', lr: 0.01 });
    h.loop.runNext();
    expect(calls.lr).toEqual([0.5, 0.01]);
    expect(h.ofType('progress').at(-1)?.learningRate).toBe(0.01);
  });

  it('reports divergence with its step and sentence, then stops', async () => {
    const { calls, factory } = scripted({ divergeAt: 3 });
    const h = createHarness(factory);
    h.send(start());
    await settle();
    h.loop.runAll();
    expect(calls.steps).toBe(3);
    // The final status carries the sentence; there is no separate message for it.
    expect(h.ofType('status').at(-1)).toEqual({
      type: 'status',
      runId: 'a',
      status: 'diverged',
      step: 3,
      message: 'The loss became NaN at step 3: the learning rate is probably too high.',
    });
  });

  it('turns an exception inside the task into an error message, and a new run can start', async () => {
    const opts: { throwAt?: number } = { throwAt: 4 };
    const { factory } = scripted(opts);
    const h = createHarness(factory);
    h.send(start('a'));
    await settle();
    h.loop.runAll();
    expect(h.ofType('error')).toEqual([
      { type: 'error', runId: 'a', message: 'matmul: shapes [2,3] and [4,5] do not match' },
    ]);
    expect(h.statuses().at(-1)).toBe('error');

    opts.throwAt = undefined;
    h.send(start('b'));
    await settle();
    h.loop.runAll();
    expect(
      h
        .ofType('status')
        .filter((m) => m.runId === 'b')
        .map((m) => m.status),
    ).toEqual(['loading', 'running', 'done']);
  });

  it('starts a new run after a failed one in the same handler', async () => {
    let fail = true;
    const ok = scripted();
    const h = createHarness((cfg, data) => {
      if (fail) throw new Error('line 3: the label "maybe" is not one of positive, negative');
      return ok.factory(cfg, data);
    });
    h.send(start('a'));
    await settle();
    expect(h.ofType('error')[0]).toMatchObject({ runId: 'a', message: expect.stringContaining('line 3') });
    expect(h.statuses()).toEqual(['loading', 'error']);
    fail = false;
    h.send(start('b'));
    await settle();
    h.loop.runAll();
    expect(
      h
        .ofType('status')
        .filter((m) => m.runId === 'b')
        .map((m) => m.status),
    ).toEqual(['loading', 'running', 'done']);
  });

  it('a new start cancels the running run and ignores its late messages', async () => {
    const { calls, factory } = scripted();
    const h = createHarness(factory, { progressIntervalMs: 0 });
    h.send(start('a', { maxSteps: 1000 }));
    await settle();
    h.loop.runNext();
    h.send(start('b', { maxSteps: 3 }));
    expect(
      h
        .ofType('status')
        .filter((m) => m.runId === 'a')
        .at(-1)?.status,
    ).toBe('cancelled');
    await settle();
    h.send({ type: 'pause', runId: 'a' });
    h.loop.runAll();
    expect(h.handler.status).toBe('done');
    expect(calls.steps).toBe(1 + 3);
    h.send({ type: 'sample', runId: 'a', requestId: 9, prime: 'x', length: 3, temperature: 1, seed: 1 });
    expect(h.ofType('error').at(-1)).toMatchObject({
      runId: 'a',
      requestId: 9,
      message: expect.stringContaining('no longer available'),
    });
  });

  it('answers samples and snapshots, also after the run ended, and refuses bad primes without stopping the run', async () => {
    const { factory } = scripted();
    const h = createHarness(factory);
    h.send(start('a', { maxSteps: 1000 }));
    await settle();
    h.loop.runNext();
    h.send({ type: 'sample', runId: 'a', requestId: 1, prime: 'Café ', length: 3, temperature: 0.8, seed: 7 });
    expect(h.ofType('samples')).toEqual([
      {
        type: 'samples',
        runId: 'a',
        requestId: 1,
        step: 1,
        prime: 'Café ',
        text: 'xxx',
        temperature: 0.8,
        unknown: ['é'],
      },
    ]);
    h.send({ type: 'sample', runId: 'a', requestId: 2, prime: 'price €', length: 3, temperature: 0.8, seed: 7 });
    expect(h.ofType('error').at(-1)).toEqual({
      type: 'error',
      runId: 'a',
      requestId: 2,
      message: 'the model cannot read “€”',
    });
    h.loop.runNext();
    expect(h.handler.status).toBe('running');

    h.send({ type: 'cancel', runId: 'a' });
    h.send({ type: 'snapshot', runId: 'a', requestId: 3 });
    const snap = h.sent.at(-1)!;
    expect(snap.message).toMatchObject({
      type: 'snapshot',
      requestId: 3,
      step: 2,
      tensors: [{ name: 'weight_hh_l0', shape: [2, 2] }],
    });
    const tensors = (snap.message as { tensors: { data: Float32Array }[] }).tensors;
    expect(snap.transfer).toEqual([tensors[0].data.buffer]);
  });

  it('hands a model file (init) to the run, ends a run with nothing to train as done, and answers reports', async () => {
    const seen: { init?: unknown } = {};
    const factory: RunFactory = (cfg, _data, init) => {
      seen.init = init;
      return {
        info: {
          task: cfg.task,
          stepsPerEpoch: 10,
          maxSteps: 0,
          dataSummary: 'loaded',
          baselines: {},
          parameters: 0,
          config: cfg,
        },
        step: () => {
          throw new Error('nothing to train');
        },
        setLearningRate: () => undefined,
        report: () => {
          const data = new Float32Array([0.25, 0.75]);
          return { report: { positive: data }, transfer: [data.buffer] };
        },
      };
    };
    const h = createHarness(factory);
    h.send({ ...start('a'), init: { kind: 'text', name: 'model.json', text: '{}' } });
    await settle();
    expect(seen.init).toEqual({ kind: 'text', name: 'model.json', text: '{}' });
    expect(h.statuses()).toEqual(['loading', 'done']);
    expect(h.ofType('status').at(-1)?.message).toMatch(/loaded and evaluated/);
    expect(h.loop.pending).toBe(0);
    h.send({ type: 'report', runId: 'a', requestId: 4 });
    const reply = h.sent.at(-1)!;
    expect(reply.message).toMatchObject({ type: 'report', runId: 'a', requestId: 4, step: 0 });
    const report = (reply.message as { report: { positive: Float32Array } }).report;
    expect(reply.transfer).toEqual([report.positive.buffer]);
    // A run whose task has no report says so; a malformed init is refused before anything loads.
    const { factory: plain } = scripted();
    const h2 = createHarness(plain);
    h2.send(start('b'));
    await settle();
    h2.send({ type: 'report', runId: 'b', requestId: 1 });
    expect(h2.ofType('error').at(-1)).toEqual({
      type: 'error',
      runId: 'b',
      requestId: 1,
      message: 'the synthetic task has no report',
    });
    h2.send({ ...start('c'), init: { kind: 'nowhere' } });
    expect(h2.ofType('error').at(-1)?.message).toBe('start: init.kind must be url, text, files or none');
  });

  it('answers malformed messages with an error and keeps working', async () => {
    const { factory } = scripted();
    const h = createHarness(factory);
    const bad: unknown[] = [
      null,
      'start',
      42,
      [],
      {},
      { type: 'explode', runId: 'a' },
      { type: 'pause' },
      { type: 'step', runId: 'a', n: 0 },
      { type: 'step', runId: 'a', n: 2.5 },
      { type: 'setLearningRate', runId: 'a', lr: NaN },
      { type: 'setLearningRate', runId: 'a', lr: -1 },
      { type: 'sample', runId: 'a', requestId: 1, prime: 3, length: 5, temperature: 1, seed: 1 },
      { type: 'sample', runId: 'a', requestId: 1, prime: 'x', length: 5, temperature: 0, seed: 1 },
      { type: 'sample', runId: 'a', requestId: 1, prime: 'x', length: 1e9, temperature: 1, seed: 1 },
      { type: 'snapshot', runId: 'a' },
      { type: 'start', runId: 'a' },
      { type: 'start', runId: 'a', config: { ...config(), task: 'poetry' }, data: { kind: 'none' } },
      { type: 'start', runId: 'a', config: { ...config(), learningRate: Infinity }, data: { kind: 'none' } },
      { type: 'start', runId: 'a', config: { ...config(), maxSteps: 0 }, data: { kind: 'none' } },
      { type: 'start', runId: 'a', config: { ...config(), hiddenSize: 100_000 }, data: { kind: 'none' } },
      { type: 'start', runId: 'a', config: { ...config(), hiddensize: 32 }, data: { kind: 'none' } },
      { type: 'start', runId: 'a', config: config(), data: { kind: 'url' } },
      {
        type: 'start',
        runId: 'a',
        config: config(),
        data: { kind: 'files', files: [{ path: 'a.csv', file: 'not a file' }] },
      },
    ];
    for (const message of bad) h.send(message);
    const errors = h.ofType('error');
    expect(errors).toHaveLength(bad.length);
    // Each refused start ends its run before it began, so a page waiting for it is told; other refusals change nothing.
    const starts = bad.filter((m) => typeof m === 'object' && m !== null && 'type' in m && m.type === 'start');
    expect(h.statuses()).toEqual(starts.map(() => 'error'));
    expect(errors.map((e) => e.message)).toContain('sample: temperature must be a number from 0.05 to 5');
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'start: config must be an object',
        'start: config.task must be one of char-model, forecast, sentiment, synthetic, teacher-forcing, translate, got "poetry"',
        'start: config.learningRate must be a number above 0 and at most 100, got Infinity',
        'start: config.maxSteps must be a whole number from 1 to 10000000, got 0',
        'start: config.hiddenSize must be a whole number from 1 to 1024, got 100000',
        'start: config.hiddensize is not a synthetic setting',
        'start: data.url must be a non-empty string',
      ]),
    );
    expect(errors[5].message).toBe(
      'unknown message type "explode"; expected one of start, pause, resume, step, cancel, setLearningRate, sample, snapshot, measure, report',
    );
    // The request id of a malformed request comes back, so the page can settle that request.
    expect(errors[11]).toMatchObject({ runId: 'a', requestId: 1 });

    h.send(start('a'));
    await settle();
    h.loop.runAll();
    expect(h.statuses().at(-1)).toBe('done');
  });

  it('reports a data source that cannot be loaded, with the reason', async () => {
    const { factory } = scripted();
    const h = createHarness(factory, {
      fetchText: async (url) => {
        throw new Error(`could not load ${url}: HTTP 404`);
      },
    });
    h.send({
      type: 'start',
      runId: 'a',
      config: config(),
      data: { kind: 'url', url: 'http://127.0.0.1/data/missing.txt' },
    });
    await settle();
    expect(h.ofType('error')).toEqual([
      { type: 'error', runId: 'a', message: 'could not load http://127.0.0.1/data/missing.txt: HTTP 404' },
    ]);
    expect(h.statuses()).toEqual(['loading', 'error']);
  });

  it('refuses an oversized reader file before reading it', async () => {
    const { factory } = scripted();
    const h = createHarness(factory);
    let read = false;
    const file = {
      name: 'huge.csv',
      size: 50 * 1024 * 1024,
      text: async () => {
        read = true;
        return '';
      },
    };
    h.send({
      type: 'start',
      runId: 'a',
      config: withDefaults('sentiment'),
      data: { kind: 'files', files: [{ path: 'huge.csv', file }] },
    });
    await settle();
    expect(read).toBe(false);
    expect(h.ofType('error')[0].message).toBe(
      'huge.csv: the input is 50.0 MB, more than the 20.0 MB limit; use a smaller file or fewer files',
    );
  });

  it('starts paused when pause or step arrives while loading', async () => {
    const { calls, factory } = scripted();
    const h = createHarness(factory);
    h.send(start('a', { maxSteps: 100 }));
    h.send({ type: 'step', runId: 'a', n: 2 });
    await settle();
    h.loop.runAll();
    expect(calls.steps).toBe(2);
    expect(h.statuses()).toEqual(['loading', 'paused']);
  });

  it('cancels while loading without building on a stale run', async () => {
    let created = 0;
    const ok = scripted();
    const h = createHarness((cfg, data) => {
      created += 1;
      return ok.factory(cfg, data);
    });
    h.send(start('a'));
    h.send({ type: 'cancel', runId: 'a' });
    await settle();
    h.loop.runAll();
    expect(created).toBe(0);
    expect(h.statuses()).toEqual(['loading', 'cancelled']);
  });

  it('passes on which weights a run ended with when it restored the best', async () => {
    const { factory } = scripted();
    const h = createHarness(factory);
    h.send(start('a', { restoreBest: true }));
    await settle();
    h.loop.runAll();
    expect(h.ofType('status').at(-1)).toMatchObject({ status: 'done', restored: { step: 5, valLoss: 1.1 / 5 } });
    expect(h.ofType('ready')[0].info.parameters).toBe(42);
  });

  it('times a config without starting a run: a warm-up step, then a median over about a third of a second', async () => {
    const clock: { loop?: ManualLoop } = {};
    const { calls, factory } = scripted({ clock, msPerStep: 40 });
    const h = createHarness(factory);
    clock.loop = h.loop;
    h.send({ type: 'measure', runId: 'm', requestId: 7, config: config({ maxSteps: 3 }), data: { kind: 'none' } });
    await settle();
    const [timing] = h.ofType('timing');
    // 300 ms at 40 ms a step: 8 timed steps after the warm-up; the run's own maxSteps and evaluations are ignored.
    expect(timing).toMatchObject({ runId: 'm', requestId: 7, msPerStep: 40, steps: 8, parameters: 42 });
    expect(calls.steps).toBe(9);
    expect(h.statuses()).toEqual([]);

    h.send({
      type: 'measure',
      runId: 'm',
      requestId: 8,
      config: { ...config(), hiddenSize: 0 },
      data: { kind: 'none' },
    });
    expect(h.ofType('error').at(-1)).toMatchObject({ requestId: 8 });
    expect(h.ofType('error').at(-1)?.message).toMatch(/hiddenSize must be a whole number from 1 to 1024, got 0/);
  });

  it('fetches a site file once for several runs and measurements', async () => {
    const fetched: string[] = [];
    const { factory } = scripted();
    const h = createHarness(factory, {
      fetchText: async (url) => {
        fetched.push(url);
        return 'text';
      },
    });
    const data = { kind: 'url', url: 'http://127.0.0.1/data/moby-dick.txt' };
    h.send({ ...start('a'), data });
    await settle();
    h.send({ type: 'measure', runId: 'm', requestId: 1, config: config(), data });
    h.send({ ...start('b'), data });
    await settle();
    expect(fetched).toEqual(['http://127.0.0.1/data/moby-dick.txt']);
    expect(h.ofType('timing')).toHaveLength(1);
  });
});
