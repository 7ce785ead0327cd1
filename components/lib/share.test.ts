// The dialog's texts: only the widget's own parameters in its link, attributes escaped, the course's base kept.
import { describe, expect, it } from 'vitest';
import { attribute, RESIZE_SCRIPT, shareTexts, siteBaseOf, widgetSearch } from './share';

describe('share texts', () => {
  it('keeps only the widget’s parameters, in order', () => {
    expect(widgetSearch('step-cell', '?char-model.hidden=64&step-cell.t=3&theme=dark&step-cell.h=1,0,0')).toBe(
      '?step-cell.t=3&step-cell.h=1%2C0%2C0',
    );
    expect(widgetSearch('step-cell', '?char-model.hidden=64')).toBe('');
  });

  it('escapes what goes into an attribute', () => {
    expect(attribute('a "b" & <c>')).toBe('a &quot;b&quot; &amp; &lt;c&gt;');
  });

  it('builds the link, iframe, self-sizing code and one-file address under the site’s base', () => {
    const texts = shareTexts({
      name: 'gradient-lab',
      title: 'Vanishing & exploding "gradients"',
      siteBase: 'https://example.org/course/',
      search: '?gradient-lab.rho=1.2&step-cell.t=2',
      height: 1234.4,
    });
    expect(texts.link).toBe('https://example.org/course/embed/gradient-lab/?gradient-lab.rho=1.2');
    expect(texts.iframe).toBe(
      '<iframe src="https://example.org/course/embed/gradient-lab/?gradient-lab.rho=1.2" ' +
        'title="Vanishing &amp; exploding &quot;gradients&quot;" width="100%" height="1234" style="border:0" ' +
        'loading="lazy"></iframe>',
    );
    expect(texts.resizing).toBe(`${texts.iframe}\n${RESIZE_SCRIPT}`);
    expect(texts.oneFile).toBe('https://example.org/course/embed/gradient-lab.html');
  });

  it('finds the course’s address from the page’s, and none from a file', () => {
    expect(siteBaseOf('http://127.0.0.1:4321/course/embed/step-cell/?x=1', '/course/')).toBe(
      'http://127.0.0.1:4321/course/',
    );
    expect(siteBaseOf('https://example.org/how-it-works/', '/')).toBe('https://example.org/');
    expect(siteBaseOf('file:///home/me/step-cell.html', '/')).toBeNull();
  });
});
