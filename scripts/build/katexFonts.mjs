// KaTeX's fonts served apart from its stylesheet, as woff2 files under fonts/katex/ with their own @font-face
// stylesheet (relative URLs, so any base path works) and a classic script that carries their bytes for pages without
// an origin, where font requests are refused by CORS (components/lib/katexFonts.ts chooses). Fonts are never inlined
// as data: URLs, which a strict font-src would block.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const katexDist = join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');
const FONT_FACE = /@font-face\s*\{[^}]*\}/g;

/**
 * Vite plugin: remove the @font-face rules from KaTeX's stylesheet wherever it is imported (the fonts come from
 * fonts/katex/ instead, see `katexFontAssets`).
 * @returns {import('vite').Plugin}
 */
export function withoutKatexFontFaces() {
  return {
    name: 'unrolled:katex-without-font-faces',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css($|\?)/.test(id)) return null;
      return { code: code.replace(FONT_FACE, ''), map: null };
    },
  };
}

/**
 * @typedef {{ family: string; style: string; weight: string; file: string }} KatexFace
 */

/** The fonts KaTeX's stylesheet declares, each with its woff2 file (every browser the course supports reads woff2). */
export function katexFaces() {
  const css = readFileSync(join(katexDist, 'katex.min.css'), 'utf8');
  return [...css.matchAll(FONT_FACE)].map(([rule]) => {
    const field = (name) => new RegExp(`${name}:([^;}]+)`).exec(rule)?.[1].trim() ?? '';
    const file = /url\(fonts\/([^)]+\.woff2)\)/.exec(rule)?.[1];
    if (!file) throw new Error(`katexFonts: no woff2 file in ${rule}`);
    return /** @type {KatexFace} */ ({
      family: field('font-family'),
      style: field('font-style'),
      weight: field('font-weight'),
      file,
    });
  });
}

/**
 * The files to write under `fonts/katex/`: each woff2, `katex-fonts.css` (the @font-face rules), and
 * `katex-fonts.js` (registers the same faces from bytes it carries, then marks `<html data-katex-fonts>`).
 * @returns {Map<string, string | Buffer>}
 */
export function katexFontAssets() {
  const faces = katexFaces();
  const files = new Map();
  for (const face of faces) files.set(face.file, readFileSync(join(katexDist, 'fonts', face.file)));
  files.set(
    'katex-fonts.css',
    faces
      .map(
        (f) =>
          `@font-face{font-display:block;font-family:${f.family};font-style:${f.style};font-weight:${f.weight};src:url(${f.file}) format("woff2")}`,
      )
      .join('\n') + '\n',
  );
  files.set('katex-fonts.js', katexFontScript(faces, files));
  return files;
}

/** A classic script that registers every face from its base64 bytes (no request, so no CORS and no font-src). */
function katexFontScript(faces, files) {
  const data = faces.map((f) => [f.family, f.style, f.weight, files.get(f.file).toString('base64')]);
  return `// KaTeX's fonts (MIT, Khan Academy and other contributors), registered from their bytes for pages without an origin.
(function () {
  var faces = ${JSON.stringify(data)};
  faces.forEach(function (f) {
    var text = atob(f[3]);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    document.fonts.add(new FontFace(f[0], bytes, { style: f[1], weight: f[2], display: 'block' }));
  });
  document.documentElement.setAttribute('data-katex-fonts', '');
})();
`;
}
