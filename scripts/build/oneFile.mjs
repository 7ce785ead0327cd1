// One-file widgets: a widget's built embed page turned into a single self-contained HTML file, with its styles,
// scripts, KaTeX's fonts (as a script that registers them from bytes), its data files and its worker inside, so it
// works from disk (file://), uploaded to a learning platform, in a sandboxed frame and offline, like a PhET simulation.
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

/** Elements to drop from the copy (links that only make sense on the site, like the download link itself). */
const OMIT = 'dataOnefileOmit';

/** Text that would end a raw-text element early, or switch the HTML parser into its "escaped" script state. */
function assertRawText(text, tag, what) {
  if (new RegExp(`</${tag}|<!--`, 'i').test(text)) {
    throw new Error(`oneFile: ${what} contains "</${tag}" or "<!--" and cannot be put inside <${tag}> as it is`);
  }
  return text;
}

/** A data file as JSON text safe inside <script type="application/json"> (`<` written as its JSON escape). */
function dataJson(text) {
  return JSON.stringify(text).replace(/</g, '\\u003c');
}

/** What a one-file widget shows until its code runs, and for good if its inline scripts are blocked. */
const PLACEHOLDER =
  'The interactive figure loads here. If this text stays, scripts are blocked where this file was opened (scripts ' +
  'turned off, or a Content-Security-Policy that forbids inline scripts): open the file from your disk instead.';

const MIME = { svg: 'image/svg+xml', png: 'image/png', woff2: 'font/woff2', woff: 'font/woff', ttf: 'font/ttf' };

/**
 * Turn the embed page `html` into one file.
 * @param {object} options
 * @param {string} options.html the built embed page (`embed/<name>/index.html`)
 * @param {(path: string) => Promise<Buffer>} options.read a file of the build by its root-relative URL path
 * @param {string} options.base the site's base path, e.g. `/` or `/course/`
 * @param {string | undefined} options.site the site's origin (SITE_URL), for links back to the course; without it,
 *   such links become plain text
 * @param {boolean} options.math whether the widget typesets math (then KaTeX's fonts go in)
 * @param {Record<string, string>} options.data data files the widget reads, by name, with their text
 * @returns {Promise<string>}
 */
export async function oneFileWidget({ html, read, base, site, math, data }) {
  const tree = fromHtml(html);
  const jobs = [];
  const text = async (path) => (await read(path)).toString('utf8');
  const dataUrl = async (path) => {
    const ext = path.split('.').pop() ?? '';
    return `data:${MIME[ext] ?? 'application/octet-stream'};base64,${(await read(path)).toString('base64')}`;
  };
  /** CSS with every url() to a file of the build made a data: URL. */
  const inlineCss = async (css, from) => {
    const urls = [...css.matchAll(/url\((['"]?)([^)'"]+)\1\)/g)].filter(([, , u]) => !/^(data:|#)/.test(u));
    for (const [whole, , url] of urls) {
      const path = new URL(url, `http://x${from}`).pathname;
      css = css.replace(whole, `url(${await dataUrl(path)})`);
    }
    return css;
  };
  const el = (tagName, properties, value) => ({
    type: 'element',
    tagName,
    properties,
    children: value === undefined ? [] : [{ type: 'text', value }],
  });

  const visit = (node, parent) => {
    if (node.type !== 'element') {
      node.children?.slice().forEach((child) => visit(child, node));
      return;
    }
    const p = node.properties ?? {};
    if (p[OMIT] !== undefined) {
      parent.children.splice(parent.children.indexOf(node), 1);
      return;
    }
    if (node.tagName === 'html') {
      // What the widget's "Share / embed" dialog reads: this is a one-file copy, and where the course lives if known.
      p.dataOnefile = '';
      if (site) p.dataSite = new URL(base, site).href;
    }
    if (Array.isArray(p.className) && p.className.includes('widget-placeholder')) {
      // Shown only if the scripts inside never run: where this file is opened may block inline scripts.
      node.children = [{ type: 'text', value: PLACEHOLDER }];
      return;
    }
    const href = typeof p.href === 'string' ? p.href : null;
    const rel = Array.isArray(p.rel) ? p.rel : [];
    if (node.tagName === 'link' && rel.includes('stylesheet') && href) {
      jobs.push(async () => {
        const css = assertRawText(await inlineCss(await text(href), href), 'style', href);
        parent.children.splice(parent.children.indexOf(node), 1, el('style', {}, css));
      });
    } else if (node.tagName === 'link' && rel.includes('icon') && href) {
      jobs.push(async () => {
        p.href = await dataUrl(href);
      });
    } else if (node.tagName === 'script' && typeof p.src === 'string') {
      const src = p.src;
      jobs.push(async () => {
        const inline = [el('script', {}, assertRawText(await text(src), 'script', src))];
        if (src === `${base}boot.js` && math) {
          const fonts = `${base}fonts/katex/katex-fonts.js`;
          inline.push(el('script', {}, assertRawText(await text(fonts), 'script', fonts)));
        }
        if (src.endsWith('/widget.js')) {
          // Before the widget's code: its worker is handed these files (components/lib/trainingWorker.inline.ts).
          const files = Object.entries(data).map(([name, value]) =>
            el('script', { type: 'application/json', dataUnrolledFile: name }, dataJson(value)),
          );
          inline.unshift(...files);
        }
        parent.children.splice(parent.children.indexOf(node), 1, ...inline);
      });
    } else if (node.tagName === 'a' && href?.startsWith('/')) {
      if (site) p.href = new URL(href, site).href;
      else {
        delete p.href;
        delete p.target;
        delete p.rel;
      }
    }
    node.children?.slice().forEach((child) => visit(child, node));
  };
  visit(tree, null);
  for (const job of jobs) await job();
  const unresolved = toHtml(tree).match(/\s(?:src|href)="\/[^"]*"/g);
  if (unresolved) throw new Error(`oneFile: references to the site remain: ${unresolved.join(', ')}`);
  tree.children.splice(1, 0, {
    type: 'comment',
    value:
      ' One file from Unrolled, an explorable course on recurrent neural networks: the widget, its code, fonts and data.' +
      ' Open it from disk, upload it to a learning platform, or frame it; it needs no network.' +
      " Code MIT; course text and figures CC BY 4.0; data sets under their own licenses (see LICENSE-CONTENT in the course's source). ",
  });
  return toHtml(tree);
}
