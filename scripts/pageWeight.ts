// Prints how much JavaScript each page of the built site loads, before any widget is scrolled into view and after
// every widget has mounted, raw and gzipped (issue 14's page-weight figures). Usage: npm run build && npm run weight [-- --files]
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

/** Collects the page's script responses (a worker's own scripts are excluded: they load only when a run starts). */
function scriptRecorder(page: Page): {
  totals: () => { files: number; raw: number; gzip: number };
  files: () => ScriptFile[];
} {
  const bodies = new Map<string, Buffer>();
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'script' || request.serviceWorker()) return;
    if (/\.worker[-.]/.test(request.url())) return;
    void response
      .body()
      .then((body) => bodies.set(request.url(), body))
      .catch(() => undefined);
  });
  const files = (): ScriptFile[] =>
    [...bodies].map(([url, body]) => ({
      name: new URL(url).pathname.split('/').pop() ?? url,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
    }));
  const totals = (): { files: number; raw: number; gzip: number } => {
    const all = files();
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
  const initial = totals();
  await scrollThrough(page);
  await waitForWidgets(page);
  await page.waitForLoadState('networkidle');
  return { page: site.path, initial, mounted: totals(), scripts: files() };
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
  const server = await preview({ root: process.cwd(), logLevel: 'error', server: { host: '127.0.0.1', port } });
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
