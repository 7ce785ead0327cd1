// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { showNotices, shown, visible } from './notice';

describe('notices', () => {
  it('spells out controls, bidi overrides and isolates, invisible marks and separators, and nothing else', () => {
    expect(visible('a\u202Eb\u2066c\u2069d\u200Ee\u200Ff\u061Cg')).toBe(
      'a[U+202E]b[U+2066]c[U+2069]d[U+200E]e[U+200F]f[U+061C]g',
    );
    expect(visible('\u0000\t\n\u007F\u0085\u2028\u2029\uFEFF\u200B\u00AD')).toBe(
      '[U+0000][U+0009][U+000A][U+007F][U+0085][U+2028][U+2029][U+FEFF][U+200B][U+00AD]',
    );
    // A lone surrogate half is spelled out; a whole astral character, accents, other scripts and symbols are kept.
    expect(visible('x\uD800y')).toBe('x[U+D800]y');
    const plain = 'Step 3 — “0.5” ≤ −1 … 1: 𝑥₁ ünïcödé 数字 עברית 😀';
    expect(visible(plain)).toBe(plain);
  });

  it('quotes at most 40 characters (not cutting a character in two), then …', () => {
    expect(shown('short')).toBe('short');
    expect(shown('😀'.repeat(41))).toBe(`${'😀'.repeat(40)}…`);
    expect(shown('\u202E'.repeat(3), 2)).toBe('[U+202E][U+202E]…');
  });

  it('sets notices as text, never as HTML, and hides the line when there are none', () => {
    const line = document.createElement('p');
    showNotices(line, ['“w.t=<img src=x onerror=alert(1)>” must be a number.', 'Second\u202E one.']);
    expect(line.hidden).toBe(false);
    expect(line.children).toHaveLength(0);
    expect(line.textContent).toBe('“w.t=<img src=x onerror=alert(1)>” must be a number. Second[U+202E] one.');
    showNotices(line, []);
    expect(line.hidden).toBe(true);
    expect(line.textContent).toBe('');
  });
});
