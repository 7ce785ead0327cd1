// The lab's queue against the real message handler in-process: runs train one at a time, their records fill in from
// the worker's messages, a stop ends one run and the next starts, a group is reported once all its runs ended, and a
// worker that dies ends its run as failed, in words, and the next run trains in a new worker.
// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { TrainerHandler, type RunFactory, type RunStepResult } from '../../../engine/worker/handler';
import { withDefaults } from '../../../engine/train/tasks/configs';
import type { FromWorker, ToWorker } from '../../../engine/worker/protocol';
import { RunHistory, type RunRecord } from '../../lib/runHistory';
import { TrainerClient, type WorkerLike } from '../../lib/trainerClient';
import { RUN_FINISHED_EVENT } from '../../lib/hostMessages';
import { LabRunner } from './runner';

/** A run whose loss is 1/step and validation loss 2/step; restoreBest reports restoring step evalEvery. */
const factory: RunFactory = (cfg) => {
  let step = 0;
  return {
    info: {
      task: cfg.task,
      stepsPerEpoch: 10,
      maxSteps: cfg.maxSteps,
      dataSummary: '',
      baselines: { valLoss: 3 },
      parameters: 99,
      config: cfg,
    },
    step(): RunStepResult {
      step += 1;
      const r: RunStepResult = { step, epoch: step / 10, loss: 1 / step, gradNorm: 1 };
      if (step % cfg.evalEvery === 0) r.eval = { step, valLoss: 2 / step, metrics: {} };
      if (step >= cfg.maxSteps) r.stop = { status: 'done', message: 'Finished.' };
      return r;
    },
    setLearningRate: () => undefined,
  };
};

function inProcessWorker(): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message: ToWorker) {
      setTimeout(() => handler.handle(structuredClone(message)), 0);
    },
    terminate() {},
  };
  const handler = new TrainerHandler({
    post: (message: FromWorker) => setTimeout(() => worker.onmessage?.({ data: message } as MessageEvent), 0),
    scheduler: { now: () => performance.now(), schedule: (fn) => setTimeout(fn, 0) },
    buildRun: factory,
    fetchText: async () => '',
    progressIntervalMs: 0,
  });
  return worker;
}

const config = (maxSteps: number) => withDefaults('synthetic', { maxSteps, evalEvery: 5, learningRate: 0.1 });

function setup(
  createWorker: () => WorkerLike = inProcessWorker,
  onRunEnded?: ConstructorParameters<typeof LabRunner>[0]['onRunEnded'],
) {
  const history = new RunHistory({ storageKey: null });
  const groups: [string, RunRecord[]][] = [];
  const runner = new LabRunner({
    history,
    createClient: () => new TrainerClient(createWorker),
    dataFor: () => ({ kind: 'none' }),
    onChange: () => undefined,
    onGroupEnded: (group, runs) => groups.push([group, runs]),
    onRunEnded,
  });
  return { history, runner, groups };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
};

describe('the lab’s run queue', () => {
  it('trains queued runs one at a time and fills in their records', async () => {
    const { history, runner, groups } = setup();
    const [a, b] = runner.enqueue([
      { config: config(20), label: 'a', group: 'g' },
      { config: config(10), label: 'b', group: 'g' },
    ]);
    expect(runner.active).toBe(a);
    expect(runner.waiting).toEqual([b]);
    await until(() => groups.length === 1);
    expect(a.state).toBe('done');
    expect(a.steps).toBe(20);
    expect(a.evals.map((e) => e.step)).toEqual([5, 10, 15, 20]);
    expect(a.parameters).toBe(99);
    expect(a.baselines).toEqual({ valLoss: 3 });
    expect(b.state).toBe('done');
    expect(groups[0][0]).toBe('g');
    expect(groups[0][1].map((r) => r.label)).toEqual(['a', 'b']);
    expect(history.list()).toHaveLength(2);
    expect(runner.active).toBeNull();
  });

  it('tells an embed page’s host when each run ends, when it has a widget name', async () => {
    const heard: unknown[] = [];
    const listen = (event: Event) => heard.push((event as CustomEvent).detail);
    window.addEventListener(RUN_FINISHED_EVENT, listen);
    const history = new RunHistory({ storageKey: null });
    const runner = new LabRunner({
      widget: 'training-lab',
      history,
      createClient: () => new TrainerClient(inProcessWorker),
      dataFor: () => ({ kind: 'none' }),
      onChange: () => undefined,
    });
    const [run] = runner.enqueue([{ config: config(10) }]);
    await until(() => heard.length === 1);
    window.removeEventListener(RUN_FINISHED_EVENT, listen);
    expect(heard[0]).toEqual({
      widget: 'training-lab',
      status: 'done',
      step: 10,
      loss: run.train.at(-1)![1],
      valLoss: run.evals.at(-1)!.valLoss,
    });
  });

  it('stops the current run, starts the next, and drops the queue on stop all', async () => {
    const { history, runner } = setup();
    const [a, b, c] = runner.enqueue([
      { config: config(1_000_000) },
      { config: config(1_000_000) },
      { config: config(5) },
    ]);
    await until(() => a.steps > 0);
    runner.stopCurrent();
    await until(() => a.state === 'cancelled' && runner.active === b);
    await until(() => b.steps > 0);
    runner.stopAll();
    await until(() => b.state === 'cancelled' && runner.active === null);
    expect(history.list().map((r) => r.id)).toEqual([a.id, b.id]);
    expect(c.steps).toBe(0);
  });

  it('marks the run failed with a sentence when the worker dies, and trains the next run in a fresh worker', async () => {
    const workers: WorkerLike[] = [];
    const { runner, groups } = setup(() => {
      const worker = inProcessWorker();
      workers.push(worker);
      return worker;
    });
    const [a, b] = runner.enqueue([
      { config: config(1_000_000), group: 'g' },
      { config: config(10), group: 'g' },
    ]);
    await until(() => a.steps > 0);
    // The browser reports an uncaught error in the worker (out of memory, a script that failed to load, …).
    workers[0].onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    await until(() => a.state === 'error');
    expect(a.message).toBe('the training worker stopped: out of memory');
    await until(() => b.state === 'done');
    expect(workers).toHaveLength(2);
    expect(b.steps).toBe(10);
    // A group with a failed run is still reported: the lab says the question was not answered.
    expect(groups.map(([g, runs]) => [g, runs.map((r) => r.state)])).toEqual([['g', ['error', 'done']]]);
  });

  it('lets its owner ask the ended run’s worker before the next run starts, and goes on when the question fails', async () => {
    const asked: [string, string, string | null][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { runner } = setup(inProcessWorker, async (record, run) => {
      asked.push([record.label!, record.state, runner.active?.label ?? null]);
      // A snapshot of the ended run still comes back: its model is still in the worker.
      await run.snapshot().catch(() => undefined);
      if (record.label === 'a') await held;
      else throw new Error('no forecasts');
    });
    const [a, b] = runner.enqueue([
      { config: config(10), label: 'a' },
      { config: config(10), label: 'b' },
    ]);
    await until(() => asked.length === 1);
    // While the owner's question about run a is open, run b waits.
    expect(asked[0]).toEqual(['a', 'done', 'a']);
    await new Promise((r) => setTimeout(r, 20));
    expect(b.state).toBe('queued');
    release();
    await until(() => asked.length === 2 && runner.active === null);
    expect(a.state).toBe('done');
    expect(b.state).toBe('done');
  });
});
