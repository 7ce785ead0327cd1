// Notices for the reader as plain text, with invisible and direction-changing characters (U+202E…) spelled out.

/**
 * Characters that would hide, reorder or break the text around them when shown: controls (Cc: NUL, newline, DEL…),
 * format characters (Cf: the bidi overrides and isolates U+202A–202E and U+2066–2069, LRM/RLM, zero-width ones, BOM),
 * line and paragraph separators, and lone surrogates.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** `text` with each invisible or direction-changing character written as `[U+202E]`, so it cannot reorder a notice. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** A value from outside (the URL, a text field) to quote in a notice: at most `max` characters, then `…`, made `visible`. */
export function shown(raw: string, max = 40): string {
  const chars = [...raw];
  return visible(chars.length > max ? `${chars.slice(0, max).join('')}…` : raw);
}

/**
 * Show notices in a widget's notice line (as text, never HTML), hidden when there are none.
 * @param element the widget's `.widget-notice` paragraph
 */
export function showNotices(element: HTMLElement, notices: readonly string[]): void {
  element.hidden = notices.length === 0;
  element.textContent = visible(notices.join(' '));
}
