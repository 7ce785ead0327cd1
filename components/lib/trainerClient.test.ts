// The trainer client against the real message handler in-process (a stand-in Worker that passes messages both
// ways asynchronously): promises, the progress iterator, controls, requests, and errors from the worker.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withDefaults, type SyntheticConfig } from '../../engine/train/tasks/index';
import type { FromWorker, ToWorker } from '../../engine/worker/protocol';
import { inProcessWorker, scriptedRun } from './testing/inProcessWorker';
import { TrainerClient, type WorkerLike } from './trainerClient';

/** A valid synthetic config (the scripted runs below read only its task, maxSteps and evalEvery). */
const config = (over: Partial<SyntheticConfig> = {}): SyntheticConfig =>
  withDefaults('synthetic', { learningRate: 0.1, maxSteps: 30, evalEvery: 10, ...over });

const factory = scriptedRun;

describe('trainer client', () => {
  it('starts a run, yields its progress until it ends, and resolves ready and finished', async () => {
    const { worker } = inProcessWorker(factory());
    const client = new TrainerClient(() => worker);
    const run = client.start(config(), { kind: 'none' });
    const statuses: string[] = [];
    run.onStatus((s) => statuses.push(s));
    expect((await run.ready).stepsPerEpoch).toBe(10);
    const steps: number[] = [];
    for await (const p of run.progress()) steps.push(...p.points.map((q) => q.step));
    expect(steps).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await run.finished).toEqual({ status: 'done', step: 30, message: 'Finished.', restored: null });
    expect(statuses).toEqual(['loading', 'running', 'done']);
    expect(run.status).toBe('done');
  });

  it('pauses, steps and cancels; cancel ends the progress iterator', async () => {
    const { worker, received } = inProcessWorker(factory());
    const client = new TrainerClient(() => worker);
    const run = client.start(config({ maxSteps: 1_000_000 }), { kind: 'none' });
    await run.ready;
    run.pause();
    await new Promise<void>((resolve) => run.onStatus((s) => s === 'paused' && resolve()));
    run.step(3);
    run.cancel();
    const end = await run.finished;
    expect(end.status).toBe('cancelled');
    expect(end.step).toBeLessThan(1_000_000);
    const all = [];
    for await (const p of run.progress()) all.push(p);
    expect(all.length).toBeGreaterThan(0);
    expect(received.map((m) => m.type)).toEqual(['start', 'pause', 'step', 'cancel']);
  });

  it('resolves samples and rejects a failed request with the worker’s message', async () => {
    const { worker } = inProcessWorker(factory());
    const client = new TrainerClient(() => worker);
    const run = client.start(config({ maxSteps: 1_000_000 }), { kind: 'none' });
    await run.ready;
    const sample = await run.sample({ prime: 'Café', length: 4, temperature: 0.5, seed: 1 });
    expect(sample).toMatchObject({ prime: 'Café', text: 'aaaa', temperature: 0.5, unknown: ['é'] });
    await expect(run.sample({ prime: 'x', length: 4, temperature: 99, seed: 1 })).rejects.toThrow(
      'temperature must be a number from 0.05 to 5',
    );
    await expect(run.snapshot()).rejects.toThrow('has no snapshot');
    run.cancel();
    await run.finished;
  });

  it('measures a config without starting a run, and rejects a bad one with the worker’s sentence', async () => {
    const { worker, received } = inProcessWorker(factory());
    const client = new TrainerClient(() => worker);
    const timing = await client.measure(config(), { kind: 'none' });
    expect(timing.steps).toBeGreaterThanOrEqual(3);
    expect(timing.msPerStep).toBeGreaterThanOrEqual(0);
    expect(timing.parameters).toBe(0);
    expect(received.map((m) => m.type)).toEqual(['measure']);
    await expect(client.measure(config({ hiddenSize: 0 }), { kind: 'none' })).rejects.toThrow(
      'hiddenSize must be a whole number from 1 to 1024, got 0',
    );
  });

  it('surfaces an exception in the task as an error ending, and the next run works', async () => {
    let throwAt: number | undefined = 5;
    const { worker } = inProcessWorker((cfg, data) => factory({ throwAt })(cfg, data));
    const client = new TrainerClient(() => worker);
    const run = client.start(config(), { kind: 'none' });
    expect(await run.finished).toEqual({ status: 'error', step: 4, message: 'boom inside the task', restored: null });
    throwAt = undefined;
    const next = client.start(config(), { kind: 'none' });
    expect((await next.finished).status).toBe('done');
  });

  it('rejects ready when the run fails before it is built', async () => {
    const { worker } = inProcessWorker(
      factory({ failCreate: 'reviews.csv, line 3: the label "maybe" is not one of positive, negative' }),
    );
    const client = new TrainerClient(() => worker);
    const run = client.start(config(), { kind: 'none' });
    await expect(run.ready).rejects.toThrow('line 3');
    expect((await run.finished).message).toContain('line 3');
  });

  it('ends a run whose config the worker refuses, with the sentence naming the setting', async () => {
    const { worker } = inProcessWorker(factory());
    const client = new TrainerClient(() => worker);
    // Only an untyped caller can send this: the type of `start` allows no such config.
    const run = client.start(config({ hiddenSize: 5000 }), { kind: 'none' });
    await expect(run.ready).rejects.toThrow('start: config.hiddenSize must be a whole number from 1 to 1024, got 5000');
    expect(await run.finished).toEqual({
      status: 'error',
      step: 0,
      message: 'start: config.hiddenSize must be a whole number from 1 to 1024, got 5000',
      restored: null,
    });
    expect((await client.start(config(), { kind: 'none' }).finished).status).toBe('done');
  });

  it('a new start ends the previous run as cancelled', async () => {
    const { worker } = inProcessWorker(factory());
    const client = new TrainerClient(() => worker);
    const first = client.start(config({ maxSteps: 1_000_000 }), { kind: 'none' });
    await first.ready;
    const second = client.start(config(), { kind: 'none' });
    expect((await first.finished).status).toBe('cancelled');
    expect((await second.finished).status).toBe('done');
  });

  it('ends every run with a message when the worker itself fails, and makes a new worker next time', async () => {
    const workers: WorkerLike[] = [];
    const client = new TrainerClient(() => {
      const { worker } = inProcessWorker(factory());
      workers.push(worker);
      return worker;
    });
    const run = client.start(config({ maxSteps: 1_000_000 }), { kind: 'none' });
    await run.ready;
    const pending = run.sample({ prime: '', length: 1, temperature: 1, seed: 1 });
    workers[0].onerror?.({ message: 'SyntaxError: Unexpected token', preventDefault() {} } as ErrorEvent);
    expect(await run.finished).toMatchObject({
      status: 'error',
      message: 'the training worker stopped: SyntaxError: Unexpected token',
    });
    await expect(pending).rejects.toThrow('the training worker stopped');
    const next = client.start(config(), { kind: 'none' });
    expect((await next.finished).status).toBe('done');
    expect(workers).toHaveLength(2);
  });
});

