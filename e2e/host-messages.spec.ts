// Messages for hosts: an embed page in <iframe sandbox="allow-scripts"> on another origin (the host on localhost, the
// course on 127.0.0.1, under the strict Content-Security-Policy) posts unrolled:ready with the widget's state and
// height, unrolled:resize when its content grows, unrolled:state when the reader changes it, and
// unrolled:run-finished when the char model's training run ends, unrolled:predict-answered when the reader answers the
// chapter question `?predict=` shows above the widget, and takes unrolled:set-state. The host is the example
// page documented in content/_embedding.md: its frame takes the posted height, its log lists the messages.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './support/browser';
import { trainCharModel } from './support/charModel';
import { documentedCsp } from './support/csp';
import { serveStatic } from './support/staticServer';

const DIST = process.env.E2E_DIST ?? 'dist';
const site = await serveStatic(DIST, { headers: { 'Content-Security-Policy': documentedCsp() } });

/** The example host page of content/_embedding.md, as the instructors page shows it. */
const documented = readFileSync('content/_embedding.md', 'utf8').match(
  /<!-- host-page:start[^>]*-->\s*```html\n([\s\S]*?)```\s*<!-- host-page:end -->/,
)![1];
const DOCUMENTED_SRC = 'https://course.example.org/embed/step-cell/';

/**
 * The host: the documented page with the frame's address replaced by `?src=`, and the test's own recorder after it
 * (every unrolled: message with its origin, in window.received), which the documented page does not need.
 */
const host = createServer((request, response) => {
  const src = new URL(request.url ?? '/', 'http://x').searchParams.get('src') ?? '';
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(
    documented.replace(DOCUMENTED_SRC, src.replaceAll('&', '&amp;').replaceAll('"', '&quot;')) +
      `<script>
        window.received = [];
        window.addEventListener('message', (event) => {
          const data = event.data;
          if (data && typeof data.type === 'string' && data.type.startsWith('unrolled:'))
            window.received.push({ origin: event.origin, data });
        });
      </script>`,
  );
});
await new Promise<void>((resolve) => host.listen(0, 'localhost', resolve));
const hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site.close();
  host.close();
});

type Received = { origin: string; data: { type: string; widget: string; height?: number; state?: object } };

