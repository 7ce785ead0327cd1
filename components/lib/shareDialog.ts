// The "Share / embed" button every widget shows in its frame, and the dialog it opens: the widget's link with its
// current state, iframe code for the course's real address, an iframe that sizes itself, the one-file download and an
// image of the current figure, each with a copy or save button that says what it did.
import { el } from './dom';
import { figureFile, findFigure } from './figureImage';
import { shareTexts, siteBaseOf } from './share';

/** What a text field of the dialog holds, and how it is labelled. */
interface Copyable {
  label: string;
  help: string;
  text: string;
  rows: number;
}

/** Put `text` on the clipboard: the Clipboard API, else the selected field and the older copy command. */
async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** One labelled, read-only field with its Copy button and the line that confirms the copy. */
function copyRow(id: string, item: Copyable): HTMLElement {
  const field =
    item.rows > 1
      ? el('textarea', { id, class: 'share-code', readonly: true, rows: item.rows, spellcheck: 'false' })
      : el('input', { id, class: 'share-code', type: 'text', readonly: true, spellcheck: 'false' });
  field.value = item.text;
  const status = el('span', { class: 'share-status', role: 'status' });
  const copy = el('button', { type: 'button', class: 'button' }, `Copy ${item.label.toLowerCase()}`);
  copy.addEventListener('click', () => {
    void copyText(item.text, field).then((done) => {
      status.textContent = done
        ? '✓ Copied'
        : 'Copying was refused here: the text is selected, press Ctrl+C (⌘C on a Mac) to copy it.';
      status.dataset.ok = String(done);
    });
  });
  field.addEventListener('focus', () => field.select());
  return el(
    'div',
    { class: 'share-row' },
    el('label', { for: id, class: 'share-label' }, item.label),
    el('p', { class: 'share-help' }, item.help),
    field,
    el('div', { class: 'share-actions' }, copy, status),
  );
}

/** The one-file widget's size as the build wrote it into the page (`data-onefile-size`), or ''. */
function oneFileSize(name: string): string {
  return document.querySelector(`[data-onefile-size="${name}"]`)?.textContent?.trim() ?? '';
}

/** The "save the figure" part: a button that makes the file, or a sentence when the widget has no figure. */
function figureRow(widget: HTMLElement, name: string): HTMLElement {
  const figure = findFigure(widget);
  const status = el('span', { class: 'share-status', role: 'status' });
  if (!figure)
    return el(
      'p',
      { class: 'share-help' },
      'Nothing is drawn in this widget yet: once it shows a chart, open this dialog again to save it as an image.',
    );
  const kind = figure.kind.toUpperCase();
  const save = el('button', { type: 'button', class: 'button' }, `Save the figure as ${kind}`);
  save.addEventListener('click', () => void saveFigure());
  const saveFigure = async (): Promise<void> => {
    try {
      const { blob, filename } = await figureFile(figure, name);
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: filename, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      status.textContent = `✓ Saved ${filename} (${Math.max(1, Math.round(blob.size / 1024))} KB)`;
      status.dataset.ok = 'true';
    } catch (error) {
      status.textContent = `The image could not be made: ${error instanceof Error ? error.message : String(error)}.`;
      status.dataset.ok = 'false';
    }
  };
  return el(
    'div',
    { class: 'share-row' },
    el(
      'p',
      { class: 'share-help' },
      figure.kind === 'svg'
        ? 'The chart as you see it now, as an SVG drawing: sharp at any size on a slide.'
        : 'The figure as you see it now, as a PNG picture at twice its size on the screen.',
    ),
    el('div', { class: 'share-actions' }, save, status),
  );
}

