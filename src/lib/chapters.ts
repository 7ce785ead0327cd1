// Server-side access to the chapters collection, in course order, with a check that the order is a clean 1..N.
import { getCollection, type CollectionEntry } from 'astro:content';
import { chapterQuestions, type ChapterQuestions } from './questions';

/** A chapter entry of the content collection. */
export type Chapter = CollectionEntry<'chapters'>;

/** All chapters sorted by `order`; throws if two chapters share a position or one is missing. */
export async function sortedChapters(): Promise<Chapter[]> {
  const chapters = (await getCollection('chapters')).sort((a, b) => a.data.order - b.data.order);
  chapters.forEach((chapter, index) => {
    if (chapter.data.order !== index + 1) {
      throw new Error(
        `chapters: "${chapter.id}" has order ${chapter.data.order}, expected ${index + 1} (orders must be 1..${chapters.length} with no gaps or repeats)`,
      );
    }
  });
  return chapters;
}

/** The URL path of a chapter page. */
export function chapterHref(chapter: Chapter): string {
  return `${import.meta.env.BASE_URL}${chapter.id}/`;
}

/** Every chapter's Check-yourself and Predict questions, read from its MDX source, in course order. */
export async function courseQuestions(): Promise<ChapterQuestions[]> {
  return (await sortedChapters()).map((chapter) => ({
    title: chapter.data.title,
    order: chapter.data.order,
    path: `${chapter.id}/`,
    ...chapterQuestions(chapter.body ?? ''),
  }));
}
