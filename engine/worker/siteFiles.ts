// How the worker reads one of the site's data files (a `{ kind: 'url' }` source): from a copy the page handed over
// with the worker's code (a one-file widget), through a classic script where the worker has no origin (a sandboxed
// iframe: there `fetch` is a CORS request the site may refuse, while a classic script load is not), else by `fetch`.
import type { FetchText } from './data';

/** The parts of the worker global the reader uses (the real `self`, or a stand-in in tests). */
export interface WorkerScope {
  /** `'null'` in a worker started from a page without an origin. */
  readonly origin: string;
  /** Data files by name, set ahead of the worker's code by a one-file widget or by a data file's `.js` twin. */
  unrolledData?: Record<string, string>;
  importScripts(...urls: string[]): void;
  fetch(url: string): Promise<Pick<Response, 'ok' | 'status' | 'text'>>;
}

/** The file name a data URL ends in: `.../data/moby-dick.txt` → `moby-dick.txt`. */
export function dataFileName(url: string): string {
  return url.split(/[?#]/)[0].split('/').pop() ?? url;
}

/**
 * A `FetchText` for site files. Every file under `/data/` has a twin `<file>.js` (written by the build) that runs
 * `self.unrolledData["<file>"] = "<its text>"`, for workers without an origin.
 * @param download how to fetch a file over the network (the worker's gives up on a stalled request); by default
 * `scope.fetch`
 */
export function siteFileReader(scope: WorkerScope, download?: FetchText): FetchText {
  return async (url) => {
    const name = dataFileName(url);
    const carried = scope.unrolledData?.[name];
    if (carried !== undefined) return carried;
    if (scope.origin === 'null') {
      try {
        scope.importScripts(`${url}.js`);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(
          `could not load ${name}: this page has no origin (a sandboxed iframe or a local file), ` +
            `so the data comes from ${url}.js, which did not load (${why})`,
          { cause: error },
        );
      }
      const loaded = scope.unrolledData?.[name];
      if (loaded === undefined) throw new Error(`could not load ${name}: ${url}.js did not provide it`);
      return loaded;
    }
    if (download) return download(url);
    const response = await scope.fetch(url);
    if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
    return response.text();
  };
}
