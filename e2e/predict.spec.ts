// Predict, then run, in chapters 2–6: the reader commits to an answer, the widget the question is about runs the
// experiment (restarted on its preset) and the result is shown beside the answer; a wrong answer says so. And on an
// embed page, `?predict=<id>` shows the question above the widget, and an unknown id is said in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, openPage } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Each chapter's question: its page, id, the widget, the choice that is right, one that is not, and what the widget then shows. */
const QUESTIONS: {
  path: string;
  id: string;
  widget: string;
  /** The widget's element, when its tag is not its URL name. */
  tag?: string;
  right: string;
  wrong: string;
  verdict: string;
  shows: (page: Page) => Promise<void>;
}[] = [
  {
    path: '/how-it-works/',
    id: 'saturate-five-five',
    widget: 'step-cell',
    right: 'Only one',
    wrong: 'All three',
    verdict: 'h2 = [0.891, 1.000, 0.598]',
    shows: async (page: Page) => expect(await page.locator('step-cell .sc-position').innerText()).toBe('Step 2 of 5'),
  },
  {
    path: '/the-math/',
    id: 'relu-zeros',
    widget: 'live-equation',
    right: 'Two',
    wrong: 'None',
    verdict: 'h4 = [0.000, 0.000, 0.701]',
    shows: async (page: Page) => expect(page.url()).toMatch(/live-equation\.(act=relu|preset=relu-step-4)/),
  },
  {
    path: '/unrolling/',
    id: 'hello-second-l',
    widget: 'unrolling',
    tag: 'rnn-unrolling',
    right: 'A different guess each time',
    wrong: 'The same guess both times',
    verdict: 'it guesses “o” (90%)',
    shows: async (page: Page) => expect(page.url()).toMatch(/unrolling\.(t=4|preset=hello-second-l)/),
  },
  {
    path: '/backpropagation-through-time/',
    id: 'linear-vanishing',
    widget: 'gradient-lab',
    right: 'About 10⁻¹²',
    wrong: 'About 10⁻³',
    verdict: 'a factor of 2.5 × 10⁻¹²',
    shows: async (page: Page) => expect(page.url()).toMatch(/gradient-lab\.(act=linear|preset=linear-vanishing)/),
  },
  {
    path: '/variants/',
    id: 'forget-at-mark',
    widget: 'gate-inspector',
    right: 'They drop towards 0, erasing the old memory',
    wrong: 'They stay about where they were',
    verdict: 'to 0.13, 0.33, 0.33, 0.19 at step 3',
    // The preset is the widget's default view: the address may say so or not.
    shows: async (page: Page) => expect(await page.locator('gate-inspector').count()).toBe(1),
  },
];

/** Pick `choice`, commit, run it in the widget, and return the verdict's text once it shows. */
async function answer(page: Page, id: string, choice: string): Promise<string> {
  const question = page.locator(`#predict-${id}`);
  await question.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => customElements.get('unrolled-predict') !== undefined);
  await question.getByLabel(choice, { exact: true }).check();
  await question.getByRole('button', { name: 'Commit my answer' }).click();
  await question.getByRole('button', { name: /^Run it in the/ }).click();
  const verdict = question.locator('.predict-verdict');
  await expect.poll(() => verdict.innerText(), { timeout: 30_000 }).toMatch(/^[✓✗]/);
  // The widget answered at once: no "sent to the widget" line is left over the result.
  expect(await question.locator('.predict-status').innerText()).toBe('');
  return verdict.innerText();
}

