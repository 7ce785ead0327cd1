import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { mathmlTokens, tokensBesideKatex } from './testing/mathmlTokens';
import { texMathml } from './texMathml';

const document = new Window().document as unknown as Document;
const leaves = mathmlTokens;

/** The same tokens in the same order as KaTeX's MathML for `tex`. */
const sameAsKatex = (tex: string): void => {
  const { ours, katex } = tokensBesideKatex(tex);
  expect(ours, tex).toEqual(katex);
};

describe('texMathml', () => {
  it('writes numbers, letters and operators as mn, mi and mo, with a real minus sign', () => {
    const math = texMathml('y = 2x - 0.5', document);
    expect(math.getAttribute('display')).toBe('block');
    expect(math.getAttribute('class')).toBe('tex');
    expect(leaves(math)).toEqual(['mi:y', 'mo:=', 'mn:2', 'mi:x', 'mo:−', 'mn:0.5']);
    sameAsKatex('y = 2x - 0.5');
  });

  it('puts subscripts and superscripts on the atom or group before them, both at once as msubsup', () => {
    const math = texMathml('W_{hy}^{\\top} h_{3}^2 x_t', document);
    const subsup = math.querySelectorAll('msubsup');
    expect(subsup).toHaveLength(2);
    expect(subsup[0].children[0].textContent).toBe('W');
    expect(subsup[0].children[1].textContent).toBe('hy');
    expect(subsup[0].children[2].textContent).toBe('⊤');
    expect(math.querySelector('msub')!.textContent).toBe('xt');
    sameAsKatex('W_{hy}^{\\top} h_{3}^2 x_t');
  });

  it('writes the symbols and constructs the widgets use as KaTeX does', () => {
    for (const tex of [
      '\\sigma(a) \\odot \\tanh(c_{t})',
      '\\hat y_{4} - y_{4}',
      '\\overleftarrow{h}_{3} + \\overrightarrow{z}^{(2)}_{1}',
      '\\Delta_{2} = \\big((1 - h_{2}^2) \\odot \\delta_{2}\\big)\\, h_{1}^{\\top}',
      '\\left(1 - z\\right) \\quad\\text{(no step after } T = 5\\text{)}',
      '\\begin{bmatrix}1.000 & -2.000\\\\0.500 & \\infty\\end{bmatrix}',
      '\\begin{aligned}a &= b \\\\[4pt] &\\quad + c \\\\ &= d\\end{aligned}',
    ])
      sameAsKatex(tex);
  });

  it('lays a bmatrix out as a bracketed table and aligned as right/left columns, with space after rows that ask for it', () => {
    const matrix = texMathml('\\begin{bmatrix}1 & 2\\\\3 & 4\\end{bmatrix}', document);
    expect([...matrix.querySelectorAll('mtr')].map((r) => r.textContent)).toEqual(['12', '34']);
    expect(matrix.querySelector('mrow > mo')!.textContent).toBe('[');
    const aligned = texMathml('\\begin{aligned}a &= b \\\\[4pt] &= c\\end{aligned}', document);
    const cells = [...aligned.querySelectorAll('mtd')];
    expect(cells.map((c) => c.getAttribute('style')?.match(/text-align: (\w+)/)?.[1])).toEqual([
      'right',
      'left',
      'right',
      'left',
    ]);
    expect(cells[2].getAttribute('style')).toContain('padding-top');
    expect(cells[0].getAttribute('style')).not.toContain('padding-top');
    // A line that continues with `= …` spaces the = as between two terms.
    expect(cells[1].querySelector('mo')!.getAttribute('form')).toBe('infix');
  });

  it('inserts \\text as text, never as markup', () => {
    const math = texMathml('\\text{<img src=x onerror=alert(1)>}', document);
    expect(math.querySelector('img')).toBeNull();
    expect(math.querySelector('mtext')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('refuses what it cannot write, so no term is silently lost', () => {
    expect(() => texMathml('\\frac{1}{2}', document)).toThrow(/unknown command \\frac/);
    expect(() => texMathml('\\begin{pmatrix}1\\end{pmatrix}', document)).toThrow(/unknown environment/);
    expect(() => texMathml('{a', document)).toThrow(/missing/);
    expect(() => texMathml('a}', document)).toThrow(/unbalanced/);
    expect(() => texMathml('a & b', document)).toThrow(/outside a table/);
  });
});
