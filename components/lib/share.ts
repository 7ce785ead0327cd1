// What the "Share / embed" dialog offers for one widget, as text: its link with the current state, iframe code, and an
// iframe with the few lines of host script that size it from the embed page's unrolled:resize messages.

/** A widget to share, and where the course lives. */
export interface ShareTarget {
  /** The widget's URL name (`step-cell`): its embed page is `<siteBase>embed/<name>/`. */
  name: string;
  /** Its title, for the iframe's `title` (what a screen reader announces for the frame). */
  title: string;
  /** The course's address with its base path, ending in `/` (`https://example.org/course/`). */
  siteBase: string;
  /** The page's query string (`?step-cell.t=3&char-model.hidden=64`); only this widget's parameters are kept. */
  search: string;
  /** The frame height to start with, in pixels. */
  height: number;
}

/** Everything the dialog shows for a target. */
export interface ShareTexts {
  /** The widget's own page with its current state. */
  link: string;
  /** A plain iframe of that page. */
  iframe: string;
  /** The iframe with a script that sets its height from the messages the embed page posts. */
  resizing: string;
  /** The one-file download of the widget. */
  oneFile: string;
}

/** The parameters of `search` that belong to widget `name`, as a query string with its `?` (or `''`). */
export function widgetSearch(name: string, search: string): string {
  const kept = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(search)) if (key.startsWith(`${name}.`)) kept.append(key, value);
  const text = kept.toString();
  return text ? `?${text}` : '';
}

/** Escape text for an HTML attribute value in double quotes. */
export function attribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The host script of the resizing snippet: every framed Unrolled widget on the page takes the height it posts. */
export const RESIZE_SCRIPT = `<script>
  // Unrolled widgets post their height (unrolled:ready, unrolled:resize); make each frame that tall.
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data.type !== 'string' || !data.type.startsWith('unrolled:')) return;
    if (typeof data.height !== 'number' || !(data.height > 0)) return;
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow === event.source) frame.style.height = Math.ceil(data.height) + 'px';
    }
  });
</script>`;

/** The link, iframe code, resizing snippet and one-file address for `target`. */
export function shareTexts(target: ShareTarget): ShareTexts {
  const link = `${target.siteBase}embed/${target.name}/${widgetSearch(target.name, target.search)}`;
  const height = Math.max(200, Math.round(target.height));
  const iframe =
    `<iframe src="${attribute(link)}" title="${attribute(target.title)}" width="100%" height="${height}" ` +
    `style="border:0" loading="lazy"></iframe>`;
  return {
    link,
    iframe,
    resizing: `${iframe}\n${RESIZE_SCRIPT}`,
    oneFile: `${target.siteBase}embed/${target.name}.html`,
  };
}

/**
 * The course's address with its base path, from the page's address, or null where the page has none to share (a
 * one-file widget opened from disk, `file:`).
 * @param base the site's base path (`import.meta.env.BASE_URL`, `/course/`)
 */
export function siteBaseOf(href: string, base: string): string | null {
  const url = new URL(href);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return new URL(base.endsWith('/') ? base : `${base}/`, url.origin).href;
}
