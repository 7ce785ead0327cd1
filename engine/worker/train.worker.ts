// The training worker's entry point and the only file that touches the worker global `self`: it wires incoming
// messages to the handler, posts replies (moving snapshot buffers), and yields between steps through a MessageChannel.
import { loadWasmKernels } from '../kernels/wasm/load';
import { fetchText } from './fetchText';
import { TrainerHandler } from './handler';
import { siteFileReader } from './siteFiles';
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
  // Over the network, gives up with a sentence after DATA_IDLE_MS without a byte, so a stalled request cannot
  // leave a run loading.
  fetchText: siteFileReader(self, (url) => fetchText(url)),
});

// The float32 kernels are chosen once, before the first message is handled (messages wait in order): WebAssembly
// SIMD where it compiles, else the JS kernels with the reason in the console and in each run's 'ready' message.
const kernels = loadWasmKernels().then((status) => {
  if (status.float32 === 'js') console.warn(`training worker: float32 runs on the JS kernels (${status.reason})`);
});
self.onmessage = (event: MessageEvent) => void kernels.then(() => handler.handle(event.data));
