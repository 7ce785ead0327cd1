// Astro integration (listed last, after the search index is written): builds the service worker into sw.js with the
// list of files it precaches, so that after one visit the whole course works offline (src/serviceWorker/sw.ts).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

const SOURCE = fileURLToPath(new URL('../../src/serviceWorker/sw.ts', import.meta.url));

/**
 * Files a reader never needs from this origin's cache: the embed pages with their bundles and one-file downloads
 * (2.5 MB; framed on another site they are not this worker's to serve, and the one-file copies are the offline way to
 * embed), what only pages without an origin load (data twins, KaTeX's font script), the search UIs and highlighter the
 * site does not use, host configuration, and the worker itself.
 */
const SKIP = [
  /^embed\//,
  /^data\/.+\.js$/,
  /^fonts\/katex\/katex-fonts\.js$/,
  /^pagefind\/pagefind-(component-ui|modular-ui|highlight)\./,
  /^_headers$/,
  /^sw\.js$/,
];

async function files(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

/**
 * The precache list: each file's URL relative to sw.js (so any base path works) and a revision, the hash of its
 * contents, except for Vite's assets, whose names already carry one.
 * @returns {Promise<{ entries: { url: string; revision: string | null }[]; bytes: number }>}
 */
export async function precacheManifest(site) {
  const entries = [];
  let bytes = 0;
  for (const path of (await files(site)).sort()) {
    const url = relative(site, path).split(sep).join('/');
    if (SKIP.some((pattern) => pattern.test(url))) continue;
    const contents = await readFile(path);
    bytes += contents.length;
    const hashed = url.startsWith('_astro/');
    entries.push({ url, revision: hashed ? null : createHash('sha256').update(contents).digest('hex').slice(0, 16) });
  }
  return { entries, bytes };
}

/**
 * What `astro dev` answers for sw.js: a worker that retires the one a previewed build left on this origin (`astro
 * preview` and `astro dev` share 127.0.0.1:4321), which would otherwise keep answering with the built pages. The built
 * page that worker serves checks sw.js for an update, gets this one, which takes over at once, deletes the saved copy,
 * unregisters and reloads the open pages, now from the dev server.
 */
export const RETIRING_WORKER = `// Development: retire the offline copy a previewed build left here (scripts/build/offline.mjs).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) await caches.delete(key);
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
`;

/** @returns {import('astro').AstroIntegration} */
export default function offline() {
  let base = '/';
  return {
    name: 'unrolled:offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          if (new URL(request.url ?? '/', 'http://x').pathname !== `${base}sw.js`) return next();
          response.setHeader('Content-Type', 'text/javascript');
          response.setHeader('Cache-Control', 'no-store');
          response.end(RETIRING_WORKER);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { entries, bytes } = await precacheManifest(site);
        const result = await build({
          entryPoints: [SOURCE],
          bundle: true,
          format: 'iife',
          minify: true,
          target: 'es2022',
          legalComments: 'none',
          write: false,
          define: { 'process.env.NODE_ENV': '"production"' },
        });
        const code = result.outputFiles[0].text;
        if (!code.includes('self.__WB_MANIFEST'))
          throw new Error('offline: the service worker lost self.__WB_MANIFEST');
        await writeFile(join(site, 'sw.js'), code.replace('self.__WB_MANIFEST', JSON.stringify(entries)));
        logger.info(`service worker precaches ${entries.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
      },
    },
  };
}
