// For tests of equations written with texMathml: the tokens a reader sees, in order, from our MathML and from
// KaTeX's MathML of the same TeX, so a test can check that the browser shows what KaTeX would have typeset.
import katex from 'katex';
import { Window } from 'happy-dom';
import { texMathml } from '../texMathml';

const document = new Window().document as unknown as Document;

/** Tag and text of every mi, mn, mo and mtext under `root`, in order, leaving out spacing and KaTeX's TeX annotation. */
export function mathmlTokens(root: Element): string[] {
  return [...root.querySelectorAll('mi, mn, mo, mtext')]
    .filter((e) => !e.closest('annotation'))
    .map((e) => `${e.localName}:${(e.textContent ?? '').replace(/\u00a0/g, ' ').trim()}`)
    .filter((token) => !/^m(o|text):$/.test(token));
}

/** The tokens of `texMathml(tex)` and of KaTeX's MathML of `tex` (equal when the conversion lost or changed nothing). */
export function tokensBesideKatex(tex: string): { ours: string[]; katex: string[] } {
  const host = document.createElement('div');
  host.innerHTML = katex.renderToString(tex, { output: 'mathml', displayMode: true, throwOnError: true });
  return { ours: mathmlTokens(texMathml(tex, document)), katex: mathmlTokens(host.querySelector('math')!) };
}