describe('messages an embed page posts to its host', () => {
  it('ready with state and height, the frame sized by it, and state when the reader steps', async () => {
    const { context, page, problems } = await openPage(browser);
    const src = `${site.origin}/embed/step-cell/?step-cell.t=2`;
    await page.goto(`${hostOrigin}/?src=${encodeURIComponent(src)}`);
    const received = (): Promise<Received[]> =>
      page.evaluate(() => (window as unknown as { received: Received[] }).received);
    await page.waitForFunction(() =>
      (window as unknown as { received: Received[] }).received.some((m) => m.data.type === 'unrolled:ready'),
    );
    const ready = (await received()).find((m) => m.data.type === 'unrolled:ready')!;
    // A sandboxed frame has no origin: the host sees "null" and checks the message's shape, not its origin.
    expect(ready).toMatchObject({ origin: 'null', data: { widget: 'step-cell', state: { t: '2' } } });
    expect(ready.data.height).toBeGreaterThan(300);

    // The frame grows to what the page needs (the last height posted), so the widget shows without a scroll bar.
    await page.waitForFunction(() => {
      const frame = document.querySelector('iframe')!;
      const last = (window as unknown as { received: Received[] }).received.filter((m) => m.data.height).at(-1);
      return frame.clientHeight === last?.data.height;
    });
    const frame = (await (await page.$('iframe'))!.contentFrame())!;
    const { scrollHeight, clientHeight } = await frame.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      clientHeight: document.documentElement.clientHeight,
    }));
    expect(scrollHeight).toBeLessThanOrEqual(clientHeight + 1);

    await frame.getByRole('button', { name: /Next input/ }).click();
    await page.waitForFunction(() =>
      (window as unknown as { received: Received[] }).received.some(
        (m) => m.data.type === 'unrolled:state' && (m.data.state as { t?: string }).t === '3',
      ),
    );
    expect((await received()).every((m) => m.data.widget === 'step-cell')).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });

  it('run-finished when the char model’s run is cancelled, with its step and loss', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${hostOrigin}/?src=${encodeURIComponent(`${site.origin}/embed/char-model/`)}`);
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    await frame.locator('char-model .cm-status').waitFor();
    await trainCharModel(frame, 3);
    await frame.locator('char-model').getByRole('button', { name: 'Cancel', exact: true }).click();
    const handle = await page.waitForFunction(() =>
      (window as unknown as { received: Received[] }).received.find((m) => m.data.type === 'unrolled:run-finished'),
    );
    const finished = (await handle.jsonValue()) as Received;
    expect(finished.data).toMatchObject({ widget: 'char-model', status: 'cancelled' });
    const data = finished.data as unknown as { step: number; loss: number };
    expect(data.step).toBeGreaterThanOrEqual(3);
    expect(Number.isFinite(data.loss)).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });

  it('predict-answered when the reader answers the question ?predict= shows, right or wrong', async () => {
    const { context, page, problems } = await openPage(browser);
    const src = `${site.origin}/embed/step-cell/?predict=saturate-five-five`;
    await page.goto(`${hostOrigin}/?src=${encodeURIComponent(src)}`);
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    const question = frame.locator('#predict-saturate-five-five');
    await question.waitFor();
    await frame.waitForFunction(() => customElements.get('unrolled-predict') !== undefined);
    const answered = async (): Promise<Received['data'][]> =>
      (await page.evaluate(() => (window as unknown as { received: Received[] }).received))
        .filter((m) => m.data.type === 'unrolled:predict-answered')
        .map((m) => m.data);

    await question.getByLabel('All three', { exact: true }).check();
    await question.getByRole('button', { name: 'Commit my answer' }).click();
    // Committing alone tells the host nothing: the answer has not met its result yet.
    expect(await answered()).toEqual([]);
    await question.getByRole('button', { name: 'Run it in the widget' }).click();
    await expect.poll(answered).toHaveLength(1);
    // The widget ran the experiment in the frame (restarted on its preset), and the question shows it.
    await frame.waitForFunction(() => document.querySelector('step-cell .sc-position')?.textContent === 'Step 2 of 5');
    expect(await question.locator('.predict-verdict').innerText()).toMatch(/^✗ Not this time\./);

    await question.getByRole('button', { name: 'Answer again' }).click();
    await question.getByLabel('Only one', { exact: true }).check();
    await question.getByRole('button', { name: 'Commit my answer' }).click();
    await question.getByRole('button', { name: 'Show the answer without running' }).click();
    await expect.poll(answered).toHaveLength(2);
    expect(await answered()).toEqual([
      {
        type: 'unrolled:predict-answered',
        widget: 'step-cell',
        question: 'saturate-five-five',
        answer: 'All three',
        correct: false,
      },
      {
        type: 'unrolled:predict-answered',
        widget: 'step-cell',
        question: 'saturate-five-five',
        answer: 'Only one',
        correct: true,
      },
    ]);
    // The host's documented log lists it, as text.
    expect((await page.locator('#log li').allInnerTexts()).some((l) => l.startsWith('unrolled:predict-answered'))).toBe(
      true,
    );
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });

  it('set-state from the host restarts the widget with that state; bad messages are ignored with a warning', async () => {
    const { context, page, problems } = await openPage(browser);
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${hostOrigin}/?src=${encodeURIComponent(`${site.origin}/embed/step-cell/`)}`);
    const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
    const position = frame.locator('step-cell .sc-position');
    await position.waitFor();
    expect(await position.innerText()).toBe('Step 1 of 5');
    const send = (data: unknown): Promise<void> =>
      page.evaluate((d) => document.querySelector('iframe')!.contentWindow!.postMessage(d, '*'), data);

    await send({ type: 'unrolled:set-state', widget: 'step-cell', state: { t: 9 } });
    await send({ type: 'unrolled:set-state', widget: 'char-model', state: { hidden: 64 } });
    await send({ type: 'unrolled:play', widget: 'step-cell' });
    await send({ type: 'unrolled:set-state', widget: 'step-cell', state: { t: 3 } });
    await frame.waitForFunction(() => document.querySelector('step-cell .sc-position')?.textContent === 'Step 3 of 5');
    expect(warnings).toEqual([
      expect.stringMatching(/ignoring unrolled:set-state: .*step-cell\.t=9.* must be from 1 to 8/),
      expect.stringMatching(/ignoring unrolled:set-state: it is for “char-model”/),
      expect.stringMatching(/ignoring the message “unrolled:play”/),
    ]);
    // The restarted widget works on, and tells the host its new state.
    await frame.getByRole('button', { name: /Next input/ }).click();
    await frame.waitForFunction(() => document.querySelector('step-cell .sc-position')?.textContent === 'Step 4 of 5');
    await page.waitForFunction(() =>
      (window as unknown as { received: Received[] }).received.some(
        (m) => m.data.type === 'unrolled:state' && (m.data.state as { t?: string }).t === '4',
      ),
    );
    // The documented page's button sends set-state too, and its log lists what came back, as text.
    await page.getByRole('button', { name: 'Show step 3' }).click();
    await frame.waitForFunction(() => document.querySelector('step-cell .sc-position')?.textContent === 'Step 3 of 5');
    const log = await page.locator('#log li').allInnerTexts();
    expect(log[0]).toMatch(/^unrolled:ready \{"type":"unrolled:ready","widget":"step-cell"/);
    expect(log.at(-1)).toMatch(/^unrolled:state .*"state":\{"t":"3"\}/);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    await context.close();
  });
});
