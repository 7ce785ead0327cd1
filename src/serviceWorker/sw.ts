// The course's service worker (built into sw.js by scripts/build/offline.mjs): it precaches the whole built course,
// pages, scripts, styles, fonts, data and the search index, so that after one visit every chapter, widget and search
// works offline. A new deploy installs beside the old one and waits until the page asks it to take over
// (components/lib/offline.ts shows the reader a notice with a Reload button).
import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & {
  /** The files to precache, relative to this script, with a revision where the name carries no hash (injected at build). */
  __WB_MANIFEST: (PrecacheEntry | string)[];
};

cleanupOutdatedCaches();
// Widgets keep their state in the query (?char-model.hidden=64): the same cached page answers for any query.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html' });

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first visit's page is served from the cache from then on too, without a reload.
self.addEventListener('activate', (event: ExtendableEvent) => event.waitUntil(self.clients.claim()));
