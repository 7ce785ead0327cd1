// KaTeX's fonts on an embed page. Font files are CORS requests, which a page without an origin (a sandboxed iframe)
// makes and the site may refuse; a classic script is not. So where the page has an origin it links the fonts'
// stylesheet, and where it has none it loads a script that carries the fonts' bytes and registers them (no request).

/** Make KaTeX's fonts available. `fontsBase` is the folder of katex-fonts.css and katex-fonts.js (`<base>fonts/katex/`). */
export function loadKatexFonts(fontsBase: string): void {
  const root = document.documentElement;
  // A one-file widget carries the fonts' script inline; it marks the page once they are registered.
  if (root.hasAttribute('data-katex-fonts')) return;
  if (window.origin === 'null') {
    const script = document.createElement('script');
    script.src = `${fontsBase}katex-fonts.js`;
    document.head.append(script);
  } else {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = `${fontsBase}katex-fonts.css`;
    document.head.append(link);
  }
  root.setAttribute('data-katex-fonts', '');
}
