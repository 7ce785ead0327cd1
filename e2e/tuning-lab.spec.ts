// The tuning lab in a browser: a grid of 4 tiny trials completes on 2 workers and exports a CSV whose rows are the
// table's; the main thread has no task over 50 ms of its own while 2 workers train; cancel ends every worker; a worker
// that dies fails only its trial; bad input is refused with a sentence; it works by keyboard alone, passes axe in
// both themes and fits 360 px. Runs stay tiny (hidden 8–32, 20–200 steps) so the spec takes a minute or two.
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AXE_OPTIONS } from './support/axe';
import { baseURL, launch, openPage, openWidget as openWidgetAt } from './support/browser';
import { longestMainThreadCpuMs } from './support/mainThread';

/** Four trials of 20 steps: hidden 8 or 12, GRU or LSTM, evaluated at steps 10 and 20. */
const TINY =
  '?tuning-lab.hidden=8,12&tuning-lab.layers=1&tuning-lab.lr=0.01&tuning-lab.cell=gru,lstm&tuning-lab.steps=20&tuning-lab.every=10';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Before any script: report 3 cores (so the lab makes 2 workers, as on a 3-core machine), and keep every Worker the
 * page makes in `window.workers`, each with a `terminated` flag.
 */
const instrument = (page: Page): Promise<unknown> =>
  page.addInitScript(() => {
    Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 3 });
    const made: (Worker & { terminated?: boolean })[] = [];
    (window as unknown as { workers: typeof made }).workers = made;
    const Native = window.Worker;
    window.Worker = class extends Native {
      terminated = false;
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        made.push(this);
      }
      override terminate(): void {
        this.terminated = true;
        super.terminate();
      }
    };
  });

const workers = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { workers: { terminated: boolean }[] }).workers.map((w) => ({ terminated: w.terminated })),
  );

const openLab = (page: Page, query: string): Promise<void> =>
  openWidgetAt(page, `/embed/tuning-lab/${query}`, 'tuning-lab', '.tl-status', '.tl-budget-line');

const lab = (page: Page) => page.locator('tuning-lab');
const button = (page: Page, name: string) => lab(page).getByRole('button', { name, exact: true });
const status = (page: Page): Promise<string> => lab(page).locator('.tl-status').innerText();
const waitForStatus = (page: Page, start: RegExp, timeout = 60_000): Promise<unknown> =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('tuning-lab .tl-status')?.textContent ?? ''),
    start.source,
    { timeout },
  );

