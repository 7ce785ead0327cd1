// Build-time endpoint: every chapter's Check-yourself and Predict questions with their answers, as one Markdown file
// at /instructors/questions.md, for instructors to reuse (linked from the instructors page).
import type { APIRoute } from 'astro';
import { courseQuestions } from '../../lib/chapters';
import { questionsMarkdown } from '../../lib/questions';
import { widgets } from '../../../components/widgets/registry';

export const prerender = true;

export const GET: APIRoute = async ({ site }) => {
  const base = import.meta.env.BASE_URL;
  const siteBase = site ? new URL(base, site).href : base;
  // Only a widget whose address takes a preset can open on one from a link.
  const presetWidgets = new Set(widgets.filter((w) => 'preset' in w.spec).map((w) => w.name));
  return new Response(questionsMarkdown(await courseQuestions(), siteBase, presetWidgets), {
    headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
  });
};
