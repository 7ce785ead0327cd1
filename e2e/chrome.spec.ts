// Course chrome: the theme toggle persists across reloads, reading progress is remembered, search finds chapters by their words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseURL, launch, openPage } from './support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('theme', () => {
  it('follows the system, toggles, and survives a reload', async () => {
    const { context, page } = await openPage(browser, { colorScheme: 'dark' });
    await page.goto(`${baseURL()}/the-math/`);
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('dark');
    const toggle = page.locator('[data-theme-toggle]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await theme()).toBe('light');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.reload();
    expect(await theme()).toBe('light');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
    await page.goto(`${baseURL()}/`);
    expect(await theme()).toBe('light');
    await context.close();
  });
});

describe('progress', () => {
  it('remembers finished chapters and the last one read', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseURL()}/unrolling/`);
    const finish = page.locator('[data-finish]');
    expect(await finish.getAttribute('aria-pressed')).toBe('false');
    await finish.click();
    expect(await finish.getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    expect(await page.locator('[data-finish]').getAttribute('aria-pressed')).toBe('true');
    await page.goto(`${baseURL()}/`);
    const card = page.locator('.chapter-card[data-slug="unrolling"]');
    expect(await card.getAttribute('data-finished')).not.toBeNull();
    expect(await page.locator('.chapter-card[data-finished]').count()).toBe(1);
    expect(await page.locator('[data-continue]').getAttribute('href')).toBe('/unrolling/');
    expect(await page.locator('[data-continue]').textContent()).toContain('Unrolling');
    await context.close();
  });
});

describe('search', () => {
  it('finds a chapter by a word from its body', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${baseURL()}/`);
    await page.fill('#site-search-q', 'Jacobians');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/\/search\/\?q=Jacobians/);
    const result = page.locator('.pagefind-ui__result-link', { hasText: 'Backpropagation' }).first();
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('href')).toContain('/backpropagation-through-time/');
    await context.close();
  });
});