/** Build the dialog for `widget` with what it shows now. */
function buildDialog(widget: HTMLElement, name: string, title: string): HTMLDialogElement {
  const prefix = `${widget.id || name}-share`;
  const headingId = `${prefix}-heading`;
  const close = el('button', { type: 'button', class: 'button share-close' }, 'Close');
  // A one-file copy (scripts/build/oneFile.mjs marks it) links to the course only if the build knew its address.
  const root = document.documentElement;
  const siteBase = root.hasAttribute('data-onefile')
    ? (root.dataset.site ?? null)
    : siteBaseOf(location.href, import.meta.env.BASE_URL);
  const sandboxed = self.origin === 'null';
  const parts: HTMLElement[] = [];
  if (siteBase) {
    const texts = shareTexts({
      name,
      title,
      siteBase,
      search: location.search,
      height: widget.getBoundingClientRect().height + 80,
    });
    parts.push(
      copyRow(`${prefix}-link`, {
        label: 'Link',
        help: 'Opens this widget on a page of its own, set up as it is now.',
        text: texts.link,
        rows: 1,
      }),
      copyRow(`${prefix}-iframe`, {
        label: 'Embed code',
        help: 'An iframe for your course page or learning platform, with the settings you see now.',
        text: texts.iframe,
        rows: 3,
      }),
      copyRow(`${prefix}-resizing`, {
        label: 'Self-sizing embed code',
        help:
          'The same iframe and a few lines of script for your page: the widget tells the page how tall it is, and ' +
          'the frame follows, so it never needs a scroll bar. Where scripts are not allowed, use the code above.',
        text: texts.resizing,
        rows: 8,
      }),
    );
    const size = oneFileSize(name);
    parts.push(
      el(
        'p',
        { class: 'share-help' },
        el('a', { href: texts.oneFile, download: `${name}.html` }, 'Download this widget as one file'),
        size ? ` (${size})` : '',
        ': everything inside, to open from disk, upload to a learning platform or use without internet.',
      ),
    );
  } else {
    parts.push(
      el(
        'p',
        { class: 'share-help' },
        'This is a copy of the widget in one file, which does not know the course’s web address: share the file ' +
          'itself, or open the course to get a link and embed code.',
      ),
    );
  }
  parts.push(figureRow(widget, name));
  if (sandboxed)
    parts.push(
      el(
        'p',
        { class: 'share-help' },
        'In this frame the browser may refuse to copy or save files; open the widget on its own page to do that.',
      ),
    );
  const dialog = el(
    'dialog',
    { class: 'share-dialog', 'aria-labelledby': headingId },
    el(
      'div',
      { class: 'share-head' },
      el('h2', { id: headingId, class: 'share-title' }, `Share or embed: ${title}`),
      close,
    ),
    ...parts,
  );
  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) {
      const box = dialog.getBoundingClientRect();
      const inside =
        event.clientX >= box.left &&
        event.clientX <= box.right &&
        event.clientY >= box.top &&
        event.clientY <= box.bottom;
      if (!inside) dialog.close();
    }
  });
  return dialog;
}

/**
 * Add the "Share / embed" button to `widget`'s frame, before its title (`.widget-title`). The dialog is built when
 * opened, from the state the widget shows then, in the document's body (outside the widget, whose keys step it), and
 * removed when closed; focus returns to the button.
 * @param name the widget's URL name (`step-cell`), also its URL-state namespace
 */
export function addShareButton(widget: HTMLElement, name: string): HTMLButtonElement {
  const titleElement = widget.querySelector('.widget-title');
  const title = titleElement?.textContent?.trim() || name;
  const button = el(
    'button',
    { type: 'button', class: 'button widget-share', 'aria-haspopup': 'dialog' },
    'Share / embed',
  );
  button.addEventListener('click', () => {
    const dialog = buildDialog(widget, name, title);
    document.body.append(dialog);
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (button.isConnected) button.focus();
    });
    dialog.showModal();
  });
  // The widget's own keys (arrows step it) are not for this button.
  button.addEventListener('keydown', (event) => event.stopPropagation());
  if (titleElement) titleElement.before(button);
  else widget.prepend(button);
  return button;
}
