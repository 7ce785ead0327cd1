// The worker's reader of site files: a carried copy wins, a worker without an origin loads the file's .js twin, any
// other worker fetches, and each failure says which file and why.
import { describe, expect, it } from 'vitest';
import { dataFileName, siteFileReader, type WorkerScope } from './siteFiles';

const URL_ = 'http://127.0.0.1:4321/course/data/moby-dick.txt';

function scope(over: Partial<WorkerScope> & { twin?: string | null } = {}): WorkerScope & { loaded: string[] } {
  const loaded: string[] = [];
  const s: WorkerScope & { loaded: string[] } = {
    origin: 'http://127.0.0.1:4321',
    loaded,
    importScripts(url: string) {
      loaded.push(url);
      if (over.twin === null) throw new Error('NetworkError');
      s.unrolledData = { ...s.unrolledData, ...(over.twin === undefined ? {} : { 'moby-dick.txt': over.twin }) };
    },
    fetch: (url: string) => {
      loaded.push(`fetch ${url}`);
      return Promise.resolve({ ok: true, status: 200, text: () => Promise.resolve('fetched') });
    },
    ...over,
  };
  return s;
}

describe('siteFileReader', () => {
  it('names a data file by the last segment of its URL', () => {
    expect(dataFileName(URL_)).toBe('moby-dick.txt');
    expect(dataFileName(`${URL_}?v=2#x`)).toBe('moby-dick.txt');
  });

  it('fetches in a worker with an origin', async () => {
    const s = scope();
    expect(await siteFileReader(s)(URL_)).toBe('fetched');
    expect(s.loaded).toEqual([`fetch ${URL_}`]);
  });

  it('uses a copy carried with the worker before anything else', async () => {
    const s = scope({ origin: 'null', unrolledData: { 'moby-dick.txt': 'carried' } });
    expect(await siteFileReader(s)(URL_)).toBe('carried');
    expect(s.loaded).toEqual([]);
  });

  it('loads the .js twin in a worker without an origin', async () => {
    const s = scope({ origin: 'null', twin: 'from the twin' });
    expect(await siteFileReader(s)(URL_)).toBe('from the twin');
    expect(s.loaded).toEqual([`${URL_}.js`]);
  });

  it('says why when the twin does not load or does not provide the file', async () => {
    await expect(siteFileReader(scope({ origin: 'null', twin: null }))(URL_)).rejects.toThrow(
      /no origin .*\/moby-dick\.txt\.js, which did not load \(NetworkError\)/,
    );
    await expect(siteFileReader(scope({ origin: 'null' }))(URL_)).rejects.toThrow(/did not provide it/);
  });

  it('reports an HTTP error with its status', async () => {
    const s = scope({ fetch: () => Promise.resolve({ ok: false, status: 404, text: () => Promise.resolve('') }) });
    await expect(siteFileReader(s)(URL_)).rejects.toThrow('HTTP 404');
  });
});
