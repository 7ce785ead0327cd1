// The search runner on a pool of in-process workers with scripted runs: a grid trains every trial and names the
// best, successive halving promotes the best third into longer trials, a failed trial does not stop the search,
// cancel ends everything, finished trials keep only their evaluations, and overfitting is flagged.
import { describe, expect, it } from 'vitest';
import type { RunFactory } from '../../../engine/worker/handler';
import { inProcessWorker, scriptedRun } from '../../lib/testing/inProcessWorker';
import { TrainerClient } from '../../lib/trainerClient';
import { WorkerPool } from '../../lib/workerPool';
import { SearchRunner, type SearchInput } from './runner';
import { DEFAULT_SPACE } from './search';

/** A pool of in-process workers whose runs follow `buildRun`. */
const poolOf = (size: number, buildRun: RunFactory): WorkerPool =>
  new WorkerPool(size, { createClient: () => new TrainerClient(() => inProcessWorker(buildRun).worker) });

/** Validation loss falls with the hidden size and the steps: the biggest model wins, later rungs do better. */
const byHidden = scriptedRun({ valLoss: (step, hidden) => 3 - hidden / 1000 - step / 10_000 });

const input = (over: Partial<SearchInput> = {}): SearchInput => ({
  task: 'char-model',
  method: 'grid',
  space: { ...DEFAULT_SPACE, hidden: [64, 128], layers: [1], lr: [1e-3], cell: ['gru', 'lstm'] },
  trials: 9,
  steps: 20,
  evalEvery: 5,
  seed: 1,
  ...over,
});

/** Start a search and resolve once it is done or cancelled. */
function run(pool: WorkerPool, search: SearchInput, macsPerMs: number | null = null) {
  let resolve!: () => void;
  const over = new Promise<void>((r) => {
    resolve = r;
  });
  const runner = new SearchRunner(pool, search, {
    data: { kind: 'none' },
    macsPerMs,
    onChange: () => {
      if (runner.state === 'done' || runner.state === 'cancelled') resolve();
    },
  });
  runner.start();
  return { runner, over };
}

describe('SearchRunner', () => {
  it('trains a grid of 4 on 2 workers, scores every trial and names the best', async () => {
    const { runner, over } = run(poolOf(2, byHidden), input(), 1e6);
    expect(runner.timeLeftMs()).toBeGreaterThan(0);
    await over;
    expect(runner.state).toBe('done');
    expect(runner.trials.map((t) => t.record.state)).toEqual(['done', 'done', 'done', 'done']);
    expect(runner.trials.map((t) => t.record.steps)).toEqual([20, 20, 20, 20]);
    expect(runner.doneSteps).toBe(runner.plannedSteps);
    expect(runner.best()?.settings).toEqual({ hidden: 128, layers: 1, lr: 1e-3, cell: 'gru' });
    expect(runner.best()?.score).toBeCloseTo(3 - 0.128 - 0.002, 10);
    expect(runner.timeLeftMs()).toBe(0);
    // A small search keeps every trial's evaluations (steps 5, 10, 15, 20) and its training curve.
    for (const t of runner.trials) {
      expect(t.record.evals.map((e) => e.step)).toEqual([5, 10, 15, 20]);
      expect(t.record.train).toHaveLength(20);
    }
  });

  it('successive halving promotes the best third into trials three times as long', async () => {
    const space = { ...DEFAULT_SPACE, hiddenRange: [32, 512] as [number, number] };
    const { runner, over } = run(poolOf(2, byHidden), input({ method: 'halving', space, trials: 9, steps: 30 }));
    await over;
    expect(runner.rungs).toEqual([
      { trials: 9, steps: 10 },
      { trials: 3, steps: 30 },
      { trials: 1, steps: 90 },
    ]);
    expect(runner.trials).toHaveLength(13);
    const first = runner.trials.filter((t) => t.rung === 0);
    const promoted = first.filter((t) => t.promotedTo !== null);
    // The three largest hidden sizes of the nine random draws went up.
    const largest = [...first].sort((a, b) => b.settings.hidden - a.settings.hidden).slice(0, 3);
    expect(new Set(promoted)).toEqual(new Set(largest));
    const last = runner.trials.at(-1)!;
    expect(last.rung).toBe(2);
    expect(last.budget).toBe(90);
    expect(last.settings).toEqual(largest[0].settings);
    expect(runner.best()).toBe(last);
    expect(runner.doneSteps).toBe(9 * 10 + 3 * 30 + 90);
    // A search of more than 8 trials drops a finished trial's training curve and keeps its evaluations.
    for (const t of runner.trials) {
      expect(t.record.train).toEqual([]);
      expect(t.record.evals.length).toBeGreaterThan(0);
    }
  });

  it('marks a trial whose run failed and carries on with the others', async () => {
    let made = 0;
    const flaky: RunFactory = (cfg, data) => scriptedRun(++made === 2 ? { throwAt: 7 } : {})(cfg, data);
    const { runner, over } = run(poolOf(2, flaky), input());
    await over;
    expect(runner.state).toBe('done');
    expect(runner.trials.map((t) => t.record.state).sort()).toEqual(['done', 'done', 'done', 'error']);
    const failed = runner.trials.find((t) => t.record.state === 'error')!;
    expect(failed.record.message).toBe('boom inside the task');
    expect(failed.score).toBe(Infinity);
  });

  it('cancel ends every trial at once and starts nothing after', async () => {
    const slow = scriptedRun();
    const { runner, over } = run(poolOf(2, slow), input({ steps: 1_000_000, evalEvery: 1000 }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    runner.cancel();
    await over;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(runner.state).toBe('cancelled');
    expect(runner.trials.map((t) => t.record.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(runner.trials.slice(2).map((t) => t.record.steps)).toEqual([0, 0]);
  });

  it('pauses and resumes the whole search', async () => {
    const { runner, over } = run(poolOf(2, byHidden), input({ steps: 400, evalEvery: 100 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    runner.pause();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const steps = runner.doneSteps;
    expect(runner.trials.filter((t) => t.record.state === 'paused')).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runner.doneSteps).toBe(steps);
    runner.resume();
    await over;
    expect(runner.state).toBe('done');
  });

  it('flags a trial whose validation loss turns up while its training loss keeps falling', async () => {
    // Training loss 1/step falls throughout; validation loss is lowest at step 20, then rises 2% per 5 steps, so the
    // fifth evaluation above the lowest (step 45) is 10% above it.
    const turning = scriptedRun({ valLoss: (step) => 1 + Math.abs(step - 20) / 50 });
    const { runner, over } = run(
      poolOf(1, turning),
      input({ steps: 60, space: { ...input().space, hidden: [64], cell: ['gru'] } }),
    );
    await over;
    const [trial] = runner.trials;
    expect(trial.overfit).toEqual({ turnStep: 20, flaggedStep: 45 });
  });
});
