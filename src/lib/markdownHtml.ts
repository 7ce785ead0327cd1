// Markdown fragments (a Predict question's "why", read from a chapter's MDX) turned into HTML at build time with the
// same math setup as the chapters (remark-math and KaTeX), for pages that show a question outside its chapter.
import { createMarkdownProcessor, type MarkdownProcessor } from '@astrojs/markdown-remark';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';

let processor: Promise<MarkdownProcessor> | null = null;

/**
 * HTML for a Markdown fragment with `$…$` math, for Astro's `set:html`. Raw HTML in the fragment is kept as
 * Markdown keeps it; the fragments come from the course's own chapters, never from a reader.
 */
export async function markdownHtml(markdown: string): Promise<string> {
  processor ??= createMarkdownProcessor({
    remarkPlugins: [remarkMath],
    rehypePlugins: [[rehypeKatex, { throwOnError: false, strict: 'warn' }]],
    syntaxHighlight: false,
  });
  return (await (await processor).render(markdown)).code;
}
