// The one-file builder on a small page: stylesheets, scripts and the icon go inline, data files go in before the
// widget's script, KaTeX's fonts only for math, links to the course become absolute (or plain text), nothing of the
// site is left referenced, and text that would break out of a raw-text element is refused.
import { describe, expect, it } from 'vitest';
import { oneFileWidget } from './oneFile.mjs';

const page = `<!doctype html><html lang="en" data-embed><head><title>W</title>
<link rel="icon" href="/course/favicon.svg" type="image/svg+xml">
<script src="/course/boot.js"></script>
<link rel="stylesheet" href="/course/_astro/page.css"></head>
<body><w-x><p class="widget-placeholder">It needs JavaScript.</p></w-x><p>From <a href="/course/chapter/" target="_blank" rel="noopener">Unrolled</a>
<span data-onefile-omit><a href="/course/embed/w.html" download>Download</a></span></p>
<script src="/course/embed/w/widget.js" defer></script></body></html>`;

const files: Record<string, string> = {
  '/course/favicon.svg': '<svg/>',
  '/course/boot.js': 'boot();',
  '/course/_astro/page.css': 'body{background:url(/course/bg.png)}',
  '/course/bg.png': 'PNG',
  '/course/embed/w/widget.js': 'widget("data/book.txt");',
  '/course/fonts/katex/katex-fonts.js': 'fonts();',
};
const read = (path: string): Promise<Buffer> =>
  path in files ? Promise.resolve(Buffer.from(files[path])) : Promise.reject(new Error(`no ${path}`));

const build = (over: Partial<Parameters<typeof oneFileWidget>[0]> = {}): Promise<string> =>
  oneFileWidget({ html: page, read, base: '/course/', site: undefined, math: false, data: {}, ...over });

describe('oneFileWidget', () => {
  it('puts styles, scripts and the icon inside and references nothing of the site', async () => {
    const html = await build();
    expect(html).toContain('<script>boot();</script>');
    expect(html).toContain('<script>widget("data/book.txt");</script>');
    expect(html).toContain(`<style>body{background:url(data:image/png;base64,${btoa('PNG')})}</style>`);
    expect(html).toContain(`href="data:image/svg+xml;base64,${btoa('<svg/>')}"`);
    expect(html).not.toMatch(/(src|href)="\/course\//);
    expect(html).not.toContain('Download');
    expect(html).not.toContain('fonts();');
    expect(html).toMatch(
      /<p class="widget-placeholder">The interactive figure loads here\. If this text stays, scripts are blocked/,
    );
  });

  it('links back to the course when its address is known, and leaves plain text otherwise', async () => {
    expect(await build({ site: 'https://example.org' })).toContain(
      '<a href="https://example.org/course/chapter/" target="_blank" rel="noopener">Unrolled</a>',
    );
    expect(await build()).toContain('<a>Unrolled</a>');
  });

  it('carries data files as JSON before the widget, with < escaped, and KaTeX fonts for math', async () => {
    const html = await build({ data: { 'book.txt': 'Call me </script> Ishmael.' }, math: true });
    const data =
      '<script type="application/json" data-unrolled-file="book.txt">"Call me \\u003c/script> Ishmael."</script>';
    expect(html).toContain(data);
    expect(html.indexOf(data)).toBeLessThan(html.indexOf('widget("data/book.txt")'));
    expect(html).toContain('<script>boot();</script><script>fonts();</script>');
  });

  it('refuses a script that would end its <script> element early', async () => {
    files['/course/boot.js'] = 'x("</script>")';
    await expect(build()).rejects.toThrow('/course/boot.js contains "</script"');
    files['/course/boot.js'] = 'boot();';
  });
});
