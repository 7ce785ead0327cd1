// The worker's data download: the text arrives whole across chunks, an HTTP error and a network failure are named,
// and a server that stalls (before answering, or in the middle of the body) is given up after the idle bound.
import { describe, expect, it } from 'vitest';
import { fetchText, type FetchLike } from './fetchText';

/** A response whose body sends `chunks` with `gapMs` between them, then stalls forever if `stallAfter` is set. */
function slowResponse(chunks: string[], gapMs: number, stallAfter = false): Response {
  const encoder = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]));
      else if (stallAfter) await new Promise(() => undefined);
      else controller.close();
    },
  });
  return new Response(body, { status: 200 });
}

/** A fetch that honours the abort signal the way the browser's does. */
const fetchOf =
  (respond: () => Promise<Response>): FetchLike =>
  (_url, { signal }) =>
    new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      respond().then(resolve, reject);
    });

describe('fetchText', () => {
  it('reads a body that arrives in slow chunks, as long as no pause reaches the idle bound', async () => {
    const text = await fetchText('https://example.test/data/moby-dick.txt', {
      fetch: fetchOf(async () => slowResponse(['Call me ', 'Ishmael', '. Some years ago'], 30)),
      idleMs: 200,
    });
    expect(text).toBe('Call me Ishmael. Some years ago');
  });

  it('gives up with a sentence when the server never answers', async () => {
    await expect(
      fetchText('https://example.test/data/moby-dick.txt?v=2', {
        fetch: fetchOf(() => new Promise<Response>(() => undefined)),
        idleMs: 100,
      }),
    ).rejects.toThrow(/^could not load moby-dick\.txt: the server sent nothing for 0 s$/);
  });

  it('gives up when the body stalls halfway, naming the file and the bound', async () => {
    await expect(
      fetchText('/data/moby-dick.txt', {
        fetch: fetchOf(async () => slowResponse(['Call me '], 10, true)),
        idleMs: 1500,
      }),
    ).rejects.toThrow('could not load moby-dick.txt: the server sent nothing for 2 s');
  });

  it('names the HTTP status and a network failure', async () => {
    await expect(
      fetchText('/data/us-births.json', { fetch: fetchOf(async () => new Response('gone', { status: 404 })) }),
    ).rejects.toThrow('could not load us-births.json (HTTP 404)');
    await expect(
      fetchText('/data/us-births.json', { fetch: fetchOf(() => Promise.reject(new TypeError('Failed to fetch'))) }),
    ).rejects.toThrow('could not load us-births.json (Failed to fetch)');
  });
});
