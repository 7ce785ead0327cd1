// The training worker's entry point and the only file that touches the worker global `self`: it wires incoming
// messages to the handler, posts replies (moving snapshot buffers), and yields between steps through a MessageChannel.
import { TrainerHandler } from './handler';
import { createWorkerRun } from './tasks';

// setTimeout(0) is clamped to 4 ms once nested, so a MessageChannel yields instead: each training step is its own
// task, and a pause or cancel that arrived during one step is handled before the next.
const slices: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => slices.shift()?.();

const handler = new TrainerHandler({
  post: (message, transfer) => self.postMessage(message, { transfer: transfer ?? [] }),
  scheduler: {
    now: () => performance.now(),
    schedule: (fn) => {
      slices.push(fn);
      channel.port2.postMessage(null);
    },
  },
  buildRun: createWorkerRun,
  // 20 progress messages a second: smooth enough for any display, and each is a task on the page's main thread.
  progressIntervalMs: 50,
  fetchText: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
    return response.text();
  },
});

self.onmessage = (event: MessageEvent) => handler.handle(event.data);
