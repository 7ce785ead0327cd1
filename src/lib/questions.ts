// The questions each chapter asks, read from its MDX source: the Check-yourself questions with their answers and the
// Predict-then-run questions with their choices, answer and why; and all of them as one Markdown file for instructors
// (served at /instructors/questions.md, linked from the instructors page).

/** A Check-yourself question: its text and its answer (Markdown, math as `$…$`). */
export interface CheckQuestion {
  question: string;
  answer: string;
}

/** A Predict question: its text, its choices (none for a number question), the answer and the why (Markdown). */
export interface PredictQuestion {
  id: string;
  question: string;
  choices: string[];
  /** The right choice's index, or the number. */
  answer: number;
  /** For a number question, its unit. */
  unit?: string;
  /** For a number question, its range and step as the chapter gives them. */
  number?: { min: number; max: number; step?: number; unit?: string };
  /** For a number question, how far from the answer still counts as right. */
  tolerance?: number;
  /** The words on the button that runs the experiment. */
  runLabel?: string;
  /** The widget preset that runs the experiment, if any (`lr-too-high`). */
  preset?: string;
  widget?: string;
  why: string;
}

/** A chapter's questions. */
export interface ChapterQuestions {
  title: string;
  order: number;
  /** Path of the chapter page under the site's base (`how-it-works/`). */
  path: string;
  check: CheckQuestion[];
  predict: PredictQuestion[];
}

/** A literal of a Predict prop (numbers, 'strings', arrays and `{ key: value }` objects of them), as JSON reads it. */
function literal(js: string): unknown {
  return JSON.parse(
    js
      .split(/('[^']*')/)
      .map((part, i) => (i % 2 === 1 ? JSON.stringify(part.slice(1, -1)) : part.replace(/(\w+):/g, '"$1":')))
      .join(''),
  );
}

/** The attribute-quoted HTML entities MDX authors may use in a `q="…"`. */
const unescape = (text: string): string => text.replaceAll('&quot;', '"').replaceAll('&amp;', '&');

/** The Check-yourself and Predict questions of one chapter's MDX body, in order. */
export function chapterQuestions(body: string): { check: CheckQuestion[]; predict: PredictQuestion[] } {
  const check = [...body.matchAll(/<Question q="([^"]*)">([\s\S]*?)<\/Question>/g)].map((m) => ({
    question: unescape(m[1]),
    answer: m[2].trim(),
  }));
  const predict = [...body.matchAll(/<Predict\b([\s\S]*?)\n>\n([\s\S]*?)<\/Predict>/g)].map((m) => {
    const props: Record<string, unknown> = {};
    for (const p of m[1].matchAll(/(\w+)=(?:"([^"]*)"|\{([\s\S]*?)\}(?=\s+\w+=|\s*$))/g))
      props[p[1]] = p[2] ?? literal(p[3]);
    const number = props.number as PredictQuestion['number'];
    return {
      id: String(props.id),
      question: String(props.question),
      choices: (props.choices as string[] | undefined) ?? [],
      answer: Number(props.answer),
      unit: number?.unit,
      number,
      tolerance: props.tolerance as number | undefined,
      runLabel: props.runLabel as string | undefined,
      preset: props.preset as string | undefined,
      widget: props.widget as string | undefined,
      why: m[2].trim(),
    };
  });
  return { check, predict };
}

/** The answer of a Predict question in words: `0.05` (the right choice) or `2.1 nats`. */
export function predictAnswer(q: PredictQuestion): string {
  if (q.choices.length > 0) return q.choices[q.answer] ?? `choice ${q.answer + 1}`;
  return `${q.answer}${q.unit ? ` ${q.unit}` : ''}`;
}

/** Indent every line of `text` but the first (and blank ones) by `spaces`, so it stays inside a Markdown list item. */
const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : `${' '.repeat(spaces)}${line}`))
    .join('\n');

/**
 * Every chapter's questions with their answers as one Markdown document, in course order.
 * @param siteBase the course's address with its base (`https://example.org/course/`), for links to the chapters
 * @param presetWidgets the widgets whose address takes `<name>.preset`: only their questions get a "Run it" link
 */
export function questionsMarkdown(
  chapters: ChapterQuestions[],
  siteBase: string,
  presetWidgets: ReadonlySet<string> = new Set(),
): string {
  // An absolute address is a Markdown link; a path (a build without SITE_URL) is shown as code.
  // A question is plain text: a `<` in it (`<pad>`) must not start an HTML tag.
  const plain = (text: string): string => text.replaceAll('<', '&lt;');
  const link = (url: string): string => (/^https?:\/\//.test(url) ? `<${url}>` : `\`${url}\``);
  const lines: string[] = [
    '# Unrolled: the questions of each chapter, with answers',
    '',
    'From _Unrolled_, an explorable course on recurrent neural networks (CC BY 4.0). Math is written in TeX between',
    '`$` signs. "Predict, then run" questions are answered by an experiment in the chapter; the answer given is what',
    "the course's runs with seed 1 show.",
  ];
  for (const chapter of [...chapters].sort((a, b) => a.order - b.order)) {
    if (chapter.check.length === 0 && chapter.predict.length === 0) continue;
    lines.push('', `## Chapter ${chapter.order}: ${chapter.title}`, '', link(`${siteBase}${chapter.path}`));
    if (chapter.predict.length > 0) {
      lines.push('', '### Predict, then run', '');
      chapter.predict.forEach((q, i) => {
        lines.push(`${i + 1}. ${plain(q.question)}`);
        if (q.choices.length > 0) lines.push('', ...q.choices.map((c) => `   - ${plain(c)}`));
        if (q.preset && q.widget && presetWidgets.has(q.widget))
          lines.push('', `   Run it: ${link(`${siteBase}embed/${q.widget}/?${q.widget}.preset=${q.preset}`)}`);
        if (q.widget)
          lines.push('', `   Ask it above the widget: ${link(`${siteBase}embed/${q.widget}/?predict=${q.id}`)}`);
        lines.push('', `   **Answer:** ${predictAnswer(q)}. ${indent(q.why, 3)}`, '');
      });
    }
    if (chapter.check.length > 0) {
      lines.push('', '### Check yourself', '');
      chapter.check.forEach((q, i) => {
        lines.push(`${i + 1}. ${plain(q.question)}`, '', `   **Answer:** ${indent(q.answer, 3)}`, '');
      });
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
