// Every question and figure caption in the chapters writes its math between $…$, so it is typeset, never shown as raw TeX;
// Predict's questions, which are not typeset, hold none.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CONTENT = new URL('../../content/', import.meta.url);

/** The plain-text props that the prose components typeset (Question's q, Figure's caption), per chapter file. */
function mathProps(): { file: string; text: string }[] {
  return readdirSync(CONTENT)
    .filter((f) => f.endsWith('.mdx'))
    .flatMap((file) =>
      [...readFileSync(new URL(file, CONTENT), 'utf8').matchAll(/<(?:Question|Figure)\s+(?:q|caption)="([^"]*)"/g)].map(
        (m) => ({ file, text: m[1] }),
      ),
    );
}

/** TeX left outside $…$: a one-letter symbol with a subscript or superscript (h_t, W_hh, x^2; not code names such as hidden_size) or a command (\tanh). */
function rawTex(text: string): string[] {
  const outside = text.replace(/(?<!\\)\$[^$]*(?<!\\)\$/g, ' ');
  return outside.match(/\b[A-Za-z][_^](?:\{[^}]*\}|[A-Za-z0-9]+)|\\[A-Za-z]+/g) ?? [];
}

/** Predict's question, which is shown as plain text (no typesetting): it must hold no math at all. */
function predictQuestions(): { file: string; text: string }[] {
  return readdirSync(CONTENT)
    .filter((f) => f.endsWith('.mdx'))
    .flatMap((file) =>
      [...readFileSync(new URL(file, CONTENT), 'utf8').matchAll(/<Predict\b[^>]*?\squestion="([^"]*)"/g)].map((m) => ({
        file,
        text: m[1],
      })),
    );
}

describe('math in questions and captions', () => {
  it('is written between $…$ in every chapter (no raw TeX such as h_{t-1})', () => {
    const props = mathProps();
    expect(props.length).toBeGreaterThan(30);
    const raw = props.flatMap(({ file, text }) => rawTex(text).map((tex) => `${file}: ${tex}`));
    expect(raw).toEqual([]);
  });

  it("holds no math in Predict's questions, which are not typeset", () => {
    const questions = predictQuestions();
    expect(questions.length).toBeGreaterThan(0);
    const math = questions.filter(({ text }) => rawTex(text).length > 0 || /(?<!\\)\$/.test(text));
    expect(math.map(({ file, text }) => `${file}: ${text}`)).toEqual([]);
  });

  it('finds raw TeX where there is some', () => {
    expect(rawTex('reads x_t and h_{t-1} through \\tanh')).toEqual(['x_t', 'h_{t-1}', '\\tanh']);
    expect(rawTex('reads $x_t$ and $h_{t-1}$, costs \\$5')).toEqual([]);
  });
});
