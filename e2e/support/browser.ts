// Shared browser-test helpers: launch the system Chromium, open pages while collecting console errors and failed requests.
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type Request } from 'playwright-core';
import { inject } from 'vitest';

/** The base URL of the served production build, e.g. http://127.0.0.1:4399 */
export const baseURL = (): string => inject('baseURL');

/** Launch headless Chromium with the flags this sandbox needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** Everything a page reported that a reader would count as broken. */
export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  /** Content-Security-Policy violations reported in the page or any of its frames: "directive: blocked URI". */
  cspViolations: string[];
}

/** Open a fresh context, record console errors, uncaught exceptions and failed or 4xx/5xx requests. */
export async function openPage(
  browser: Browser,
  options: {
    width?: number;
    height?: number;
    colorScheme?: 'light' | 'dark';
    reducedMotion?: 'reduce' | 'no-preference';
    /**
     * Let the course's service worker register (offline tests). Blocked otherwise, so that each test's fresh context
     * does not precache the whole course, and request interception (`route`) sees every request.
     */
    serviceWorkers?: boolean;
  } = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    serviceWorkers: options.serviceWorkers ? 'allow' : 'block',
  });
  const page = await context.newPage();
  // The debugger has to be on before a hang to pause one (enabling it on a stuck page closes the page).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Debugger.enable');
  debuggers.set(page, cdp);
  // Fail a stuck step with its own message well before the test's timeout.
  page.setDefaultTimeout(45_000);
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], cspViolations: [] };
  // Reported from every document the context opens (frames too), before any of its own scripts run.
  await context.exposeBinding('reportCspViolation', (_source, text: string) => problems.cspViolations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation?: (text: string) => void }).reportCspViolation;
      report?.(
        `${event.effectiveDirective}: ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  // A request of a document the test navigated away from (a reload while a worker fetched) is aborted by the browser,
  // not broken: requests are numbered, and an abort of one made before the latest top-level navigation is left out.
  let requests = 0;
  let lastNavigation = -1;
  const numbers = new WeakMap<Request, number>();
  page.on('request', (request) => {
    numbers.set(request, ++requests);
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) lastNavigation = requests;
  });
  // The browser's own fetch of the tab's icon, which a reload can cut off at any moment, is not the page's content: its
  // abort is left out too (a missing icon still fails as a 404 below).
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    const abortedByNavigation =
      (numbers.get(request) ?? Infinity) < lastNavigation ||
      /\/favicon\.(svg|ico|png)$/.test(new URL(request.url()).pathname);
    if (error === 'net::ERR_ABORTED' && abortedByNavigation) return;
    problems.failedRequests.push(`${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} (HTTP ${response.status()})`);
  });
  return { context, page, problems };
}

/**
 * Go to `path`, scroll the widget `tag` into view (which loads its code), and wait until every `ready` selector
 * inside it matches: the widget has drawn.
 */
export async function openWidget(page: Page, path: string, tag: string, ...ready: string[]): Promise<void> {
  await page.goto(baseURL() + path);
  await page.locator(tag).scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (selectors) => selectors.every((s) => document.querySelector(s) !== null),
    ready.map((s) => `${tag} ${s}`),
  );
}

/**
 * Reject with `what` if `promise` has not settled after `ms` (page.evaluate has no timeout of its own). Given the
 * page, the error carries the JavaScript stack its main thread was running when paused, to show where it hangs.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, page?: Page): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const stack = page ? pausedStack(page) : Promise.resolve('');
      void stack.then((where) =>
        reject(new Error(`${what}: no answer after ${ms / 1000} s (is the page's main thread stuck?)${where}`)),
      );
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Each open page's DevTools session with the debugger enabled (see openPage). */
const debuggers = new WeakMap<Page, CDPSession>();

/** Pause the page's JavaScript through the DevTools protocol and describe the top frames (or why it could not). */
async function pausedStack(page: Page): Promise<string> {
  const cdp = debuggers.get(page);
  if (!cdp) return '\n  (no debugger session on this page: open it with openPage)';
  const attempt = (async () => {
    type Frame = { functionName: string; url: string; location: { lineNumber: number; columnNumber?: number } };
    const paused = new Promise<{ callFrames: Frame[] }>((resolve) =>
      cdp.once('Debugger.paused', (event) => resolve(event)),
    );
    await cdp.send('Debugger.pause');
    const { callFrames } = await paused;
    const frames = callFrames
      .slice(0, 15)
      .map(
        (f) =>
          `\n    at ${f.functionName || '(anonymous)'} ${f.url}:${f.location.lineNumber + 1}:${(f.location.columnNumber ?? 0) + 1}`,
      );
    await cdp.send('Debugger.resume').catch(() => undefined);
    return `\n  paused main thread:${frames.join('') || ' (no JavaScript frames)'}`;
  })();
  const giveUp = new Promise<string>((resolve) =>
    setTimeout(
      () =>
        resolve(
          '\n  (no JavaScript ran within 10 s of a debugger pause: the main thread is idle, or busy outside JavaScript)',
        ),
      10_000,
    ),
  );
  return Promise.race([attempt, giveUp]).catch((error: unknown) => `\n  (pausing failed: ${String(error)})`);
}