/** A stand-in worker the test speaks for: it records what the page sends and says only what the test makes it say. */
function scriptedWorker(): WorkerLike & { sent: ToWorker[]; terminated: boolean; emit(message: FromWorker): void } {
  return {
    sent: [],
    terminated: false,
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message) {
      this.sent.push(message);
    },
    terminate() {
      this.terminated = true;
    },
    emit(message) {
      this.onmessage?.({ data: message } as MessageEvent);
    },
  };
}

describe('trainer client with a worker that fails', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends a run whose worker falls silent, terminates it, and starts a fresh worker next time', async () => {
    vi.useFakeTimers();
    const silent = scriptedWorker();
    const workers: WorkerLike[] = [silent];
    const client = new TrainerClient({
      createWorker: () => workers.shift() ?? inProcessWorker(factory()).worker,
      silenceMs: 10_000,
      now: () => Date.now(),
    });
    const run = client.start(config(), { kind: 'none' });
    const ended = vi.fn();
    void run.finished.then(ended);
    await vi.advanceTimersByTimeAsync(9_900);
    expect(ended).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(await run.finished).toEqual({
      status: 'error',
      step: 0,
      message:
        'the training worker stopped answering (no message for 10 s): the browser may have stopped it, for example when memory ran short',
      restored: null,
    });
    expect(silent.terminated).toBe(true);
    vi.useRealTimers();
    expect((await client.start(config(), { kind: 'none' }).finished).status).toBe('done');
  });

  it('counts silence from the last message, and waits longer in a run whose steps are slow', async () => {
    vi.useFakeTimers();
    const worker = scriptedWorker();
    const client = new TrainerClient({ createWorker: () => worker, silenceMs: 10_000, now: () => Date.now() });
    const run = client.start(config(), { kind: 'none' });
    const runId = run.id;
    worker.emit({ type: 'status', runId, status: 'loading', step: 0 });
    await vi.advanceTimersByTimeAsync(6_000);
    worker.emit({ type: 'status', runId, status: 'running', step: 0 });
    // Steps 8 s apart: each gap is under the 10 s bound, and the bound becomes 4 × 8 s.
    const progress = (step: number): FromWorker => ({
      type: 'progress',
      runId,
      step,
      epoch: step / 10,
      loss: 1,
      gradNorm: 1,
      valLoss: null,
      metrics: {},
      learningRate: 0.1,
      elapsedMs: step * 8000,
      remainingMs: null,
      maxSteps: 30,
      points: [{ step, loss: 1, gradNorm: 1 }],
      evals: [],
    });
    for (let step = 1; step <= 3; step++) {
      await vi.advanceTimersByTimeAsync(8_000);
      worker.emit(progress(step));
    }
    await vi.advanceTimersByTimeAsync(31_000);
    expect(run.status).toBe('running');
    await vi.advanceTimersByTimeAsync(1_100);
    expect((await run.finished).message).toContain('no message for 32 s');
    expect(worker.terminated).toBe(true);
  });

  it('does not wait for a paused run, but does for the answer to a control sent to it', async () => {
    vi.useFakeTimers();
    const worker = scriptedWorker();
    const client = new TrainerClient({ createWorker: () => worker, silenceMs: 10_000, now: () => Date.now() });
    const run = client.start(config(), { kind: 'none' });
    worker.emit({ type: 'status', runId: run.id, status: 'paused', step: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run.status).toBe('paused');
    run.setLearningRate(0.5);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run.status).toBe('paused');
    run.resume();
    await vi.advanceTimersByTimeAsync(10_100);
    expect(run.status).toBe('error');
    expect(worker.terminated).toBe(true);
  });

  it('rejects a request the silent worker never answers', async () => {
    vi.useFakeTimers();
    const worker = scriptedWorker();
    const client = new TrainerClient({ createWorker: () => worker, silenceMs: 10_000, now: () => Date.now() });
    const run = client.start(config(), { kind: 'none' });
    worker.emit({ type: 'status', runId: run.id, status: 'done', step: 30, message: 'Finished.' });
    const sample = run.sample({ prime: '', length: 1, temperature: 1, seed: 1 });
    const rejected = expect(sample).rejects.toThrow('stopped answering');
    await vi.advanceTimersByTimeAsync(10_100);
    await rejected;
  });

  it('ends every run when a message cannot be read, and makes a new worker next time', async () => {
    const first = scriptedWorker();
    const made: WorkerLike[] = [];
    const client = new TrainerClient(() => {
      const worker = made.length === 0 ? first : inProcessWorker(factory()).worker;
      made.push(worker);
      return worker;
    });
    const run = client.start(config(), { kind: 'none' });
    first.onmessageerror?.({} as MessageEvent);
    expect(await run.finished).toMatchObject({
      status: 'error',
      message: 'a message from the training worker could not be read',
    });
    expect(first.terminated).toBe(true);
    expect((await client.start(config(), { kind: 'none' }).finished).status).toBe('done');
    expect(made).toHaveLength(2);
  });

  it('ends the run with the reason when the worker cannot be created, and tries again next time', async () => {
    let refuse = true;
    const client = new TrainerClient(() => {
      if (refuse) throw new DOMException('Failed to construct Worker: access denied', 'SecurityError');
      return inProcessWorker(factory()).worker;
    });
    const run = client.start(config(), { kind: 'none' });
    const statuses: string[] = [];
    run.onStatus((s, message) => statuses.push(`${s}: ${message}`));
    await expect(run.ready).rejects.toThrow('could not be started');
    expect(statuses).toEqual([
      'error: the training worker could not be started (Failed to construct Worker: access denied)',
    ]);
    refuse = false;
    expect((await client.start(config(), { kind: 'none' }).finished).status).toBe('done');
  });

  it('says the script could not be loaded when the error event carries no message (a 404)', async () => {
    const worker = scriptedWorker();
    const client = new TrainerClient(() => worker);
    const run = client.start(config(), { kind: 'none' });
    worker.onerror?.({ message: '', preventDefault() {} } as unknown as ErrorEvent);
    expect((await run.finished).message).toBe('the training worker stopped: its script could not be loaded');
    expect(worker.terminated).toBe(true);
  });
});
