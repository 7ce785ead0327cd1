// Astro configuration: MDX chapters with KaTeX math, dual-theme code highlighting, and a Pagefind index written after each build.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import pagefindIndex from './scripts/pagefindIndex.mjs';
import rehypeScrollable from './scripts/rehypeScrollable.mjs';

export default defineConfig({
  trailingSlash: 'always',
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [[rehypeKatex, { throwOnError: false, strict: 'warn' }], rehypeScrollable],
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } },
  },
  integrations: [mdx(), pagefindIndex()],
  server: { host: '127.0.0.1' },
});