/** The results table's body as text cells, in the order shown. */
const tableRows = (page: Page): Promise<string[][]> =>
  lab(page)
    .locator('.tl-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));

describe('tuning-lab widget', () => {
  it('trains a grid of 4 tiny trials on 2 workers and exports a CSV whose rows are the table’s', async () => {
    const { context, page, problems } = await openPage(browser);
    await instrument(page);
    await openLab(page, TINY);
    expect(await lab(page).locator('.widget-help').innerText()).toContain('2 train at once');
    expect(await lab(page).locator('.tl-budget-line').innerText()).toMatch(/^Budget: 4 trials × 20 steps = 80 steps/);
    await button(page, 'Start search').click();
    // Both workers train at once at some point.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('tuning-lab .tl-lanes li')].filter((li) => /trial \d/.test(li.textContent))
          .length === 2,
      undefined,
      { timeout: 60_000 },
    );
    await waitForStatus(page, /^Finished \(grid search\) · 4 of 4 trials done · 80 of 80 steps/);
    const rows = await tableRows(page);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.slice(0, 6))).toEqual(
      [
        ['1', '1', 'GRU', '8', '1', '0.01'],
        ['2', '1', 'LSTM', '8', '1', '0.01'],
        ['3', '1', 'GRU', '12', '1', '0.01'],
        ['4', '1', 'LSTM', '12', '1', '0.01'],
      ].map((r, i) => (rows[i][0].includes('best') ? [`${r[0]} ★ best`, ...r.slice(1)] : r)),
    );
    for (const r of rows) expect(r[11]).toBe('finished');
    expect(rows.filter((r) => r[0].includes('★ best'))).toHaveLength(1);
    // The validation loss fell below uniform guessing over 75 characters (ln 75 ≈ 4.32) in every trial.
    for (const r of rows) expect(Number(r[8])).toBeLessThan(Math.log(75));

    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Download CSV').click()]);
    expect(download.suggestedFilename()).toBe('tuning-lab-char-model-grid.csv');
    const csv = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
    expect(csv[0]).toBe(
      'trial,rung,hidden_size,num_layers,lr,cell,parameters,steps,best_val_loss,best_step,perplexity,status,overfit_from_step,seconds',
    );
    expect(csv).toHaveLength(5);
    // Each CSV line is its table row: same trial, settings, parameters, steps, loss (to the table's 3 decimals), status.
    const byTrial = new Map(rows.map((r) => [r[0].split(' ')[0], r]));
    for (const line of csv.slice(1)) {
      const [trial, rung, hidden, layers, lr, cell, params, steps, loss, bestStep, , state] = line.split(',');
      const row = byTrial.get(trial)!;
      expect([rung, cell.toUpperCase(), hidden, layers, lr]).toEqual([row[1], row[2], row[3], row[4], row[5]]);
      expect(Number(params)).toBe(Number(row[6].replace(/,/g, '')));
      expect([steps, bestStep, state]).toEqual([row[7], row[9], row[11]]);
      expect(Number(loss).toFixed(3)).toBe(row[8]);
    }
    const [json] = await Promise.all([page.waitForEvent('download'), button(page, 'Download JSON').click()]);
    const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as {
      search: { workers: number };
      trials: { trial: number; evals: { step: number }[]; config: { hiddenSize: number } }[];
    };
    expect(exported.search.workers).toBe(2);
    expect(exported.trials.map((t) => t.evals.map((e) => e.step))).toEqual([
      [10, 20],
      [10, 20],
      [10, 20],
      [10, 20],
    ]);
    // The best trial opens in the training lab with its settings.
    const best = rows.find((r) => r[0].includes('best'))!;
    const href = await lab(page)
      .getByRole('link', { name: /in the training lab/ })
      .getAttribute('href');
    expect(href).toContain(`training-lab.hidden=${best[3]}`);
    expect(href).toContain(`training-lab.cell=${best[2].toLowerCase()}`);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  it('keeps the main thread free while 2 workers train, and cancel ends every worker', async () => {
    const { context, page, problems } = await openPage(browser);
    await instrument(page);
    await openLab(
      page,
      '?tuning-lab.hidden=24,32&tuning-lab.layers=1&tuning-lab.lr=0.003&tuning-lab.cell=gru,lstm&tuning-lab.steps=3000&tuning-lab.every=40',
    );
    await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
    await button(page, 'Start search').click();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('tuning-lab .tl-lanes li')].filter((li) => /step \d/.test(li.textContent))
          .length === 2,
      undefined,
      { timeout: 60_000 },
    );
    // Train for a while, through evaluations, status updates and chart redraws.
    await page.waitForFunction(
      () =>
        document.querySelector('tuning-lab .tl-chart svg') !== null &&
        Number(
          /(\d+) of [\d,]+ steps/.exec(document.querySelector('tuning-lab .tl-status')?.textContent ?? '')?.[1] ?? 0,
        ) >= 120,
      undefined,
      { timeout: 90_000 },
    );
    const trace = await browser.stopTracing();
    const load = loadavg()[0] / cpus().length;
    expect(await status(page), 'still searching when Cancel is pressed').toMatch(/^Searching/);
    await button(page, 'Pause').click();
    await waitForStatus(page, /^Paused/);
    // Steps a worker took before the pause reached it still arrive; each worker then confirms where it stopped.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('tuning-lab .tl-lanes li')].filter((li) =>
          /paused at step \d/.test(li.textContent),
        ).length === 2,
      undefined,
      { timeout: 30_000 },
    );
    const paused = await lab(page)
      .locator('.tl-bar')
      .evaluate((bar: HTMLProgressElement) => bar.value);
    await page.waitForTimeout(800);
    expect(
      await lab(page)
        .locator('.tl-bar')
        .evaluate((bar: HTMLProgressElement) => bar.value),
    ).toBe(paused);
    await button(page, 'Resume').click();
    await waitForStatus(page, /^Searching/);
    await button(page, 'Cancel').click();
    await waitForStatus(page, /^Cancelled/);
    // Every worker the page made (the two of the pool, and the one that measured this device) has been terminated.
    await expect.poll(async () => (await workers(page)).every((w) => w.terminated)).toBe(true);
    expect((await workers(page)).length).toBeGreaterThanOrEqual(2);
    await expect
      .poll(async () => (await tableRows(page)).map((r) => r[11]).filter((s) => !/^stopped at step \d+$/.test(s)))
      .toEqual([]);
    expect(await button(page, 'Search again').isEnabled()).toBe(true);
    const { longest, tasks } = longestMainThreadCpuMs(trace);
    expect(tasks).toBeGreaterThan(10);
    console.log(
      `tuning-lab: longest main-thread task ${longest.toFixed(1)} ms of CPU with 2 workers training (load ${load.toFixed(1)} per core)`,
    );
    expect(longest).toBeLessThan(50);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('marks the trial of a worker that died as failed, says so, and finishes the search', async () => {
    const { context, page, problems } = await openPage(browser);
    await instrument(page);
    await openLab(page, TINY.replace('steps=20', 'steps=300').replace('every=10', 'every=100'));
    // The time estimate is there once this device's speed was measured: that worker is gone, only the pool's live.
    await page.waitForFunction(
      () => /on this device/.test(document.querySelector('tuning-lab .tl-budget-line')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    await button(page, 'Start search').click();
    await page.waitForFunction(
      () => /Worker 1: trial 1 .* step [1-9]/.test(document.querySelector('tuning-lab .tl-lanes')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    // The first live worker is the pool's first (the one that measured this device has been terminated).
    await page.evaluate(() => {
      const all = (window as unknown as { workers: (Worker & { terminated: boolean })[] }).workers;
      const live = all.filter((w) => !w.terminated);
      live[0].terminate();
    });
    await waitForStatus(page, /^Finished/, 120_000);
    const rows = await tableRows(page);
    expect(rows.filter((r) => /^failed at step \d+$/.test(r[11]))).toHaveLength(1);
    expect(rows.filter((r) => r[11] === 'finished')).toHaveLength(3);
    expect(await lab(page).locator('.tl-alert').innerText()).toMatch(
      /^Trial \d failed: the training worker stopped answering \(no message for \d+ s\).* It is marked in the table; the other trials carry on\.$/,
    );
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('refuses bad input with a sentence and keeps working: a bad list, a grid over 200 trials, a bad shared link', async () => {
    const { context, page } = await openPage(browser);
    await instrument(page);
    await openLab(page, '?tuning-lab.hidden=64,99999&tuning-lab.method=bayes&tuning-lab.steps=20&tuning-lab.every=10');
    expect(await lab(page).locator('.widget-notice').first().innerText()).toBe(
      '“tuning-lab.method=bayes” must be one of grid, random, halving; using the default instead. ' +
        '“tuning-lab.hidden=64,99999” each entry must be from 8 to 512 (“99999” is not); using the default instead.',
    );
    const hidden = lab(page).getByLabel('Hidden sizes');
    expect(await hidden.inputValue()).toBe('64,128,256');
    await hidden.fill('64,abc');
    await hidden.press('Enter');
    await expect
      .poll(() => lab(page).locator('.widget-notice').first().innerText())
      .toBe(
        'Hidden sizes: “64,abc” each entry must be a whole number from 8 to 512 (“abc” is not); keeping 64,128,256.',
      );
    expect(await hidden.inputValue()).toBe('64,128,256');
    await hidden.fill('8,16,32,64,128,256');
    await hidden.press('Enter');
    await lab(page).getByLabel('Learning rates').fill('0.1,0.03,0.01,0.003,0.001');
    await lab(page).getByLabel('Learning rates').press('Enter');
    await expect
      .poll(() => lab(page).locator('.tl-budget-line').innerText())
      .toMatch(/^Budget: 180 trials × 20 steps = 3,600 steps/);
    await lab(page).getByLabel('Layers').fill('1,2,3,4');
    await lab(page).getByLabel('Layers').press('Enter');
    await expect
      .poll(() => lab(page).locator('.tl-budget-line').innerText())
      .toBe('This grid has 240 trials, more than the 200 a search may run in a browser; remove some values.');
    await button(page, 'Start search').click();
    expect(await lab(page).locator('.tl-alert').innerText()).toBe(
      'This grid has 240 trials, more than the 200 a search may run in a browser; remove some values. Nothing was started.',
    );
    expect(await status(page)).toMatch(/^Ready/);
    // The last refused cell box is put back, with a sentence.
    await lab(page).getByLabel('GRU').uncheck();
    await lab(page).getByLabel('LSTM').click();
    expect(await lab(page).getByLabel('LSTM').isChecked()).toBe(true);
    expect(await lab(page).locator('.widget-notice').first().innerText()).toBe(
      'Keep at least one cell type: a search needs something to try.',
    );
    // The address holds the reader's choices, so the link can be shared.
    expect(decodeURIComponent(page.url())).toContain('tuning-lab.layers=1,2,3,4');
    await context.close();
  });

  it('works by keyboard alone: settings, start, pause, resume, cancel, sort', async () => {
    const { context, page } = await openPage(browser);
    await instrument(page);
    await openLab(page, TINY.replace('steps=20', 'steps=2000').replace('every=10', 'every=500'));
    await lab(page).getByLabel('Grid search').focus();
    /** Press Tab until the focused element's text is `text`, at most 40 times. */
    const focusByText = async (text: string): Promise<void> => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) return;
      }
      throw new Error(`Tab never reached “${text}”`);
    };
    // Arrow keys move between the method radios.
    await page.keyboard.press('ArrowRight');
    expect(await lab(page).getByLabel('Random search').isChecked()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    expect(await lab(page).getByLabel('Grid search').isChecked()).toBe(true);
    await focusByText('Start search');
    await page.keyboard.press('Enter');
    await waitForStatus(page, /^Searching/);
    await focusByText('Pause');
    await page.keyboard.press('Space');
    await waitForStatus(page, /^Paused/);
    await page.keyboard.press('Space');
    await waitForStatus(page, /^Searching/);
    await focusByText('Cancel');
    await page.keyboard.press('Enter');
    await waitForStatus(page, /^Cancelled/);
    // Sort the table by hidden size, descending, from its column heading.
    await lab(page).getByRole('button', { name: 'hidden', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const header = lab(page).locator('th', { has: page.getByRole('button', { name: 'hidden', exact: true }) });
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect((await tableRows(page)).map((r) => r[3])).toEqual(['12', '12', '8', '8']);
    // Focus is visible on the lab's buttons.
    await lab(page).getByRole('button', { name: 'Search again' }).focus();
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation with results shown, ${colorScheme} theme, and fits 360 px`, async () => {
      const { context, page } = await openPage(browser, { colorScheme, width: 360 });
      await instrument(page);
      await openLab(page, TINY);
      await button(page, 'Start search').click();
      await waitForStatus(page, /^Finished/);
      await lab(page).locator('.tl-details summary').click();
      const results = await new AxeBuilder({ page }).include('tuning-lab').options(AXE_OPTIONS).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      expect(serious).toEqual([]);
      // Nothing but the tables' own scroll regions is wider than the phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(360);
      const wrap = lab(page).locator('.tl-results .tl-table-wrap');
      expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await wrap.getAttribute('tabindex')).toBe('0');
      await context.close();
    });
  }
});

describe('tuning-lab and chapter 8’s Predict questions', () => {
  it('runs chapter 8’s successive-halving question in the lab, counts its trials in the question, and reveals when cancelled', async () => {
    // The whole search takes minutes (the chapter says so on the button); this checks the wiring: the lab restarts on the
    // preset and trains, the question follows its trials, a cancelled search answers nothing, and the stated answer
    // then shows beside the reader's. chapter.test.ts and searches.test.ts check the answer the finished search gives.
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${baseURL()}/tuning/`);
    const question = page.locator('#predict-halving-vs-random');
    await question.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => customElements.get('unrolled-predict') !== undefined);
    await question.getByLabel('Higher', { exact: true }).check();
    await question.getByRole('button', { name: 'Commit my answer' }).click();
    await question.getByRole('button', { name: 'Run successive halving in the lab (minutes)' }).click();
    await expect
      .poll(() => question.locator('.predict-status').innerText(), { timeout: 30_000 })
      .toMatch(/^The lab below is training the run: [1-9]\d* of 52 trials done\./);
    expect(page.url()).toMatch(/tuning-lab\.(method=halving|preset=halving)/);
    expect(await lab(page).count()).toBe(1);
    expect(await lab(page).locator('.tl-budget-line').innerText()).toMatch(/^Budget: /);
    await button(page, 'Cancel').click();
    await expect
      .poll(() => question.locator('.predict-status').innerText())
      .toBe('The run did not finish, so it answers nothing; run it again, or show the answer.');
    await question.getByRole('button', { name: 'Show the answer without running' }).click();
    const verdict = question.locator('.predict-verdict');
    await expect
      .poll(() => verdict.innerText())
      .toMatch(/^✗ Not this time\. You said “Higher”; the experiment shows “Lower”\./);
    expect(await question.locator('.predict-why').innerText()).toContain('Lower: 1.84 nats per character');
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('tuning-lab memory', () => {
  it('keeps the page’s memory bounded through a 36-trial search: finished trials keep their evaluations only', async () => {
    const { context, page } = await openPage(browser);
    await instrument(page);
    await openLab(
      page,
      '?tuning-lab.hidden=8,10,12&tuning-lab.layers=1,2&tuning-lab.lr=0.01,0.003&tuning-lab.cell=gru,lstm,rnn&tuning-lab.steps=30&tuning-lab.every=10',
    );
    const cdp = await context.newCDPSession(page);
    /** JavaScript heap in use after a full garbage collection, in MB. */
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1e6;
    };
    await button(page, 'Start search').click();
    await page.waitForFunction(
      () =>
        Number(
          /(\d+) of 36 trials done/.exec(document.querySelector('tuning-lab .tl-status')?.textContent ?? '')?.[1],
        ) >= 12,
      undefined,
      { timeout: 120_000 },
    );
    const third = await heap();
    await waitForStatus(page, /^Finished \(grid search\) · 36 of 36 trials done/, 240_000);
    const all = await heap();
    console.log(`tuning-lab: JS heap ${third.toFixed(1)} MB after 12 of 36 trials, ${all.toFixed(1)} MB after 36`);
    // 24 more trials add their evaluations (4 each) and table rows, not their steps: well under a megabyte.
    expect(all - third).toBeLessThan(1.5);
    expect(await tableRows(page)).toHaveLength(36);
    await context.close();
  });
});
