// Plain arithmetic as MathML (numbers, letters, operators, brackets, squares) for formulas whose numbers change as the
// reader edits: the browser typesets MathML itself, so a page that shows only such formulas loads no TeX typesetter.

const MATHML = 'http://www.w3.org/1998/Math/MathML';

/** Numbers (digits with `,` grouping and a decimal point), single letters, `²`, and the operators and brackets. */
const TOKEN = /\d[\d,]*(?:\.\d+)?|[A-Za-z]|²|[·×+=()−-]/g;

/**
 * One line of arithmetic as a MathML `<math>` element: numbers become `<mn>`, letters `<mi>`, `²` squares the token
 * (or bracketed group) before it, everything else an `<mo>`. Spaces are dropped (MathML spaces operators itself); a
 * leading + or = is spaced as an infix operator, since the line continues a sum written in several pieces.
 * @param text e.g. "4 · (75 · 128 + 128² + 2 · 128)" or "= 114,635"
 * @throws if `text` holds anything else, so a formula can never silently lose a term
 */
export function arithmeticMathml(text: string, doc: Document = document): MathMLElement {
  const rest = text.replace(TOKEN, '').trim();
  if (rest !== '') throw new Error(`arithmeticMathml: cannot write "${rest}" of "${text}"`);
  const node = (tag: keyof MathMLElementTagNameMap, content?: string): MathMLElement => {
    const element = doc.createElementNS(MATHML, tag);
    if (content !== undefined) element.textContent = content;
    return element;
  };
  const row: MathMLElement[] = [];
  for (const [token] of text.matchAll(TOKEN)) {
    if (token === '²') {
      // Square the token before, or the whole group when it closes a bracket.
      const start = row.length > 0 && row[row.length - 1].textContent === ')' ? lastOpen(row) : row.length - 1;
      const base = node('mrow');
      base.append(...row.splice(start));
      const sup = node('msup');
      sup.append(base, node('mn', '2'));
      row.push(sup);
    } else if (/^\d/.test(token)) row.push(node('mn', token));
    else if (/^[A-Za-z]$/.test(token)) row.push(node('mi', token));
    else {
      const mo = node('mo', token === '-' ? '−' : token);
      // A line that starts "+ …" or "= …" continues a sum: space the operator as between two terms, not as a sign.
      if (row.length === 0 && /[+=·×]/.test(token)) mo.setAttribute('form', 'infix');
      row.push(mo);
    }
  }
  const math = node('math');
  const mrow = node('mrow');
  mrow.append(...row);
  math.append(mrow);
  return math;
}

/** Index of the `(` that matches the `)` at the end of `row`. */
function lastOpen(row: readonly MathMLElement[]): number {
  let depth = 0;
  for (let i = row.length - 1; i >= 0; i--) {
    const t = row[i].textContent;
    if (t === ')') depth++;
    else if (t === '(' && --depth === 0) return i;
  }
  return 0;
}
