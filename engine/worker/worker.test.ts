// The real worker file in a Node worker thread: it trains the char model with the same loss curve as a direct
// run in this process, answers a malformed message with an error, and stops on cancel.
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMobyDick } from '../../scripts/data/datasets';
import { kernelStatus, setWasmKernelsEnabled } from '../kernels/index';
import { loadWasmKernels } from '../kernels/wasm/load';
import type { CharModelConfig } from '../train/tasks/index';
import type { DataSource, FromWorker } from './protocol';
import { createWorkerRun } from './tasks';
import { startNodeWorker } from './testing/nodeWorkerStart';

const config: CharModelConfig = {
  task: 'char-model',
  seed: 11,
  cell: 'gru',
  hiddenSize: 24,
  seqLen: 16,
  batchSize: 4,
  learningRate: 0.01,
  clip: 5,
  maxSteps: 40,
  evalEvery: 20,
  evalChars: 1000,
};
const data: DataSource = { kind: 'text', name: 'moby-dick.txt', text: loadMobyDick().slice(0, 40_000) };

let worker: Worker | null = null;
afterEach(async () => {
  await worker?.terminate();
  worker = null;
});

/** Start the worker thread and collect what it posts; `until` resolves once a message matches. */
async function startWorker() {
  worker = await startNodeWorker();
  const messages: FromWorker[] = [];
  const waiters: { test: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] =
    [];
  worker.on('error', (error) => waiters.splice(0).forEach((w) => w.reject(error)));
  worker.on('message', (m: FromWorker) => {
    messages.push(m);
    for (const w of [...waiters]) {
      if (w.test(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const until = (test: (m: FromWorker) => boolean): Promise<FromWorker> => {
    const seen = messages.find(test);
    return seen ? Promise.resolve(seen) : new Promise((resolve, reject) => waiters.push({ test, resolve, reject }));
  };
  const send = (m: unknown): void => worker!.postMessage(m);
  return { messages, until, send };
}

const finalStatus = (m: FromWorker): boolean =>
  m.type === 'status' && ['done', 'early-stopped', 'diverged', 'cancelled', 'error'].includes(m.status);

describe('train.worker.ts in a worker thread', () => {
  it('gives the same loss curve as a direct run with the same config, seed and kernels', async () => {
    const w = await startWorker();
    w.send({ type: 'start', runId: 'w', config, data });
    const end = await w.until(finalStatus);
    expect(end).toMatchObject({ status: 'done', step: 40 });
    const losses = w.messages.flatMap((m) => (m.type === 'progress' ? m.points.map((p) => p.loss) : []));
    // The worker chose its float32 kernels at start-up and says which: WebAssembly SIMD in Node 20.
    const ready = w.messages.find((m) => m.type === 'ready');
    expect(ready?.kernels.float32).toMatch(/^wasm-/);

    await loadWasmKernels();
    const before = kernelStatus().float32;
    setWasmKernelsEnabled(true);
    try {
      const direct = createWorkerRun(config, {
        kind: 'text',
        name: 'moby-dick.txt',
        text: data.kind === 'text' ? data.text : '',
      });
      const expected: number[] = [];
      for (;;) {
        const r = direct.step();
        expected.push(r.loss);
        if (r.stop) break;
      }
      expect(losses).toEqual(expected);
    } finally {
      setWasmKernelsEnabled(before !== 'js');
    }
  }, 120_000);

  it('answers a malformed message with an error, then cancels a run between steps', async () => {
    const w = await startWorker();
    w.send({ type: 'start', runId: 'x', config: { ...config, learningRate: 'fast' }, data });
    expect(await w.until((m) => m.type === 'error')).toEqual({
      type: 'error',
      runId: 'x',
      message: 'start: config.learningRate must be a number above 0 and at most 100, got "fast"',
    });
    w.send({ type: 'start', runId: 'c', config: { ...config, maxSteps: 1_000_000 }, data });
    const progress = await w.until((m) => m.type === 'progress' && m.runId === 'c' && m.step >= 3);
    expect(progress.type).toBe('progress');
    w.send({ type: 'cancel', runId: 'c' });
    const end = await w.until((m) => m.type === 'status' && m.runId === 'c' && m.status === 'cancelled');
    const stepAtCancel = (end as { step: number }).step;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = w.messages.filter((m) => m.type === 'progress' && m.runId === 'c' && m.step > stepAtCancel);
    expect(later).toEqual([]);
    // The last progress carries every step taken before the cancel.
    const lastProgress = w.messages.filter((m) => m.type === 'progress' && m.runId === 'c').at(-1) as { step: number };
    expect(lastProgress.step).toBe(stepAtCancel);
  }, 120_000);
});
