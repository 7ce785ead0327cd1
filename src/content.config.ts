// The `chapters` content collection: one MDX file per chapter in ../content, validated by the schema below.
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const chapters = defineCollection({
  // `NN-slug.mdx` are chapters; files starting with `_` are partials and never become pages.
  loader: glob({
    pattern: '[0-9][0-9]-*.mdx',
    base: './content',
    generateId: ({ entry }) => entry.replace(/^\d\d-/, '').replace(/\.mdx$/, ''),
  }),
  schema: z.object({
    /** The chapter's title, as shown in its heading, the navigation and the page title. */
    title: z.string().min(3),
    /** Position in the course, 1-based; chapters are listed and linked in this order. */
    order: z.number().int().positive(),
    /** One sentence for the home page and search results. */
    summary: z.string().min(20).max(240),
    /** What the reader can do after this chapter, shown at its top ("You will be able to…"). */
    objectives: z.array(z.string().min(5)).min(2).max(6),
  }),
});

export const collections = { chapters };
