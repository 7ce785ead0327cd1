// Astro configuration: MDX chapters with KaTeX math, dual-theme code highlighting, and a Pagefind index written after each build.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import pagefindIndex from './scripts/pagefindIndex.mjs';
import rehypeScrollable from './scripts/rehypeScrollable.mjs';
import codeLineIndent from './scripts/codeLineIndent.mjs';
import standalone from './scripts/build/standalone.mjs';
import offline from './scripts/build/offline.mjs';

// Deploying under a sub-path (a GitHub Pages project site, an LMS folder): `BASE_PATH=/course/ npm run build`.
// SITE_URL (e.g. https://example.org) is the origin the site is served from, used for absolute links.
// The base is normalised to start and end with '/', since pages build URLs as `${import.meta.env.BASE_URL}data/...`.
const base = `/${(process.env.BASE_PATH ?? '').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const site = process.env.SITE_URL || undefined;
/** A module that is a stylesheet: a .css file or an .astro component's <style>. */
const STYLE = /\.css($|\?)|[?&]type=style\b|[?&]lang\.css\b/;

export default defineConfig({
  base,
  site,
  trailingSlash: 'always',
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [[rehypeKatex, { throwOnError: false, strict: 'warn' }], rehypeScrollable],
    shikiConfig: {
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
      transformers: [codeLineIndent()],
    },
  },
  integrations: [mdx(), standalone(), pagefindIndex(), offline()],
  // No inline <script> or <style> and no data: assets, so a strict Content-Security-Policy needs no exception.
  build: { inlineStylesheets: 'never' },
  vite: {
    build: {
      assetsInlineLimit: 0,
      // Every stylesheet in one file: each chapter linked some 19 small ones (all widgets' styles, as all chapters are one
      // route), and on a slow connection the requests, not the bytes, held back the first paint.
      rollupOptions: { output: { manualChunks: (id) => (STYLE.test(id) ? 'styles' : undefined) } },
    },
  },
  server: { host: '127.0.0.1' },
});
