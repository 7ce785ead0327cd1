// Runs the real `train.worker.ts` in a Node worker thread (for tests): stands in for the worker global `self`
// with the thread's parentPort, loads the worker file unchanged, then posts the string 'loaded' so the test
// knows it may send messages. Start it with `startNodeWorker()` from nodeWorkerStart.ts.
import { parentPort } from 'node:worker_threads';

if (!parentPort) throw new Error('nodeWorker.ts must run in a worker thread');
const port = parentPort;

const scope = {
  onmessage: null as ((event: { data: unknown }) => void) | null,
  postMessage(message: unknown, options?: { transfer?: ArrayBuffer[] }): void {
    port.postMessage(message, options?.transfer ?? []);
  },
};
port.on('message', (data: unknown) => scope.onmessage?.({ data }));
(globalThis as unknown as { self: typeof scope }).self = scope;

await import('../train.worker');
port.postMessage('loaded');
