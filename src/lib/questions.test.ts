// Reading the chapters' questions from their MDX and writing them as Markdown: every chapter's questions are found,
// the Predict props read as the component gets them, and the Markdown keeps each answer inside its list item.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chapterQuestions, questionsMarkdown, type ChapterQuestions } from './questions';

const content = new URL('../../content/', import.meta.url);
const files = readdirSync(content).filter((f) => /^\d\d-.*\.mdx$/.test(f));
const source = (file: string): string => readFileSync(new URL(file, content), 'utf8');

describe('chapter questions', () => {
  it('finds every Question and Predict block of every chapter', () => {
    for (const file of files) {
      const body = source(file);
      const { check, predict } = chapterQuestions(body);
      expect(check.length, file).toBe((body.match(/<Question\b/g) ?? []).length);
      expect(predict.length, file).toBe((body.match(/<Predict\b/g) ?? []).length);
      for (const q of check) expect(q.answer.length, `${file}: ${q.question}`).toBeGreaterThan(20);
    }
  });

  it('reads a Predict block’s props and why', () => {
    const { predict } = chapterQuestions(source('07-hyperparameters.mdx'));
    const lr = predict.find((q) => q.id === 'lr-too-high')!;
    expect(lr).toMatchObject({ choices: ['0.5', '0.05', '0.003'], answer: 1, widget: 'training-lab' });
    expect(lr.preset).toBe('lr-too-high');
    expect(lr.why).not.toContain('</Predict>');
    expect(lr.why.length).toBeGreaterThan(50);
  });

  it('writes the Markdown with chapter headings, answers and run links', () => {
    const chapters: ChapterQuestions[] = [
      {
        title: 'Two',
        order: 2,
        path: 'two/',
        check: [{ question: 'Why?', answer: 'Because.\n\nAnd $x^2$.' }],
        predict: [
          {
            id: 'p',
            question: 'Which?',
            choices: ['a', 'b'],
            answer: 1,
            preset: 'pre',
            widget: 'lab',
            why: 'B wins.',
          },
        ],
      },
      { title: 'One', order: 1, path: 'one/', check: [], predict: [] },
    ];
    expect(questionsMarkdown(chapters, 'https://x.org/c/', new Set(['lab']))).toContain(
      [
        '## Chapter 2: Two',
        '',
        '<https://x.org/c/two/>',
        '',
        '### Predict, then run',
        '',
        '1. Which?',
        '',
        '   - a',
        '   - b',
        '',
        '   Run it: <https://x.org/c/embed/lab/?lab.preset=pre>',
        '',
        '   Ask it above the widget: <https://x.org/c/embed/lab/?predict=p>',
        '',
        '   **Answer:** b. B wins.',
        '',
        '### Check yourself',
        '',
        '1. Why?',
        '',
        '   **Answer:** Because.',
        '',
        '   And $x^2$.',
      ].join('\n'),
    );
    const local = questionsMarkdown(chapters, '/');
    expect(local).not.toContain('Run it');
    expect(local).toContain('   Ask it above the widget: `/embed/lab/?predict=p`');
    expect(local).not.toContain('Chapter 1');
    expect(local).toContain('\n`/two/`\n');
  });
});
