// Copy buttons for the course's code blocks: one small button per block, reachable by keyboard, that copies the code
// and says so where the reader is looking (and to screen readers); where the clipboard is refused (a sandboxed frame,
// a page not served over HTTPS) it selects the code and says which keys copy it.

/** How long "Copied" stays on the button. */
const CONFIRM_MS = 2000;

/** Whether the keyboard shortcut to name is ⌘C (Apple) or Ctrl+C. */
const copyKeys = (): string => (/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘C' : 'Ctrl+C');

/** Put `text` on the clipboard; false when the browser refuses. */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Select the contents of `node`, so the reader can copy it with the keyboard. */
function selectContents(node: Node): void {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(node);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * A "Copy" button (with its live region, in a `.copy-control`) for the text `text()` returns (read when pressed, so it copies what is shown then). Pressing it
 * shows "Copied" on the button for two seconds and announces it; if the clipboard is refused, it selects `select`
 * and says to press the copy keys.
 * @param what the block's name for the button's accessible label, e.g. "the code" or "the PyTorch listing"
 */
export function copyButton(text: () => string, select: Node, what = 'the code'): HTMLElement {
  const control = document.createElement('span');
  control.className = 'copy-control';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', `Copy ${what}`);
  const live = document.createElement('span');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  let timer: ReturnType<typeof setTimeout> | null = null;
  button.addEventListener('click', () => {
    void writeClipboard(text()).then((ok) => {
      if (!ok) selectContents(select);
      const said = ok ? 'Copied' : `Selected: press ${copyKeys()}`;
      button.textContent = said;
      button.dataset.copied = ok ? 'yes' : 'selected';
      live.textContent = ok
        ? `Copied ${what} to the clipboard.`
        : `The clipboard is not available here; ${what} is selected, press ${copyKeys()} to copy it.`;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        button.textContent = 'Copy';
        delete button.dataset.copied;
        live.textContent = '';
      }, CONFIRM_MS);
    });
  });
  control.append(button, live);
  return control;
}

/**
 * Gives every code block under `root` (a `<pre>` holding a `<code>`) a copy button, once: the block is wrapped in a
 * `.code-block` whose corner holds the button. Blocks inside widgets are left to their widget.
 */
export function addCopyButtons(root: ParentNode = document): void {
  for (const pre of root.querySelectorAll<HTMLPreElement>('pre')) {
    const code = pre.querySelector('code');
    if (!code || pre.closest('.code-block, .widget-frame') !== null) continue;
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.replaceWith(wrapper);
    wrapper.append(
      copyButton(() => code.textContent ?? '', code),
      pre,
    );
  }
}
