// How the site starts the training worker: a module worker that Vite bundles from engine/worker/train.worker.ts.
// Embed pages and one-file widgets are built with trainingWorker.inline.ts in its place (scripts/build/).
import type { ToWorker } from '../../engine/worker/protocol';

/** The part of `Worker` the client uses, so tests can hand it an in-process stand-in. */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/** The engine's training worker, loaded from the site as its own file. */
export function createTrainingWorker(): WorkerLike {
  return new Worker(new URL('../../engine/worker/train.worker.ts', import.meta.url), {
    type: 'module',
    name: 'unrolled-trainer',
  });
}
