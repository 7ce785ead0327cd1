// @vitest-environment happy-dom
// A widget's section headings sit one level below the page's last heading before it, wherever the widget is put.
import { describe, expect, it } from 'vitest';
import { subheadingTag } from './dom';

describe('subheadingTag', () => {
  it('is h2 under an embed page’s h1, h4 under a chapter’s h3, never past h6, and ignores headings after the widget', () => {
    document.body.innerHTML = '<h1>Embed</h1><div id="w"></div><h3>later</h3>';
    expect(subheadingTag(document.getElementById('w')!)).toBe('h2');
    document.body.innerHTML = '<h1>Ch</h1><h2>Section</h2><h3>Try it</h3><p><span id="w"></span></p>';
    expect(subheadingTag(document.getElementById('w')!)).toBe('h4');
    document.body.innerHTML = '<h6>deep</h6><div id="w"></div>';
    expect(subheadingTag(document.getElementById('w')!)).toBe('h6');
    document.body.innerHTML = '<div id="w"></div>';
    expect(subheadingTag(document.getElementById('w')!)).toBe('h2');
  });
});
