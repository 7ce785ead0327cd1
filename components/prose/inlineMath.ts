// Plain-text props (a question, a caption) with inline math between $…$ turned into KaTeX HTML at build time.
import katex from 'katex';

/** Escape the five HTML-special characters of plain text. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/**
 * HTML for `text` in which every `$…$` is inline TeX, typeset by KaTeX (HTML for the eye, MathML for screen
 * readers); everything else is escaped as plain text. `\$` is a literal dollar sign; an unclosed `$` stays text.
 * @param text e.g. "With the rule $h_t = 0.5 h_{t-1}$, what is $h_3$?"
 * @returns an HTML string for Astro's `set:html`
 */
export function inlineMathHtml(text: string): string {
  let html = '';
  let rest = text;
  for (;;) {
    const open = findDollar(rest, 0);
    const close = open < 0 ? -1 : findDollar(rest, open + 1);
    if (close < 0) return html + escapeHtml(rest.replaceAll('\\$', '$'));
    html += escapeHtml(rest.slice(0, open).replaceAll('\\$', '$'));
    html += katex.renderToString(rest.slice(open + 1, close), { throwOnError: false, output: 'htmlAndMathml' });
    rest = rest.slice(close + 1);
  }
}

/** Index of the first `$` at or after `from` that is not escaped as `\$`, or −1. */
function findDollar(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] === '$' && text[i - 1] !== '\\') return i;
  return -1;
}
