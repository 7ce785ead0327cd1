// Starts nodeWorker.ts in a worker thread with tsx registered inside the thread (Node ignores `--import` in a
// worker's execArgv), and resolves once the worker file has loaded.
import { Worker } from 'node:worker_threads';

/** A worker thread running `train.worker.ts`, ready for messages. */
export async function startNodeWorker(): Promise<Worker> {
  const entry = new URL('./nodeWorker.ts', import.meta.url).href;
  // Evaluated code resolves bare specifiers from the working directory: the project root when tests run.
  const worker = new Worker(
    `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: unknown): void => {
      if (m !== 'loaded') return;
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker thread exited (code ${code}) before loading`)));
  });
  return worker;
}

/** What `nodeWorkerLike` offers: the part of a browser `Worker` the page's trainer client uses. */
export interface NodeWorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

/**
 * The real `train.worker.ts` in a worker thread, behind the interface of a browser `Worker`, so the page's own
 * trainer client and worker pool can drive it from Node (the bench, scripts). Made at once; messages posted before
 * the worker file has loaded wait, in order, until it has.
 */
export function nodeWorkerLike(): NodeWorkerLike {
  let thread: Worker | null = null;
  let terminated = false;
  const waiting: unknown[] = [];
  const like: NodeWorkerLike = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message) {
      if (thread) thread.postMessage(message);
      else waiting.push(message);
    },
    terminate() {
      terminated = true;
      void thread?.terminate();
    },
  };
  startNodeWorker().then(
    (started) => {
      if (terminated) {
        void started.terminate();
        return;
      }
      thread = started;
      started.on('message', (data: unknown) => like.onmessage?.({ data } as MessageEvent));
      started.on('error', (error: Error) => like.onerror?.({ message: error.message } as ErrorEvent));
      for (const message of waiting.splice(0)) started.postMessage(message);
    },
    (error: Error) => like.onerror?.({ message: error.message } as ErrorEvent),
  );
  return like;
}