describe('Predict, then run, in chapters 2 to 6', () => {
  for (const q of QUESTIONS) {
    it(`${q.path}: ${q.id} is answered by the ${q.widget} widget`, async () => {
      const { context, page, problems } = await openPage(browser);
      await page.goto(`${baseURL()}${q.path}`);
      expect(await page.locator(`#predict-${q.id} .predict-outcome`).isHidden()).toBe(true);
      const wrong = await answer(page, q.id, q.wrong);
      expect(wrong).toMatch(/^✗ Not this time\./);
      expect(wrong).toContain(`the experiment shows “${q.right}”`);
      expect(wrong).toContain(q.verdict);
      await q.shows(page);
      // Answer again, rightly this time; the widget is restarted once more and still answers.
      await page.locator(`#predict-${q.id}`).getByRole('button', { name: 'Answer again' }).click();
      expect(await answer(page, q.id, q.right)).toMatch(/^✓ You predicted it\./);
      // The answer is kept with the chapter's progress.
      await page.reload();
      await page.locator(`#predict-${q.id}`).scrollIntoViewIfNeeded();
      await expect
        .poll(() => page.locator(`#predict-${q.id} .predict-verdict`).innerText())
        .toMatch(/^✓ You predicted it\./);
      // One widget on the page: restarted in place, not added.
      expect(await page.locator(q.tag ?? q.widget).count()).toBe(1);
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
      await context.close();
    });
  }
});

describe('a Predict question on an embed page', () => {
  it('shows the question ?predict= names above the widget, and says so when there is none by that id', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${baseURL()}/embed/live-equation/?predict=relu-zeros`);
    const shown = page.locator('.embed-predict:not([hidden])');
    await shown.locator('unrolled-predict').waitFor();
    expect(await shown.count()).toBe(1);
    expect(await shown.locator('legend').innerText()).toContain('With ReLU, step to t = 4');
    // Above the widget, and with no link to "a page of its own", which is this page.
    const [questionBottom, widgetTop] = await page.evaluate(() => [
      document.querySelector('.embed-predict:not([hidden])')!.getBoundingClientRect().bottom,
      document.querySelector('live-equation')!.getBoundingClientRect().top,
    ]);
    expect(questionBottom).toBeLessThanOrEqual(widgetTop);
    expect(await shown.locator('.predict-repeat').count()).toBe(0);
    await page.waitForFunction(() => customElements.get('unrolled-predict') !== undefined);
    await shown.getByLabel('Two', { exact: true }).check();
    await shown.getByRole('button', { name: 'Commit my answer' }).click();
    await shown.getByRole('button', { name: 'Run it in the widget' }).click();
    await expect.poll(() => shown.locator('.predict-verdict').innerText()).toMatch(/^✓ You predicted it\./);
    // The why is the chapter's, with its math typeset.
    expect(await shown.locator('.predict-why .katex').count()).toBeGreaterThan(0);
    expect(page.url()).toContain('predict=relu-zeros');

    await page.goto(`${baseURL()}/embed/live-equation/?predict=nope`);
    await expect
      .poll(() => page.locator('main .widget-notice').first().innerText())
      .toBe('There is no question “nope” about this widget; its questions are: relu-zeros.');
    expect(await page.locator('.embed-predict:not([hidden])').count()).toBe(0);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });
});

describe('Predict, then run, in chapter 8', () => {
  it('the overfitting question is answered by the tuning lab’s own run', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${baseURL()}/tuning/`);
    const question = page.locator('#predict-overfit-validation');
    await question.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => customElements.get('unrolled-predict') !== undefined);
    await question.getByLabel('Fall, then level off', { exact: true }).check();
    await question.getByRole('button', { name: 'Commit my answer' }).click();
    await question.getByRole('button', { name: 'Run it in the lab' }).click();
    // The lab restarts on the preset and trains; the question says so while it does.
    await expect
      .poll(() => question.locator('.predict-status').innerText(), { timeout: 30_000 })
      .toContain('The lab below is training the run');
    expect(page.url()).toMatch(/tuning-lab\.(task=count|preset=overfit)/);
    const verdict = question.locator('.predict-verdict');
    await expect.poll(() => verdict.innerText(), { timeout: 240_000, interval: 2000 }).toMatch(/^[✓✗]/);
    const text = await verdict.innerText();
    expect(text).toMatch(/^✗ Not this time\./);
    expect(text).toContain('the experiment shows “Fall, then turn up while the training loss keeps falling”');
    // The figures the chapter quotes for seed 1 (scripts/tuning-lab/overfitRun.ts repeats the run outside the browser).
    expect(text).toContain('lowest at epoch 12 (step 72), 0.574; at the end 0.667, 16% above it');
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  }, 300_000);
});
