// Chapter 11's two calculators (normalize-calc, attention-calc): the worked examples' numbers, the reader's own input
// (refused in words when bad), the chapter's Predict questions answered by the calculators, axe at 360 px in both themes.
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AXE_OPTIONS } from './support/axe';
import { baseURL, launch, openPage, openWidget } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The text of one column of a calculator's table. */
const column = (page: Page, tag: string, index: number): Promise<string[]> =>
  page.locator(`${tag} .calc-table tbody tr td:nth-child(${index})`).allTextContents();

describe('chapter 11 calculators', () => {
  it('normalize-calc: the chapter’s series, training-only statistics, a prediction undone, bad input refused', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/embed/normalize-calc/', 'normalize-calc', '.calc-table tbody tr');
    const calc = page.locator('normalize-calc');
    expect(await column(page, 'normalize-calc', 3)).toEqual([
      '−1.51',
      '−0.87',
      '−0.24',
      '−0.87',
      '0.40',
      '1.03',
      '0.40',
      '1.67',
    ]);
    expect(await calc.locator('.calc-result').last().innerText()).toContain('= 14.27');
    const train = calc.getByLabel('Training values (the first n)');
    await train.fill('6');
    await train.blur();
    expect(await calc.locator('.calc-result').first().innerText()).toBe(
      'From the first 6 values: μ = 11.833, σ = 1.344',
    );
    expect((await column(page, 'normalize-calc', 3)).at(-1)).toBe('2.36');
    expect((await column(page, 'normalize-calc', 6)).at(-1)).toBe('later data');
    expect(page.url()).toContain('normalize-calc.train=6');
    const series = calc.getByRole('textbox', { name: /^Series/ });
    await series.fill('3');
    await series.blur();
    expect(await calc.locator('.widget-notice').innerText()).toBe(
      'The series needs at least 2 values; keeping 10,11,12,11,13,14,13,15.',
    );
    await series.fill('4, 4, 4');
    await series.blur();
    expect(await calc.locator('.widget-notice').isHidden()).toBe(true);
    expect(await calc.locator('.calc-result').first().innerText()).toContain('normalization is undefined here');
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('attention-calc: the chapter’s weights and context, the reader’s own states, bad input refused', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/embed/attention-calc/', 'attention-calc', '.calc-svg');
    const calc = page.locator('attention-calc');
    expect(await column(page, 'attention-calc', 4)).toEqual([' 0.245', ' 0.090', ' 0.665']);
    expect(await calc.locator('.calc-result').innerText()).toContain('= (0.910, 0.755)');
    const s = calc.getByLabel(/Decoder state/);
    await s.fill('0,0');
    await s.blur();
    expect(await column(page, 'attention-calc', 4)).toEqual([' 0.333', ' 0.333', ' 0.333']);
    expect(await calc.locator('.calc-svg').getAttribute('aria-label')).toContain('context (0.667, 0.667)');
    const h = calc.getByRole('textbox', { name: /^Encoder states/ });
    await h.fill('1,0;<img>');
    await h.blur();
    expect(await calc.locator('.widget-notice').innerText()).toContain('The encoder states');
    expect(await calc.locator('img').count()).toBe(0);
    expect(await h.inputValue()).toBe('1,0;0,1;1,1');
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('answers chapter 11’s Predict questions from the calculators', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${baseURL()}/tips/`);
    await page.evaluate(() => localStorage.clear());
    const cases = [
      { id: 'normalize-train-six', pick: 'Less than 1.67', shows: 'normalizes to 2.36' },
      { id: 'attention-double-s', pick: 'They concentrate more on h₃', shows: 'the largest is 0.867' },
    ];
    for (const { id, pick, shows } of cases) {
      const question = page.locator(`#predict-${id}`);
      await question.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => customElements.get('unrolled-predict') !== undefined);
      await question.getByLabel(pick).check();
      await question.getByRole('button', { name: 'Commit my answer' }).click();
      await question.getByRole('button', { name: 'Run it in the calculator' }).click();
      await expect.poll(() => question.locator('.predict-verdict').innerText(), { timeout: 30_000 }).toContain(shows);
    }
    expect(await page.locator('#predict-normalize-train-six .predict-verdict').innerText()).not.toMatch(/^✓/);
    expect(await page.locator('#predict-attention-double-s .predict-verdict').innerText()).toMatch(/^✓/);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  for (const tag of ['normalize-calc', 'attention-calc'])
    it(`${tag} is axe-clean and fits at 360 px in the light and the dark theme`, async () => {
      const { context, page } = await openPage(browser, { width: 360 });
      await openWidget(page, `/embed/${tag}/`, tag, '.calc-table tbody tr');
      const violations = async (): Promise<string[]> =>
        (await new AxeBuilder({ page }).include(tag).options(AXE_OPTIONS).analyze()).violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      const light = await violations();
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      const dark = await violations();
      expect({ light, dark }).toEqual({ light: [], dark: [] });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await context.close();
    });
});
