// Astro integration: what lets pages and widgets run where the site cannot rely on ES modules or on its origin
// (a sandboxed iframe on another site, a file:// copy, a strict Content-Security-Policy). After `astro build` it
// writes boot.js, KaTeX's fonts under fonts/katex/, each widget's classic bundle beside its embed page
// (embed/<name>/widget.js and .css), and a `.js` twin of every data file for workers without an origin.
// In `astro dev` it serves the same files on request.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { bootScript, widgetBundle } from './classicBundles.mjs';
import { katexFontAssets, withoutKatexFontFaces } from './katexFonts.mjs';

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

/** @returns {import('astro').AstroIntegration} */
export default function standalone() {
  let base = '/';
  return {
    name: 'unrolled:standalone',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [withoutKatexFontFaces()] } });
      },
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
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
        const dataFiles = existsSync(dataDir) ? (await readdir(dataDir)).filter((f) => !f.endsWith('.js')) : [];
        for (const file of dataFiles) {
          await write(join(dataDir, `${file}.js`), dataTwin(file, await readFile(join(dataDir, file), 'utf8')));
        }
        logger.info(
          `classic bundles for ${names.length} embed pages (${names.map((n, i) => `${n} ${Math.round(bundles[i].js.length / 1024)} KB`).join(', ')}), KaTeX fonts, ${dataFiles.length} data twins`,
        );
      },
    },
  };
}
