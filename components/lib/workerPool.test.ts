// The worker pool with in-process workers: its size from the cores, no more runs at once than workers, jobs in
// order, pause/resume/cancel of the whole pool, one job cancelled alone, and a dead worker failing only its run.
import { describe, expect, it, vi } from 'vitest';
import { withDefaults, type SyntheticConfig } from '../../engine/train/tasks/index';
import { inProcessWorker, scriptedRun } from './testing/inProcessWorker';
import { TrainerClient, type WorkerLike } from './trainerClient';
import { poolSize, WorkerPool } from './workerPool';

const config = (over: Partial<SyntheticConfig> = {}): SyntheticConfig =>
  withDefaults('synthetic', { learningRate: 0.1, maxSteps: 30, evalEvery: 10, ...over });

/** A pool of `size` in-process workers, and every worker it made, by slot. */
function pool(size: number) {
  const workers: (WorkerLike & { terminated: boolean })[][] = Array.from({ length: size }, () => []);
  const p = new WorkerPool(size, {
    createClient: (slot) =>
      new TrainerClient(() => {
        const { worker } = inProcessWorker(scriptedRun());
        workers[slot].push(worker);
        return worker;
      }),
  });
  return { pool: p, workers };
}

describe('poolSize', () => {
  it('is one worker per reported core but one, and at least one', () => {
    expect(poolSize(8)).toBe(7);
    expect(poolSize(2)).toBe(1);
    expect(poolSize(1)).toBe(1);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(NaN)).toBe(1);
  });
});

describe('WorkerPool', () => {
  it('trains every job, never more at once than it has workers, starting them in order', async () => {
    const { pool: p, workers } = pool(2);
    const started: number[] = [];
    let most = 0;
    const tickets = [1, 2, 3, 4, 5].map((n) =>
      p.submit({
        config: config({ maxSteps: 10 * n }),
        data: { kind: 'none' },
        onStart: () => {
          started.push(n);
          most = Math.max(most, p.running);
        },
      }),
    );
    expect(p.running).toBe(2);
    expect(p.waiting).toBe(3);
    const ends = await Promise.all(tickets.map((t) => t.finished));
    expect(ends.map((e) => [e.status, e.step])).toEqual([10, 20, 30, 40, 50].map((s) => ['done', s]));
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    // One worker per slot, reused from job to job.
    expect(workers.map((w) => w.length)).toEqual([1, 1]);
  });

  it('pauses every run and starts nothing while paused, then resumes', async () => {
    const { pool: p } = pool(2);
    const runs: { status: string }[] = [];
    const tickets = [0, 1, 2].map(() =>
      p.submit({ config: config({ maxSteps: 100_000 }), data: { kind: 'none' }, onStart: (run) => runs.push(run) }),
    );
    // Polled rather than slept on: messages cross the stand-in workers in timer turns, slow on a busy machine.
    await vi.waitFor(() => expect(runs.map((r) => r.status)).toEqual(['running', 'running']));
    p.pause();
    await vi.waitFor(() => expect(runs.map((r) => r.status)).toEqual(['paused', 'paused']));
    expect(p.waiting).toBe(1);
    p.resume();
    await vi.waitFor(() => expect(runs.map((r) => r.status)).toEqual(['running', 'running']));
    tickets[0].cancel();
    await tickets[0].finished;
    await vi.waitFor(() => expect(runs).toHaveLength(3));
    p.cancelAll();
  });

  it('cancels everything at once: queued jobs at step 0, running ones at their step, every worker terminated', async () => {
    const { pool: p, workers } = pool(2);
    const tickets = [0, 1, 2, 3].map(() => p.submit({ config: config({ maxSteps: 100_000 }), data: { kind: 'none' } }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    p.cancelAll();
    const ends = await Promise.all(tickets.map((t) => t.finished));
    expect(ends.map((e) => e.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(ends[2]).toEqual({ status: 'cancelled', step: 0, message: 'the search was cancelled', restored: null });
    expect(ends[0].message).toBe('the search was cancelled');
    expect(workers.flat().every((w) => w.terminated)).toBe(true);
    expect(p.running + p.waiting).toBe(0);
    // Still usable: the next job gets a fresh worker.
    expect((await p.submit({ config: config(), data: { kind: 'none' } }).finished).status).toBe('done');
    expect(workers.flat()).toHaveLength(3);
  });

  it('takes one job out of the queue without touching the others', async () => {
    const { pool: p } = pool(1);
    const first = p.submit({ config: config(), data: { kind: 'none' } });
    const second = p.submit({ config: config(), data: { kind: 'none' } });
    const third = p.submit({ config: config(), data: { kind: 'none' } });
    second.cancel();
    expect(await second.finished).toEqual({ status: 'cancelled', step: 0, message: null, restored: null });
    expect((await first.finished).status).toBe('done');
    expect((await third.finished).status).toBe('done');
  });

  it('fails only the run whose worker died, and trains the next job on a fresh worker in that slot', async () => {
    const { pool: p, workers } = pool(2);
    const a = p.submit({ config: config({ maxSteps: 100_000 }), data: { kind: 'none' } });
    const b = p.submit({ config: config({ maxSteps: 2_000 }), data: { kind: 'none' } });
    const c = p.submit({ config: config(), data: { kind: 'none' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    workers[0][0].onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    expect(await a.finished).toMatchObject({ status: 'error', message: 'the training worker stopped: out of memory' });
    expect((await b.finished).status).toBe('done');
    expect((await c.finished).status).toBe('done');
    expect(workers[0]).toHaveLength(2);
    expect(workers[0][0].terminated).toBe(true);
  });
});
