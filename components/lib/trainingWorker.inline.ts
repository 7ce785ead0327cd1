// How embed pages and one-file widgets start the training worker: from its source text, carried inside their
// classic script, through a blob: URL. A page without an origin (a sandboxed iframe, a file:// page) cannot start a
// worker from the site's URL, but can from a blob it made itself. Data files a one-file widget carries inline
// (`<script type="application/json" data-unrolled-file="name">`) are handed to the worker ahead of its code.
import workerSource from 'virtual:unrolled/training-worker';
import type { WorkerLike } from './trainingWorker';

export type { WorkerLike };

let scriptUrl: string | null = null;

/** The worker's script: the inline data files as `self.unrolledData`, then the worker itself; made once a page. */
function workerScriptUrl(): string {
  if (scriptUrl) return scriptUrl;
  const files: Record<string, string> = {};
  for (const node of document.querySelectorAll<HTMLScriptElement>('script[data-unrolled-file]')) {
    files[node.dataset.unrolledFile ?? ''] = JSON.parse(node.textContent ?? '""') as string;
  }
  const prelude = Object.keys(files).length ? `self.unrolledData=${JSON.stringify(files)};\n` : '';
  scriptUrl = URL.createObjectURL(new Blob([prelude, workerSource], { type: 'text/javascript' }));
  return scriptUrl;
}

/** The engine's training worker, started from a blob: URL of its bundled source. */
export function createTrainingWorker(): WorkerLike {
  return new Worker(workerScriptUrl(), { name: 'unrolled-trainer' });
}
