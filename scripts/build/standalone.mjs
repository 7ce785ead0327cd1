// Astro integration: what lets pages and widgets run where the site cannot rely on ES modules or on its origin
// (a sandboxed iframe on another site, a file:// copy, a strict Content-Security-Policy). After `astro build` it
// writes boot.js, KaTeX's fonts under fonts/katex/, each widget's classic bundle beside its embed page
// (embed/<name>/widget.js and .css), a `.js` twin of every data file for workers without an origin, and each
// widget as one self-contained file (embed/<name>.html), whose size it writes into the pages that link to it.
// In `astro dev` it serves the same files on request, except the data twins and the one-file widgets.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, sep } from 'node:path';
import { bootScript, widgetBundle } from './classicBundles.mjs';
import { katexFontAssets, withoutKatexFontFaces } from './katexFonts.mjs';
import { oneFileWidget } from './oneFile.mjs';

/** A data file's twin: a classic script that puts the file's text in `self.unrolledData` (engine/worker/siteFiles.ts). */
export function dataTwin(name, text) {
  return `self.unrolledData=self.unrolledData||{};self.unrolledData[${JSON.stringify(name)}]=${JSON.stringify(text)};\n`;
}

async function write(path, contents) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, contents);
}

/** The URL names of the widgets whose embed pages the build wrote (`dist/embed/<name>/index.html`). */
async function embedNames(site) {
  const embed = join(site, 'embed');
  if (!existsSync(embed)) return [];
  const entries = await readdir(embed, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && existsSync(join(embed, e.name, 'index.html'))).map((e) => e.name);
}

/** A file size as the pages show it: "740 KB", "1.6 MB". */
export function formatSize(bytes) {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Write each widget's one-file copy to embed/<name>.html and fill its size into the `<span data-onefile-size="name">`
 * of every page that links to it. A widget gets the data files whose path (`data/<file>`) its bundle mentions.
 * @returns {Promise<Record<string, number>>} bytes of each one-file widget
 */
async function writeOneFileWidgets({ site, base, siteUrl, names, bundles, dataFiles }) {
  const read = (path) => readFile(join(site, path.slice(base.length)));
  const sizes = {};
  for (const [i, name] of names.entries()) {
    const data = {};
    for (const file of dataFiles) {
      if (bundles[i].js.includes(`data/${file}`)) data[file] = await readFile(join(site, 'data', file), 'utf8');
    }
    const html = await oneFileWidget({
      html: await readFile(join(site, 'embed', name, 'index.html'), 'utf8'),
      read,
      base,
      site: siteUrl,
      math: bundles[i].math,
      data,
    });
    await write(join(site, 'embed', `${name}.html`), html);
    sizes[name] = Buffer.byteLength(html);
  }
  // Every page: chapter pages carry the sizes too, for their widgets' "Share / embed" dialogs (Base.astro).
  const pages = (await readdir(site, { recursive: true }))
    .filter((path) => path === 'index.html' || path.endsWith(`${sep}index.html`))
    .map((path) => join(site, path));
  for (const page of pages) {
    const html = await readFile(page, 'utf8');
    const filled = html.replace(/<span data-onefile-size="([a-z-]+)"><\/span>/g, (whole, name) =>
      name in sizes ? `<span data-onefile-size="${name}">${formatSize(sizes[name])}</span>` : whole,
    );
    if (filled !== html) await writeFile(page, filled);
  }
  return sizes;
}

/** @returns {import('astro').AstroIntegration} */
export default function standalone() {
  let base = '/';
  let siteUrl;
  return {
    name: 'unrolled:standalone',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [withoutKatexFontFaces()] } });
      },
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        siteUrl = config.site;
      },
      'astro:server:setup': ({ server }) => {
        const fonts = katexFontAssets();
        server.middlewares.use((request, response, next) => {
          const path = new URL(request.url ?? '/', 'http://x').pathname;
          if (!path.startsWith(base)) return next();
          const rest = path.slice(base.length);
          const send = (type, body) => {
            response.setHeader('Content-Type', type);
            response.end(body);
          };
          const widget = /^embed\/([a-z-]+)\/widget\.(js|css)$/.exec(rest);
          if (rest === 'boot.js') bootScript(base).then((js) => send('text/javascript', js), next);
          else if (rest.startsWith('fonts/katex/') && fonts.has(rest.slice('fonts/katex/'.length))) {
            const file = rest.slice('fonts/katex/'.length);
            const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'text/javascript' : 'font/woff2';
            send(type, fonts.get(file));
          } else if (widget) {
            widgetBundle(widget[1], base).then(
              (bundle) => send(widget[2] === 'js' ? 'text/javascript' : 'text/css', bundle[widget[2]]),
              next,
            );
          } else next();
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        await write(join(site, 'boot.js'), await bootScript(base));
        for (const [file, contents] of katexFontAssets()) await write(join(site, 'fonts/katex', file), contents);
        const names = await embedNames(site);
        const bundles = await Promise.all(names.map((name) => widgetBundle(name, base)));
        for (const [i, name] of names.entries()) {
          await write(join(site, 'embed', name, 'widget.js'), bundles[i].js);
          await write(join(site, 'embed', name, 'widget.css'), bundles[i].css);
        }
        const dataDir = join(site, 'data');
        // Files directly under data/ (a folder such as sentiment-labelled-sentences/ is there for readers, not workers).
        const dataEntries = existsSync(dataDir) ? await readdir(dataDir, { withFileTypes: true }) : [];
        const dataFiles = dataEntries.filter((e) => e.isFile() && !e.name.endsWith('.js')).map((e) => e.name);
        for (const file of dataFiles) {
          await write(join(dataDir, `${file}.js`), dataTwin(file, await readFile(join(dataDir, file), 'utf8')));
        }
        const sizes = await writeOneFileWidgets({ site, base, siteUrl, names, bundles, dataFiles });
        const bundleSizes = names.map((n, i) => `${n} ${formatSize(bundles[i].js.length)}`).join(', ');
        logger.info(
          `classic bundles for ${names.length} embed pages (${bundleSizes}), KaTeX fonts, ${dataFiles.length} data twins`,
        );
        logger.info(`one-file widgets: ${names.map((n) => `${n}.html ${formatSize(sizes[n])}`).join(', ')}`);
      },
    },
  };
}
