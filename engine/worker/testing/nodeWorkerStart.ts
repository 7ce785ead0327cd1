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
