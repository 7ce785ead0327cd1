// Turns a run's data source into text the tasks can parse: fetches a site file, or reads the reader's own
// files after checking their size, so that an oversized upload is refused before it is read.
import { checkInputSize, DataError } from '../data/errors';
import type { TextFile } from '../data/imdb';
import type { DataSource } from './protocol';

/** The raw data of a run, before a task parses it. */
export type LoadedData =
  { kind: 'text'; name: string; text: string } | { kind: 'files'; files: TextFile[] } | { kind: 'none' };

/** Fetches a same-origin URL as text (in the worker: `fetch`; in Node tests: a file read). */
export type FetchText = (url: string) => Promise<string>;

/**
 * Loads a data source. Sizes are checked against the data layer's limit before any file is read.
 * @throws DataError for an oversized or unreadable reader file
 */
export async function loadData(source: DataSource, fetchText: FetchText): Promise<LoadedData> {
  switch (source.kind) {
    case 'none':
      return { kind: 'none' };
    case 'text':
      return { kind: 'text', name: source.name ?? 'the text', text: source.text };
    case 'url': {
      const name = source.url.split('/').pop() || source.url;
      return { kind: 'text', name, text: await fetchText(source.url) };
    }
    case 'files': {
      const total = source.files.reduce((bytes, f) => bytes + f.file.size, 0);
      checkInputSize(total, source.files.length === 1 ? source.files[0].path : `${source.files.length} files`);
      const files: TextFile[] = [];
      for (const { path, file } of source.files) {
        try {
          files.push({ path, text: await file.text() });
        } catch (error) {
          throw new DataError(
            `the file could not be read (${error instanceof Error ? error.message : String(error)})`,
            { file: path },
          );
        }
      }
      return { kind: 'files', files };
    }
  }
}
