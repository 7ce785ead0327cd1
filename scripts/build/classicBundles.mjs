// Classic (non-module) scripts built with esbuild, for pages that cannot load ES modules from the site: boot.js (every
// page's first script), and each widget's embed bundle, which carries the widget, its styles, and the training worker
// as text started from a blob: URL. A sandboxed iframe on another origin (origin "null") and a file:// page load
// classic scripts, but refuse module scripts and workers from the site (CORS); see README "Deploying".
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const WORKER_ENTRY = join(root, 'engine/worker/train.worker.ts');
const WORKER_MODULE = 'virtual:unrolled/training-worker';

/** Browsers the bundles are written for: what the site's own Vite build targets. */
const TARGET = ['es2022', 'chrome109', 'firefox115', 'safari16'];

/** `import.meta.env` as Vite defines it for the site's code, for a build with this base path. */
const env = (base) => ({
  'import.meta.env': JSON.stringify({ BASE_URL: base, MODE: 'production', DEV: false, PROD: true, SSR: false }),
  'import.meta.env.BASE_URL': JSON.stringify(base),
});

/** The module that defines a widget's custom element, by the convention `<Name>/<name>.ts` for the URL name `<name>`. */
export function widgetModule(name) {
  const camel = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const path = join(root, 'components/widgets', camel[0].toUpperCase() + camel.slice(1), `${camel}.ts`);
  if (!existsSync(path)) throw new Error(`classicBundles: widget "${name}" has no module at ${path}`);
  return path;
}

/** Vite's `?raw` imports (a file's text as its default export), which esbuild does not know: the sentiment lab shows its sources. */
const rawImports = {
  name: 'unrolled:raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: join(args.resolveDir, args.path.slice(0, -'?raw'.length)),
      namespace: 'unrolled-raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'unrolled-raw' }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/** Common esbuild options: one self-contained classic script, minified, for the site's base path. */
const options = (base) => ({
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: TARGET,
  minify: true,
  legalComments: 'none',
  write: false,
  logLevel: 'silent',
  define: env(base),
  // No Vite here: the site's worker factory becomes the one that starts the worker from text it carries.
  plugins: [
    rawImports,
    {
      name: 'unrolled:inline-worker',
      setup(b) {
        b.onResolve({ filter: /\/trainingWorker$/ }, (args) => ({
          path: join(args.resolveDir, 'trainingWorker.inline.ts'),
        }));
        b.onResolve({ filter: new RegExp(`^${WORKER_MODULE}$`) }, () => ({
          path: WORKER_MODULE,
          namespace: 'unrolled',
        }));
        b.onLoad({ filter: /.*/, namespace: 'unrolled' }, async () => ({
          contents: `export default ${JSON.stringify(await workerSource(base))};`,
          loader: 'js',
        }));
      },
    },
  ],
});

const workerSources = new Map();

/** The training worker as one classic script's text (cached per base path). */
export function workerSource(base) {
  if (!workerSources.has(base)) {
    const { plugins: _plugins, ...rest } = options(base);
    workerSources.set(
      base,
      build({ ...rest, plugins: [rawImports], entryPoints: [WORKER_ENTRY] }).then(
        (result) => result.outputFiles[0].text,
      ),
    );
  }
  return workerSources.get(base);
}

/** `boot.js`: theme before first paint and load-failure messages (components/lib/boot.ts). */
export async function bootScript(base) {
  const result = await build({ ...options(base), entryPoints: [join(root, 'components/lib/boot.ts')] });
  return result.outputFiles[0].text;
}

/**
 * One widget's embed bundle: `js` defines its element and runs the embed page's setup, `css` holds the styles its
 * code imports (possibly empty); `math` says whether it typesets with KaTeX or texMathml (and so needs KaTeX's fonts).
 * @returns {Promise<{ js: string; css: string; math: boolean }>}
 */
export async function widgetBundle(name, base) {
  const module = widgetModule(name);
  // First find out whether the widget pulls in KaTeX, which decides whether the page loads its fonts.
  const probe = await build({
    ...options(base),
    minify: false,
    entryPoints: [module],
    metafile: true,
    outdir: 'out',
  });
  // KaTeX itself, or equations written as MathML by texMathml, which are set in KaTeX's fonts to match the page's math.
  const math = Object.keys(probe.metafile.inputs).some(
    (input) => /node_modules[\\/]katex[\\/]/.test(input) || /components[\\/]lib[\\/]texMathml\.ts$/.test(input),
  );
  const result = await build({
    ...options(base),
    stdin: {
      contents: [
        `import { initEmbedPage } from ${JSON.stringify(join(root, 'components/lib/embedPage.ts'))};`,
        `import ${JSON.stringify(module)};`,
        `initEmbedPage({ widget: ${JSON.stringify(name)}, math: ${math} });`,
      ].join('\n'),
      resolveDir: root,
      sourcefile: `embed-${name}.ts`,
      loader: 'ts',
    },
    outdir: 'out',
    entryNames: 'widget',
  });
  const text = (ext) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: text('.js'), css: text('.css'), math };
}
