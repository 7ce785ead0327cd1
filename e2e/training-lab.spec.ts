// The training lab trains in a Web Worker: every setting of the form reaches the worker's config, two runs are overlaid
// with a legend and shared as a link, bad input is refused with a sentence, a Predict question is answered and then
// revealed beside the lab's result, and a small-slice run flags overfitting and early stopping restores the best step
// while the main thread stays free; a diverged run is said in words, the runs' buttons work from the keyboard, and axe
// finds nothing serious at 360 px in either theme. Models are tiny and runs short: about 50 s on a busy machine.
import { cpus, loadavg } from 'node:os';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import outcomes from '../scripts/training-lab/outcomes.json';
import type { Browser, Locator, Page } from 'playwright-core';
import { AXE_OPTIONS } from './support/axe';
import { baseURL, launch, openPage, openWidget } from './support/browser';
import { longestMainThreadCpuMs, longTasksBetween, recordLongTasks } from './support/mainThread';

/** What the lab exposes of its kept runs (components/lib/runHistory.ts RunRecord, the fields read here). */
interface Run {
  number: number;
  state: string;
  steps: number;
  hidden: boolean;
  pinned: boolean;
  config: Record<string, unknown>;
  parameters: number | null;
  best: { step: number; valLoss: number } | null;
  restored: { step: number; valLoss: number } | null;
  evals: { step: number; valLoss: number }[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const lab = (page: Page): Locator => page.locator('training-lab');
const runs = (page: Page): Promise<Run[]> =>
  lab(page).evaluate((node) => JSON.parse(JSON.stringify((node as unknown as { runs: Run[] }).runs)) as Run[]);
const ENDED = ['done', 'early-stopped', 'diverged', 'cancelled', 'error'];
/** Wait until `count` runs exist and have all ended. */
const waitForRuns = (page: Page, count: number, timeout = 120_000): Promise<unknown> =>
  page.waitForFunction(
    ([n, ended]) => {
      const list = (document.querySelector('training-lab') as unknown as { runs?: { state: string }[] }).runs ?? [];
      return list.length >= n && list.every((r) => ended.includes(r.state));
    },
    [count, ENDED] as const,
    { timeout },
  );
const button = (page: Page, name: string) => lab(page).getByRole('button', { name, exact: true });
/** Type into a number input and commit it (a change event), as a reader does. */
async function enter(page: Page, label: string, value: string): Promise<void> {
  const input = lab(page).getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Enter');
}

// The recall task needs no data file and trains in milliseconds a step at this size.
const TINY =
  '?training-lab.task=recall&training-lab.hidden=8&training-lab.seq=5&training-lab.batch=8&training-lab.steps=20&training-lab.eval=10';

describe('training-lab widget', () => {
  it('trains every setting the form offers, overlays two runs with a legend, refuses bad input and shares the runs', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, `/embed/training-lab/${TINY}`, 'training-lab', '.tl-status', '.tl-cost');
    await page.evaluate(() => localStorage.clear());
    // Before running: an LSTM of 8 on 10 one-hot tokens, 4 · (10 · 8 + 8² + 2 · 8) + 8 · 8 + 8 = 712 parameters.
    await expect.poll(() => lab(page).locator('.tl-cost').innerText()).toContain('Parameters: 712');
    await expect
      .poll(() => lab(page).locator('.tl-cost').innerText(), { timeout: 30_000 })
      .toMatch(/Time per step: [\d.]+ ms, the median of \d+ steps/);

    // Run 1 from the keyboard.
    await button(page, 'Run these settings').focus();
    await page.keyboard.press('Enter');
    await waitForRuns(page, 1);

    // Every control, changed.
    const select = (label: string, value: string) => lab(page).getByLabel(label, { exact: true }).selectOption(value);
    await select('Cell type', 'rnn');
    await select('Activation', 'relu');
    await enter(page, 'Hidden size', '12');
    await enter(page, 'Layers', '2');
    await enter(page, 'Dropout', '0.2');
    await select('Optimizer', 'sgd');
    await enter(page, 'Momentum', '0.5');
    await enter(page, 'Learning rate', '0.02');
    await enter(page, 'Batch size', '4');
    await enter(page, 'Delay (steps)', '6');
    await enter(page, 'Gradient clipping (max norm, 0 = off)', '2');
    await enter(page, 'Seed', '7');
    await enter(page, 'Steps', '24');
    await enter(page, 'Evaluate every', '12');
    await select('Training data', '5');
    await lab(page).getByLabel('Early stopping, restoring the best weights').check();
    await enter(page, 'Patience (evaluations)', '2');

    // Bad input keeps the previous value and says why.
    await enter(page, 'Hidden size', '9999');
    await expect
      .poll(() => lab(page).locator('.widget-notice').first().innerText())
      .toBe('The hidden size must be a whole number from 2 to 512; keeping 12.');
    expect(await lab(page).getByLabel('Hidden size', { exact: true }).inputValue()).toBe('12');
    expect(page.url()).toContain('training-lab.hidden=12');
    // (10 + 12 + 2) · 12 for layer 1, (12 + 12 + 2) · 12 for layer 2, 12 · 8 + 8 for the output: 704.
    await expect.poll(() => lab(page).locator('.tl-cost').innerText()).toContain('Parameters: 704');

    await button(page, 'Run these settings').click();
    await waitForRuns(page, 2);
    const [first, second] = await runs(page);
    expect(first.config).toMatchObject({ task: 'synthetic', problem: 'recall', cell: 'lstm', hiddenSize: 8, delay: 5 });
    // The worker's own reading of the config it trained (RunInfo.config) holds every setting.
    expect(second.config).toMatchObject({
      task: 'synthetic',
      problem: 'recall',
      cell: 'rnn',
      nonlinearity: 'relu',
      hiddenSize: 12,
      numLayers: 2,
      dropout: 0.2,
      optimizer: 'sgd',
      momentum: 0.5,
      learningRate: 0.02,
      batchSize: 4,
      delay: 6,
      clip: 2,
      seed: 7,
      maxSteps: 24,
      evalEvery: 12,
      trainFraction: 0.05,
      patience: 2,
      restoreBest: true,
    });
    expect(second.parameters).toBe(704);
    expect(second.evals.length).toBeGreaterThan(0);

    // The table says what changed; the chart overlays both runs, each named in the legend.
    // (The table is drawn at most every 250 ms: a run this short can end before its row shows its size.)
    const row = lab(page).locator(`tr[data-run]`).nth(1);
    await expect.poll(() => row.locator('td').nth(2).innerText()).toBe(String(704));
    const changed = await row.locator('td').first().innerText();
    for (const change of [
      'cell lstm → rnn',
      'hidden 8 → 12',
      'layers 1 → 2',
      'lr 0.01 → 0.02',
      'batch 8 → 4',
      'delay 5 → 6',
    ])
      expect(changed).toContain(change);
    await expect.poll(() => lab(page).locator('.tl-legend li').count()).toBe(2);
    const legend = await lab(page).locator('.tl-legend').innerText();
    expect(legend).toContain('#1');
    expect(legend).toContain('#2');
    // The chart is redrawn on its own schedule, and only while on screen.
    await lab(page).locator('.tl-chart').scrollIntoViewIfNeeded();
    const strokes = () =>
      lab(page)
        .locator('.tl-chart svg path')
        .evaluateAll((paths) => new Set(paths.map((p) => p.getAttribute('stroke')).filter(Boolean)).size);
    await expect.poll(strokes).toBeGreaterThanOrEqual(2);

    // Share: the link carries both runs' settings; opened, it offers them to train.
    await button(page, 'Share these runs').click();
    const href = await lab(page).locator('.tl-share a').getAttribute('href');
    expect(href).toContain('training-lab.runs=2');
    expect(href).toContain('training-lab.r2.hidden=12');
    const other = await context.newPage();
    await other.goto(href!);
    await other.locator('training-lab').scrollIntoViewIfNeeded();
    await expect.poll(() => other.locator('training-lab .tl-batch').innerText()).toContain('This link shares 2 runs');

    // The runs survive a reload.
    await page.reload();
    await page.locator('training-lab').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await runs(page)).length).toBe(2);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  it('falls back to the defaults with a notice for a bad shared address', async () => {
    const { context, page } = await openPage(browser, { width: 360 });
    await openWidget(
      page,
      '/embed/training-lab/?training-lab.hidden=abc&training-lab.runs=9&training-lab.preset=nope',
      'training-lab',
      '.tl-status',
    );
    const notice = await lab(page).locator('.widget-notice').first().innerText();
    expect(notice).toContain(
      '“training-lab.hidden=abc” must be a whole number from 2 to 512; using the default instead.',
    );
    expect(notice).toContain('the shared runs were not loaded');
    expect(notice).toContain('no preset was loaded');
    expect(await lab(page).getByLabel('Hidden size', { exact: true }).inputValue()).toBe('64');
    // Nothing sticks out of a 360 px screen.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('answers a Predict question: the reader commits, the lab runs the preset, the guess is shown beside the result', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${baseURL()}/hyperparameters/#predict-dropout-one-layer`);
    const question = page.locator('#predict-dropout-one-layer');
    await question.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => customElements.get('unrolled-predict') !== undefined);
    const commit = question.getByRole('button', { name: 'Commit my answer' });
    expect(await commit.isDisabled()).toBe(true);
    await question.getByLabel('Exactly the same').check();
    await commit.click();
    await question.getByRole('button', { name: 'Run it in the lab' }).click();
    await expect
      .poll(() => question.locator('.predict-verdict').innerText(), { timeout: 150_000, interval: 1000 })
      .toContain('You said “Exactly the same”; the experiment shows “Exactly the same”.');
    expect(await question.locator('.predict-verdict').innerText()).toMatch(/^✓ You predicted it\./);
    expect(await question.locator('.predict-verdict').innerText()).toContain('identical at all 5 evaluations');
    expect(await question.locator('.predict-why').isVisible()).toBe(true);
    // The experiment as a link of its own: the lab's embed page with the preset loaded.
    expect(await question.locator('.predict-repeat a').getAttribute('href')).toBe(
      '/embed/training-lab/?training-lab.preset=dropout-one-layer',
    );
    // The lab says it too, with a way back to the question.
    expect(await lab(page).locator('.tl-answer a').getAttribute('href')).toBe('#predict-dropout-one-layer');

    // The answer and the result are kept with the chapter's progress.
    await page.reload();
    await question.scrollIntoViewIfNeeded();
    await expect.poll(() => question.locator('.predict-verdict').innerText()).toContain('✓ You predicted it.');
    expect(await question.getByLabel('Exactly the same').isChecked()).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  it('flags overfitting on a small slice and early stopping restores the best step, the main thread free meanwhile', async () => {
    const { context, page, problems } = await openPage(browser, { width: 390 });
    await recordLongTasks(page);
    await openWidget(page, '/embed/training-lab/?training-lab.preset=early-stopping', 'training-lab', '.tl-batch');
    await page.evaluate(() => localStorage.clear());
    expect(await lab(page).locator('.tl-batch').innerText()).toContain('Early stopping on the 5% run');
    await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline'] });
    const from = await page.evaluate(() => performance.now());
    await button(page, 'Train it').click();
    await waitForRuns(page, 1);
    const until = await page.evaluate(() => performance.now());
    const trace = await browser.stopTracing();
    const load = loadavg()[0] / cpus().length;

    const [run] = await runs(page);
    expect(run.state).toBe('early-stopped');
    // The lowest validation loss came early; three evaluations without a better one stopped the run.
    expect(run.best).not.toBeNull();
    expect(run.steps).toBe(run.best!.step + 30);
    expect(run.restored?.step).toBe(run.best!.step);
    // Measured again after restoring: the best loss, exactly.
    expect(run.restored?.valLoss).toBe(run.best!.valLoss);
    const row = lab(page).locator('tr[data-run]').first();
    await expect
      .poll(() => row.innerText())
      .toContain(`stopped early at step ${run.steps}, weights of step ${run.best!.step} restored`);
    const rowText = await row.innerText();
    expect(rowText).toContain(`validation turned up after step ${run.best!.step}`);
    // The chart is drawn only while on screen: bring it into view.
    await lab(page).locator('.tl-chart').scrollIntoViewIfNeeded();
    await expect.poll(() => lab(page).locator('.tl-chart svg').innerHTML()).toContain('turn · restored');

    const cpu = longestMainThreadCpuMs(trace);
    expect(cpu.tasks).toBeGreaterThan(10);
    expect(cpu.longest).toBeLessThan(50);
    // Long tasks by the wall clock also count time the OS gave other processes: reported, not asserted (see char-model).
    const longTasks = await longTasksBetween(page, from, until);
    console.log(
      `training-lab main thread while a run trained ${Math.round(until - from)} ms: ${cpu.tasks} tasks, the longest ` +
        `${cpu.longest.toFixed(1)} ms of CPU; ${longTasks.length} long tasks by wall clock at a load of ${load.toFixed(1)} per core`,
    );
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });
  it('says in words that a run diverged, as the preset script saw it; hides, pins and deletes by keyboard; axe-clean at 360 px in both themes', async () => {
    const { page, problems } = await openPage(browser, { width: 360, colorScheme: 'light' });
    // The first run of the lr-too-high preset (the char model's defaults at lr 0.5), cut to 30 steps: the preset
    // script's run of it diverged at step 20, before its first evaluation (outcomes.json).
    const diverged = /lr 0\.5 diverged at step (\d+)/.exec(outcomes['lr-too-high'].summary);
    expect(diverged).not.toBeNull();
    await openWidget(
      page,
      '/embed/training-lab/?training-lab.task=char-model&training-lab.lr=0.5&training-lab.steps=30',
      'training-lab',
      '.tl-status',
    );
    await button(page, 'Run these settings').focus();
    await page.keyboard.press('Enter');
    await waitForRuns(page, 1);
    const [run] = await runs(page);
    expect(run.state).toBe('diverged');
    expect(String(run.steps)).toBe(diverged![1]);
    // Said in words: the alert names the step, the cause and what to try; the status line and the table agree.
    // (The status, alert and table are drawn at most every 250 ms, so they may lag the run's end a little.)
    await expect.poll(() => lab(page).locator('.tl-status').innerText()).toBe(`Run #1 diverged at step ${run.steps}.`);
    const alert = await lab(page).getByRole('alert').innerText();
    expect(alert).toMatch(/^Run #1: The loss blew up at step \d+: it rose above [\d.]+, 10 times its first value/);
    expect(alert).toContain('The learning rate 0.5 is probably too high for this model');
    expect(await lab(page).locator('tr[data-run]').first().innerText()).toContain(`diverged at step ${run.steps}`);

    // axe on the lab with a run on its chart and its table as cards, in the light theme and after a switch to dark.
    await lab(page).locator('.tl-chart').scrollIntoViewIfNeeded();
    await expect.poll(() => lab(page).locator('.tl-chart svg').count()).toBeGreaterThan(0);
    const violations = async (): Promise<string[]> =>
      (await new AxeBuilder({ page }).include('training-lab').options(AXE_OPTIONS).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    const light = await violations();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await violations();
    expect({ light, dark }).toEqual({ light: [], dark: [] });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // The keyboard alone: Tab from the Run button reaches the run's buttons, each with a visible focus ring.
    await button(page, 'Run these settings').focus();
    const tabTo = async (label: string): Promise<void> => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((l) => document.activeElement?.getAttribute('aria-label') === l, label)) {
          const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
          expect(outline, `focus ring on ${label}`).not.toBe('none');
          return;
        }
      }
      throw new Error(`Tab never reached “${label}”`);
    };
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await tabTo('Hide #1');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await runs(page))[0].hidden).toBe(true);
    // The row was drawn again; the keyboard stays on the button it pressed.
    await expect.poll(focused).toBe('Hide #1');
    await tabTo('Pin #1');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await runs(page))[0].pinned).toBe(true);
    // A pinned run is kept from "Delete the unpinned runs" (the button is off while it is the only run, once the
    // table is drawn again, at most 250 ms later); its own Delete button removes it.
    await expect.poll(() => button(page, 'Delete the unpinned runs').isDisabled()).toBe(true);
    expect((await runs(page)).length).toBe(1);
    await tabTo('Delete #1');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await runs(page)).length).toBe(0);
    // Its row is gone: the keyboard lands on the table of runs, not at the top of the page.
    await expect.poll(focused).toBe('Table of runs');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await page.context().close();
  });
});
