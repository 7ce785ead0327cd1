// How the worker downloads one of the site's data files: `fetch`, read chunk by chunk, given up with a sentence
// when the server sends nothing for a while, so a stalled request ends the run instead of leaving it loading.

/**
 * How long a data request may go without receiving a byte (before the answer starts, or between two chunks of
 * it) before the worker gives up: 10 s. A slow connection still delivers Moby-Dick's 1.2 MB, since only a pause
 * counts, not the total time; and it is half the page's silence bound (trainerClient's SILENCE_MS), so the reader
 * learns that the data did not arrive rather than that the worker went quiet.
 */
export const DATA_IDLE_MS = 10_000;

/** The part of `fetch` the reader needs (tests pass their own). */
export type FetchLike = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

/**
 * The text at `url`, or an Error saying why not: an HTTP error status, a network failure, or `idleMs` without a
 * byte ("could not load moby-dick.txt: the server sent nothing for 10 s"); the page adds what to do next.
 */
export async function fetchText(url: string, options: { fetch?: FetchLike; idleMs?: number } = {}): Promise<string> {
  const fetchFn: FetchLike = options.fetch ?? ((u, init) => fetch(u, init));
  const idleMs = options.idleMs ?? DATA_IDLE_MS;
  const name = url.split(/[?#]/)[0].split('/').pop() || url;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  // Rejected by the countdown: every wait races it, so a body stream that ignores the abort cannot hold the run.
  let stall!: (error: Error) => void;
  const stalled = new Promise<never>((_, reject) => {
    stall = reject;
  });
  stalled.catch(() => undefined);
  /** Start the idle countdown again: called before the request and before waiting for each chunk. */
  const rearm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      stall(new Error('idle'));
    }, idleMs);
  };
  try {
    rearm();
    const response = await Promise.race([fetchFn(url, { signal: controller.signal }), stalled]);
    if (!response.ok) throw new Error(`could not load ${name} (HTTP ${response.status})`);
    if (!response.body) return await Promise.race([response.text(), stalled]);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parts: string[] = [];
    try {
      for (;;) {
        rearm();
        const { done, value } = await Promise.race([reader.read(), stalled]);
        if (done) break;
        parts.push(decoder.decode(value, { stream: true }));
      }
    } finally {
      if (timedOut) void reader.cancel().catch(() => undefined);
    }
    parts.push(decoder.decode());
    return parts.join('');
  } catch (error) {
    if (timedOut)
      throw new Error(`could not load ${name}: the server sent nothing for ${Math.round(idleMs / 1000)} s`, {
        cause: error,
      });
    if (error instanceof Error && error.message.startsWith('could not load')) throw error;
    throw new Error(`could not load ${name} (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}
