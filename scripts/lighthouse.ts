// Lighthouse's performance score of every chapter of the built site, with its mobile preset (a mid-range phone on a
// slow 4G connection, simulated), run against the system Chromium. Not part of npm test: it takes about half a minute
// a page, and its scores move with the machine's load. Usage: npm run build && npm run lighthouse [-- <path>…]
import { createServer } from 'node:net';
import { preview } from 'astro';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { sitePages } from '../e2e/support/pages';

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

/** The audits behind the score, as Lighthouse names them, with how each is shown. */
const METRICS: [id: string, label: string][] = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
];

async function main(): Promise<void> {
  const port = await freePort();
  const server = await preview({ root: process.cwd(), logLevel: 'error', server: { host: '127.0.0.1', port } });
  const origin = `http://127.0.0.1:${server.port}`;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const asked = process.argv.slice(2).filter((a) => a.startsWith('/'));
    const pages = (await sitePages(origin))
      .filter((p) => p.kind === 'chapter' || p.kind === 'home')
      .filter((p) => asked.length === 0 || asked.includes(p.path));
    console.log('Lighthouse performance, mobile preset (simulated slow 4G, 4× CPU slowdown)');
    console.log(`${'page'.padEnd(40)} score  ${METRICS.map(([, label]) => label.padStart(8)).join('')}`);
    const scores: { page: string; score: number }[] = [];
    for (const site of pages) {
      const result = await lighthouse(
        origin + site.path,
        { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json' },
        undefined,
      );
      if (!result) throw new Error(`lighthouse returned nothing for ${site.path}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`${site.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const score = Math.round((lhr.categories.performance.score ?? 0) * 100);
      scores.push({ page: site.path, score });
      const values = METRICS.map(([id]) => (lhr.audits[id]?.displayValue ?? '?').replace(/\u00a0/g, ' ').padStart(8));
      console.log(`${site.path.padEnd(40)} ${String(score).padStart(5)}  ${values.join('')}`);
    }
    console.log('LIGHTHOUSE ' + JSON.stringify(scores));
  } finally {
    chrome.kill();
    await server.stop();
  }
}

await main();
