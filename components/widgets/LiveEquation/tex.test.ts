import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { equationStep } from './model';
import {
  hiddenRows,
  outputRows,
  partTerms,
  TERM_PART,
  termInfo,
  termLabel,
  texMatrix,
  texShort,
  texVector,
  type TermId,
} from './tex';

const step1 = equationStep([1, 0], [0, 0, 0], 'tanh');

describe('live-equation TeX', () => {
  it('writes numbers, vectors and matrices for KaTeX', () => {
    expect(texShort(-0.3)).toBe('-0.3');
    expect(texShort(1)).toBe('1');
    expect(texShort(-0)).toBe('0');
    expect(texVector([0.5, -0.25])).toBe('\\begin{bmatrix}0.500 \\\\ -0.250\\end{bmatrix}');
    expect(
      texMatrix([
        [0.5, -0.3],
        [0.8, 0.2],
      ]),
    ).toBe('\\begin{bmatrix}0.5 & -0.3 \\\\ 0.8 & 0.2\\end{bmatrix}');
  });

  it('substitutes the step’s numbers: matrices, products, sum and activation', () => {
    const rows = hiddenRows(step1, 1, 'tanh');
    expect(rows.map((r) => r.pieces.map((p) => p.term ?? '·').join(' '))).toEqual([
      'h · act Wxh x · Whh hPrev · bh ·',
      '· · Wxh x · Whh hPrev · bh ·',
      '· · wxhX · whhH · bh ·',
      '· act a · · h',
    ]);
    const tex = rows.map((r) => r.pieces.map((p) => p.tex).join(' '));
    expect(tex[0]).toBe('h_{1} = \\tanh\\big( W_{xh} x_{1} + W_{hh} h_{0} + b_h \\big)');
    expect(tex[1]).toContain(
      '\\begin{bmatrix}0.5 & -0.3 \\\\ 0.8 & 0.2 \\\\ -0.4 & 0.6\\end{bmatrix} \\begin{bmatrix}1 \\\\ 0\\end{bmatrix}',
    );
    expect(tex[2]).toContain('\\begin{bmatrix}0.500 \\\\ 0.800 \\\\ -0.400\\end{bmatrix}');
    expect(tex[3]).toContain('\\begin{bmatrix}0.500 \\\\ 0.900 \\\\ -0.500\\end{bmatrix}');
    expect(tex[3]).toContain('\\begin{bmatrix}0.462 \\\\ 0.716 \\\\ -0.462\\end{bmatrix}');
    expect(hiddenRows(step1, 1, 'relu')[0].pieces[2].tex).toBe('\\operatorname{ReLU}\\big(');
  });

  it('writes the output equation with the logits and the softmax', () => {
    const rows = outputRows(step1, 1);
    expect(rows[0].pieces.map((p) => p.tex).join(' ')).toBe(
      'y_{1} = \\operatorname{softmax}\\big( W_{hy} h_{1} + b_y \\big)',
    );
    const last = rows[2].pieces;
    expect(last.at(-1)!.tex).toBe(texVector(step1.y));
    expect(last[2].tex).toBe(texVector(step1.z));
  });

  it('renders every piece with KaTeX without an error', () => {
    const all = [...hiddenRows(step1, 1, 'tanh'), ...hiddenRows(step1, 1, 'relu'), ...outputRows(step1, 1)];
    for (const piece of all.flatMap((r) => r.pieces)) {
      expect(() => katex.renderToString(piece.tex, { throwOnError: true })).not.toThrow();
    }
  });

  it('maps every term to a diagram part and back', () => {
    for (const term of Object.keys(TERM_PART) as TermId[]) expect(partTerms(TERM_PART[term])).toContain(term);
    expect(partTerms('Whh')).toEqual(['Whh', 'whhH']);
    expect(partTerms('a')).toEqual(['a']);
  });

  it('describes each term with its value', () => {
    const step = equationStep([0, 1], step1.h, 'tanh');
    expect(termLabel('whhH', step, 2, 'tanh')).toBe(
      `W_hh h_1, the memory term: [${step.whhH.map((v) => v.toFixed(3).replace('-', '−')).join(', ')}]`,
    );
    expect(termInfo('hPrev', step1, 1, 'tanh').role).toContain('h_0 starts at zero');
    expect(termInfo('act', step1, 1, 'relu').symbol).toBe('ReLU');
    expect(termInfo('Wxh', step1, 1, 'tanh').value).toBe('[0.5, −0.3], [0.8, 0.2], [−0.4, 0.6]');
  });
});
