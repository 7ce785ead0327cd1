// Inline math in plain-text props: TeX between $…$ is typeset, the rest escaped, \$ stays a dollar.
import { describe, expect, it } from 'vitest';
import { inlineMathHtml } from './inlineMath';

describe('inlineMathHtml', () => {
  it('typesets each $…$ with KaTeX and leaves the text around it', () => {
    const html = inlineMathHtml('With $h_{t-1}$ and $x_t$, what is it?');
    expect(html.startsWith('With <span class="katex">')).toBe(true);
    expect(html.match(/class="katex"/g)).toHaveLength(2);
    expect(html).toContain('<annotation encoding="application/x-tex">h_{t-1}</annotation>');
    expect(html).toContain(', what is it?');
    expect(html).not.toContain('$');
  });

  it('escapes the text as plain text', () => {
    expect(inlineMathHtml(`a <b> & "c" 'd'`)).toBe('a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;');
  });

  it('keeps an escaped or unclosed dollar as text', () => {
    expect(inlineMathHtml('costs \\$5 and \\$6')).toBe('costs $5 and $6');
    expect(inlineMathHtml('one $ alone')).toBe('one $ alone');
  });

  it('shows a TeX error in place rather than failing the build', () => {
    expect(inlineMathHtml('bad $\\frac{1}$ here')).toContain('katex-error');
  });
});
