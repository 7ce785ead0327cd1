// Test doubles for the page's side of training: a Worker stand-in that runs the real message handler in this
// process (messages pass both ways asynchronously, as with a real worker), and a scripted run whose loss is 1/step.
import { TrainerHandler, type RunFactory, type RunStepResult } from '../../../engine/worker/handler';
import type { FromWorker, ToWorker } from '../../../engine/worker/protocol';
import type { WorkerLike } from '../trainerClient';

/**
 * A run whose loss is 1/step, evaluating every `evalEvery` steps and finishing at `maxSteps`. `throwAt` makes that
 * step throw; `failCreate` makes building the run throw; `valLoss` replaces the validation loss at a step.
 */
export const scriptedRun =
  (
    opts: { throwAt?: number; failCreate?: string; valLoss?: (step: number, hiddenSize: number) => number } = {},
  ): RunFactory =>
  (cfg) => {
    if (opts.failCreate) throw new Error(opts.failCreate);
    let step = 0;
    const hidden = 'hiddenSize' in cfg ? cfg.hiddenSize : 0;
    return {
      info: {
        task: cfg.task,
        stepsPerEpoch: 10,
        maxSteps: cfg.maxSteps,
        dataSummary: 'scripted',
        baselines: {},
        parameters: 0,
        config: cfg,
      },
      step(): RunStepResult {
        step += 1;
        if (step === opts.throwAt) throw new Error('boom inside the task');
        const r: RunStepResult = { step, epoch: step / 10, loss: 1 / step, gradNorm: 1 };
        if (step % cfg.evalEvery === 0 || step >= cfg.maxSteps)
          r.eval = { step, valLoss: opts.valLoss?.(step, hidden) ?? 1 / step, metrics: {} };
        if (step >= cfg.maxSteps) r.stop = { status: 'done', message: 'Finished.' };
        return r;
      },
      setLearningRate: () => undefined,
      sample: (prime, length) => ({ text: 'a'.repeat(length), unknown: prime.includes('é') ? ['é'] : [] }),
    };
  };

/** A Worker stand-in running the handler in this process; `received` records what the page sent. */
export function inProcessWorker(buildRun: RunFactory): {
  worker: WorkerLike & { terminated: boolean };
  received: ToWorker[];
} {
  const received: ToWorker[] = [];
  const worker: WorkerLike & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message) {
      if (this.terminated) return;
      received.push(message);
      setTimeout(() => handler.handle(structuredClone(message)), 0);
    },
    terminate() {
      this.terminated = true;
    },
  };
  const handler = new TrainerHandler({
    post: (message: FromWorker) =>
      setTimeout(() => {
        if (!worker.terminated) worker.onmessage?.({ data: message } as MessageEvent);
      }, 0),
    scheduler: {
      now: () => performance.now(),
      schedule: (fn) =>
        setTimeout(() => {
          if (!worker.terminated) fn();
        }, 0),
    },
    buildRun,
    fetchText: async () => '',
    progressIntervalMs: 0,
  });
  return { worker, received };
}
