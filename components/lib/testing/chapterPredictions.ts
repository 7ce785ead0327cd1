// For chapter tests: a chapter's MDX and its Predict questions about one widget, read as the instructors page reads
// them (src/lib/questions.ts), so a test can check each stated answer against what the widget computes.
import { readFileSync } from 'node:fs';
import { chapterQuestions, type PredictQuestion } from '../../../src/lib/questions';

/** The MDX source of `content/<file>`. */
export function chapterSource(file: string): string {
  return readFileSync(new URL(`../../../content/${file}`, import.meta.url), 'utf8');
}

/** The Predict questions of `content/<file>` that name the widget `widget`. */
export function predictionsAbout(file: string, widget: string): PredictQuestion[] {
  return chapterQuestions(chapterSource(file)).predict.filter((q) => q.widget === widget);
}
