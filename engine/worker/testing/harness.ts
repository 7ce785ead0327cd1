// Test harness for the worker's message handler: a hand-driven scheduler and clock, and a record of every
// message the handler posts, so Node tests can step the training loop one slice at a time.
import { TrainerHandler, type RunFactory } from '../handler';
import type { FetchText } from '../data';
import type { FromWorker } from '../protocol';

/** A scheduler whose queue the test empties by hand, and a clock the test (or a fake task) moves. */
export class ManualLoop {
  now = 0;
  private queue: (() => void)[] = [];

  readonly scheduler = {
    now: (): number => this.now,
    schedule: (fn: () => void): void => {
      this.queue.push(fn);
    },
  };

  get pending(): number {
    return this.queue.length;
  }

  /** Run the next queued slice; false when nothing was queued. */
  runNext(): boolean {
    const fn = this.queue.shift();
    fn?.();
    return fn !== undefined;
  }

  /** Run slices until the queue is empty or `limit` slices ran; returns how many ran. */
  runAll(limit = 100_000): number {
    let n = 0;
    while (n < limit && this.runNext()) n++;
    return n;
  }
}

/** Let pending promises (data loading, run creation) settle. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A handler wired to a ManualLoop, with every posted message (and its transfer list) recorded. */
export function createHarness(
  buildRun: RunFactory,
  options: { fetchText?: FetchText; progressIntervalMs?: number } = {},
) {
  const loop = new ManualLoop();
  const sent: { message: FromWorker; transfer?: ArrayBuffer[] }[] = [];
  const handler = new TrainerHandler({
    post: (message, transfer) => sent.push({ message, transfer }),
    scheduler: loop.scheduler,
    buildRun,
    fetchText:
      options.fetchText ??
      (async (url) => {
        throw new Error(`no such file: ${url}`);
      }),
    progressIntervalMs: options.progressIntervalMs,
  });
  const messages = (): FromWorker[] => sent.map((s) => s.message);
  const ofType = <T extends FromWorker['type']>(type: T): Extract<FromWorker, { type: T }>[] =>
    messages().filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  return {
    loop,
    handler,
    sent,
    messages,
    ofType,
    send: (message: unknown): void => handler.handle(message),
    statuses: (): string[] => ofType('status').map((m) => m.status),
    /** Every training point posted so far, in order. */
    curve: (): { step: number; loss: number }[] => ofType('progress').flatMap((p) => p.points),
  };
}
