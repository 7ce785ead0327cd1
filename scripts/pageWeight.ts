// Prints how much JavaScript each page of the built site loads, before any widget is scrolled into view and after
// every widget has mounted, raw and gzipped (issue 14's page-weight figures). Usage: npm run build && npm run weight [-- --files]
// (E2E_DIST=<dir> measures a build made with `astro build --outDir <dir>`, as the browser tests do.)
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { preview } from 'astro';
import { chromium, type Page } from 'playwright-core';
import { scrollThrough, sitePages, waitForWidgets, type SitePage } from '../e2e/support/pages';

/** The JavaScript one page loaded: each script file once, with its size as sent and gzipped at level 9. */
export interface PageWeight {
  page: string;
  /** After load, before scrolling: what every reader pays. */
  initial: { files: number; raw: number; gzip: number };
  /** After scrolling through the page and waiting for every widget to be defined. */
  mounted: { files: number; raw: number; gzip: number };
}

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** One script file and its size as sent and gzipped. */
interface ScriptFile {
  name: string;
  raw: number;
  gzip: number;
}

/** Every script file the site sent, by URL, fetched again from the server (shared across pages: files do not change). */
const bodies = new Map<string, Promise<Buffer>>();
const bodyOf = (url: string): Promise<Buffer> => {
  let body = bodies.get(url);
  if (!body) {
    body = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return Buffer.from(await r.arrayBuffer());
    });
    bodies.set(url, body);
  }
  return body;
};

/**
 * Collects the URLs of the page's scripts (a worker's own scripts are excluded: they load only when a run starts).
 * Sizes come from fetching each file again: Chromium may drop a large response body before it can be read.
 */
function scriptRecorder(page: Page): {
  totals: () => Promise<{ files: number; raw: number; gzip: number }>;
  files: () => Promise<ScriptFile[]>;
} {
  const urls = new Set<string>();
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'script' || request.serviceWorker()) return;
    if (/\.worker[-.]/.test(request.url())) return;
    urls.add(request.url());
  });
  const files = (): Promise<ScriptFile[]> =>
    Promise.all(
      [...urls].map(async (url) => {
        const body = await bodyOf(url);
        return {
          name: new URL(url).pathname.split('/').pop() ?? url,
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
        };
      }),
    );
  const totals = async (): Promise<{ files: number; raw: number; gzip: number }> => {
    const all = await files();
    return {
      files: all.length,
      raw: all.reduce((sum, f) => sum + f.raw, 0),
      gzip: all.reduce((sum, f) => sum + f.gzip, 0),
    };
  };
  return { totals, files };
}

async function measure(page: Page, origin: string, site: SitePage): Promise<PageWeight & { scripts: ScriptFile[] }> {
  const { totals, files } = scriptRecorder(page);
  await page.goto(origin + site.path, { waitUntil: 'networkidle' });
  const initial = await totals();
  await scrollThrough(page);
  await waitForWidgets(page);
  await page.waitForLoadState('networkidle');
  return { page: site.path, initial, mounted: await totals(), scripts: await files() };
}

/** A TCP port nothing listens on now. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

const kb = (bytes: number): string => (bytes / 1024).toFixed(1).padStart(7);

async function main(): Promise<void> {
  const port = await freePort();
  const outDir = process.env.E2E_DIST ? { outDir: process.env.E2E_DIST } : {};
  const server = await preview({
    root: process.cwd(),
    ...outDir,
    logLevel: 'error',
    server: { host: '127.0.0.1', port },
  });
  const origin = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const pages = (await sitePages(origin)).filter((p) => p.kind === 'chapter' || p.kind === 'home');
    console.log('JavaScript per page (KB): initial = after load, mounted = every widget scrolled into view');
    console.log(
      `${'page'.padEnd(40)} ${'initial'.padStart(7)} ${'gz'.padStart(7)}  ${'mounted'.padStart(7)} ${'gz'.padStart(7)}`,
    );
    // `--files`: also each page's scripts, largest first, to see where the bytes are.
    const listFiles = process.argv.includes('--files');
    const weights: PageWeight[] = [];
    for (const site of pages) {
      // A fresh context per page: nothing cached from the page before.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      const { scripts, ...weight } = await measure(page, origin, site);
      weights.push(weight);
      const { initial: i, mounted: m } = weight;
      console.log(`${site.path.padEnd(40)} ${kb(i.raw)} ${kb(i.gzip)}  ${kb(m.raw)} ${kb(m.gzip)}`);
      if (listFiles)
        for (const f of scripts.sort((a, b) => b.gzip - a.gzip))
          console.log(`    ${f.name.padEnd(56)} ${kb(f.raw)} ${kb(f.gzip)}`);
      await context.close();
    }
    console.log('WEIGHT ' + JSON.stringify(weights));
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
