// The memory-rule widget of chapter 1: the hand table stepped by click and keyboard, bad input refused with a sentence,
// the chapter's Predict questions answered by the widget, axe-clean at 360 px in both themes.
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

const widget = (page: Page) => page.locator('memory-rule');
/** The hidden states the table shows, as text. */
const shownH = (page: Page): Promise<string[]> => widget(page).locator('.mr-h').allTextContents();

describe('memory-rule widget', () => {
  it('computes the chapter’s table step by step, by click and by keyboard, and refuses bad input with a sentence', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/what-is-an-rnn/', 'memory-rule', '.mr-svg');
    // Nothing is computed before the reader asks: the chapter asks for a prediction first.
    expect(await shownH(page)).toEqual([]);
    await widget(page).getByRole('button', { name: 'Next step ▶' }).click();
    expect(await shownH(page)).toEqual(['0.5']);
    await widget(page).locator('.mr-controls').getByRole('button', { name: 'All steps' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await shownH(page)).toEqual(['0.5', '0.25', '0.125', '1.0625']);
    expect(await widget(page).getByRole('button', { name: 'Next step ▶' }).isDisabled()).toBe(true);
    expect(page.url()).toContain('memory-rule.t=4');
    await page.keyboard.press('ArrowLeft');
    expect(await shownH(page)).toEqual(['0.5', '0.25', '0.125']);
    expect(await widget(page).locator('.mr-svg').getAttribute('aria-label')).toContain('0.5, 0.25, 0.125.');

    // A bad entry is refused in words, the last good sequence is kept, and the widget goes on working.
    const inputs = widget(page).getByRole('textbox', { name: /^Inputs/ });
    await inputs.fill('1, 0, <b>x</b>');
    await inputs.press('Enter');
    await inputs.blur();
    expect(await widget(page).locator('.widget-notice').innerText()).toBe(
      'The inputs entry 3 must be a number from -5 to 5; keeping 1,0,0,2.',
    );
    expect(await widget(page).locator('b').count()).toBe(0);
    expect(await inputs.inputValue()).toBe('1,0,0,2');
    await inputs.fill('2, 2');
    await inputs.blur();
    expect(await widget(page).locator('.widget-notice').isHidden()).toBe(true);
    expect(await shownH(page)).toEqual(['1', '1.5']);

    // The weight on the old state changes every step.
    const keep = widget(page).getByLabel(/Weight on the old state/);
    await keep.fill('1');
    await keep.blur();
    expect(await shownH(page)).toEqual(['1', '2']);
    expect(await widget(page).locator('.mr-fate').innerText()).toContain('it never fades');
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await context.close();
  });

  it('answers the chapter’s Predict questions from its own examples', async () => {
    const { context, page, problems } = await openPage(browser);
    await page.goto(`${baseURL()}/what-is-an-rnn/#predict-memory-h4`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const question = page.locator('#predict-memory-h4');
    await question.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => customElements.get('unrolled-predict') !== undefined);
    await question.getByLabel('Your estimate').fill('1.0625');
    await question.getByRole('button', { name: 'Commit my answer' }).click();
    await question.getByRole('button', { name: 'Run it in the widget' }).click();
    await expect
      .poll(() => question.locator('.predict-verdict').innerText(), { timeout: 30_000 })
      .toMatch(/^✓ You predicted it\./);
    expect(await question.locator('.predict-verdict').innerText()).toContain('h4 = 1.0625');
    expect(await shownH(page)).toEqual(['0.5', '0.25', '0.125', '1.0625']);

    const grows = page.locator('#predict-memory-grows');
    await grows.scrollIntoViewIfNeeded();
    await grows.getByLabel('It fades towards 0, only more slowly than with 0.5').check();
    await grows.getByRole('button', { name: 'Commit my answer' }).click();
    await grows.getByRole('button', { name: 'Run it in the widget' }).click();
    await expect.poll(() => grows.locator('.predict-verdict').innerText(), { timeout: 30_000 }).toContain('It grows');
    expect(await grows.locator('.predict-verdict').innerText()).toContain('h12 = 1.4266');
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('opens an example from its link, as a Predict question’s “page of its own” link does', async () => {
    const { context, page, problems } = await openPage(browser);
    await openWidget(page, '/embed/memory-rule/?memory-rule.preset=keep-above-one', 'memory-rule', '.mr-svg');
    const shown = await shownH(page);
    expect(shown).toHaveLength(12);
    expect(shown.at(-1)).toBe('1.4266');
    expect(
      await widget(page)
        .getByLabel(/Weight on the old state/)
        .inputValue(),
    ).toBe('1.1');
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('is axe-clean and fits at 360 px in the light and the dark theme', async () => {
    const { context, page } = await openPage(browser, { width: 360 });
    await openWidget(page, '/embed/memory-rule/?memory-rule.t=3', 'memory-rule', '.mr-svg');
    const violations = async (): Promise<string[]> =>
      (await new AxeBuilder({ page }).include('memory-rule').options(AXE_OPTIONS).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    const light = await violations();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const dark = await violations();
    expect({ light, dark }).toEqual({ light: [], dark: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
