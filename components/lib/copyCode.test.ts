// @vitest-environment happy-dom
// Copy buttons: one per code block (not in widgets, not twice), copying the block's text and saying so; where the
// clipboard is refused, the code is selected and the button says which keys copy it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addCopyButtons } from './copyCode';

const page = (): HTMLElement => {
  const main = document.createElement('main');
  main.innerHTML = `
    <pre><code>print("a")\nprint("b")</code></pre>
    <p>text</p>
    <pre>no code element</pre>
    <div class="widget-frame"><pre><code>the widget's own</code></pre></div>`;
  document.body.replaceChildren(main);
  return main;
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('addCopyButtons', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives each code block one button, once, and leaves widgets alone', () => {
    const main = page();
    addCopyButtons(main);
    addCopyButtons(main);
    expect(main.querySelectorAll('.copy-button').length).toBe(1);
    const block = main.querySelector('.code-block')!;
    expect(block.querySelector('pre code')?.textContent).toBe('print("a")\nprint("b")');
    expect(block.querySelector('button')?.getAttribute('aria-label')).toBe('Copy the code');
  });

  it('copies the code and says "Copied" on the button and to screen readers', async () => {
    const main = page();
    addCopyButtons(main);
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const button = main.querySelector<HTMLButtonElement>('.copy-button')!;
    button.click();
    await settle();
    expect(writeText).toHaveBeenCalledWith('print("a")\nprint("b")');
    expect(button.textContent).toBe('Copied');
    expect(main.querySelector('.copy-control [aria-live]')?.textContent).toBe('Copied the code to the clipboard.');
  });

  it('selects the code and names the keys when the clipboard is refused', async () => {
    const main = page();
    addCopyButtons(main);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
      configurable: true,
    });
    const button = main.querySelector<HTMLButtonElement>('.copy-button')!;
    button.click();
    await settle();
    expect(button.textContent).toMatch(/^Selected: press (Ctrl\+C|⌘C)$/);
    expect(window.getSelection()?.toString()).toBe('print("a")\nprint("b")');
  });
});
