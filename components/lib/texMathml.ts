// A small subset of TeX written as MathML in the browser, for equations whose numbers change as the reader steps (the
// BPTT stepper's recurrence, the gate inspector's gates): the browser typesets MathML itself, so no TeX typesetter loads.

const MATHML = 'http://www.w3.org/1998/Math/MathML';

/**
 * Symbols written as an identifier (`<mi>`): `normal` ones upright, as KaTeX sets them; a function name (`apply`) is
 * followed by an invisible function application.
 */
const IDENTIFIERS: Record<string, { text: string; normal?: boolean; apply?: boolean }> = {
  sigma: { text: 'σ' },
  delta: { text: 'δ' },
  Delta: { text: 'Δ', normal: true },
  top: { text: '⊤', normal: true },
  infty: { text: '∞', normal: true },
  tanh: { text: 'tanh', apply: true },
};

/** Symbols written as an operator (`<mo>`). */
const OPERATORS: Record<string, string> = { odot: '⊙', cdot: '⋅', times: '×' };

/** Spaces, in em. */
const SPACES: Record<string, number> = { quad: 1, qquad: 2, ',': 0.1667, ';': 0.2778, ' ': 0.3333 };

/** Arrows drawn over their argument. */
const OVER_ARROWS: Record<string, string> = { overleftarrow: '←', overrightarrow: '→' };

/** A token: a command (`\name`, or `\,`), a group brace, `_`, `^`, `&`, a row break (`\\`, with its extra space), or a character run. */
type Token =
  | { kind: 'command'; name: string }
  | { kind: '{' | '}' | '_' | '^' | '&' }
  | { kind: 'break'; space: number }
  | { kind: 'text'; text: string }
  | { kind: 'number' | 'letter' | 'symbol'; text: string };

const TOKEN =
  /\\text\{([^{}]*)\}|\\\\(?:\[(\d+(?:\.\d+)?)pt\])?|\\([A-Za-z]+|[,; !])|(\d+(?:\.\d+)?)|([A-Za-z])|([{}_^&])|(\s+)|(.)/gsu;

function tokenize(tex: string): Token[] {
  const tokens: Token[] = [];
  for (const m of tex.matchAll(TOKEN)) {
    const [whole, text, breakSpace, command, number, letter, special, space, other] = m;
    if (text !== undefined) tokens.push({ kind: 'text', text });
    else if (whole.startsWith('\\\\')) tokens.push({ kind: 'break', space: breakSpace ? Number(breakSpace) / 10 : 0 });
    else if (command !== undefined) tokens.push({ kind: 'command', name: command });
    else if (number !== undefined) tokens.push({ kind: 'number', text: number });
    else if (letter !== undefined) tokens.push({ kind: 'letter', text: letter });
    else if (special !== undefined) tokens.push({ kind: special as '{' });
    else if (space === undefined) tokens.push({ kind: 'symbol', text: other });
  }
  return tokens;
}

/** Where parsing a list of atoms stops: the end, a closing brace, `\right`, `\end`, a cell or a row boundary. */
type Stop = 'end' | '}' | 'right' | 'table';

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly tex: string,
    private readonly doc: Document,
  ) {}

  node(tag: string, attrs: Record<string, string> = {}, ...children: (Element | string)[]): Element {
    const element = this.doc.createElementNS(MATHML, tag);
    for (const [k, v] of Object.entries(attrs)) element.setAttribute(k, v);
    element.append(...children);
    return element;
  }

  fail(why: string): never {
    throw new Error(`texMathml: ${why} in "${this.tex}"`);
  }

  peek(): Token | undefined {
    return this.tokens[this.at];
  }

  next(): Token {
    const token = this.tokens[this.at++];
    if (!token) this.fail('unexpected end');
    return token;
  }

  /** Atoms up to `stop`, as a list (the caller wraps them in an mrow when it needs one element). */
  list(stop: Stop): Element[] {
    const out: Element[] = [];
    for (;;) {
      const token = this.peek();
      if (!token) {
        if (stop !== 'end') this.fail(`missing ${stop}`);
        return out;
      }
      if (token.kind === '}') {
        if (stop !== '}') this.fail('unbalanced }');
        return out;
      }
      if (token.kind === 'command' && token.name === 'right') {
        if (stop !== 'right') this.fail('\\right without \\left');
        return out;
      }
      if (token.kind === '&' || token.kind === 'break' || (token.kind === 'command' && token.name === 'end')) {
        if (stop !== 'table') this.fail(`${token.kind === 'command' ? '\\end' : token.kind} outside a table`);
        return out;
      }
      if (token.kind === '_' || token.kind === '^') {
        this.next();
        const base = out.pop() ?? this.node('mrow');
        out.push(this.script(base, token.kind));
        continue;
      }
      out.push(this.atom());
    }
  }

  /** `base` with the script just read (and a second one of the other kind, if it follows). */
  script(base: Element, first: '_' | '^'): Element {
    const firstArg = this.argument();
    const after = this.peek();
    if (after && (after.kind === '_' || after.kind === '^') && after.kind !== first) {
      this.next();
      const secondArg = this.argument();
      const [sub, sup] = first === '_' ? [firstArg, secondArg] : [secondArg, firstArg];
      return this.node('msubsup', {}, base, sub, sup);
    }
    return this.node(first === '_' ? 'msub' : 'msup', {}, base, firstArg);
  }

  /** One argument: a braced group (as one element) or a single atom. */
  argument(): Element {
    const token = this.peek();
    if (token?.kind === '{') {
      this.next();
      const items = this.list('}');
      this.next();
      return items.length === 1 ? items[0] : this.node('mrow', {}, ...items);
    }
    return this.atom();
  }

  /** The text of a braced group, read as is (for `\text`, `\begin`, `\end`). */
  rawGroup(): string {
    if (this.next().kind !== '{') this.fail('expected {');
    let depth = 1;
    let text = '';
    for (;;) {
      const token = this.next();
      if (token.kind === '{') depth++;
      else if (token.kind === '}' && --depth === 0) return text;
      text += tokenText(token);
    }
  }

  atom(): Element {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return this.node('mn', {}, token.text);
      case 'letter':
        return this.node('mi', {}, token.text);
      case 'symbol':
        return this.node('mo', {}, token.text === '-' ? '−' : token.text);
      case '{': {
        const items = this.list('}');
        this.next();
        return this.node('mrow', {}, ...items);
      }
      case 'command':
        return this.command(token.name);
      case 'text':
        // Spaces at either end would be dropped by the typesetter; no-break spaces keep them.
        return this.node('mtext', {}, token.text.replace(/^ | $/g, '\u00a0'));
      default:
        return this.fail(`unexpected ${token.kind}`);
    }
  }

  command(name: string): Element {
    const identifier = IDENTIFIERS[name];
    if (identifier) {
      const mi = this.node(
        'mi',
        identifier.normal || identifier.apply ? { mathvariant: 'normal' } : {},
        identifier.text,
      );
      return identifier.apply ? this.node('mrow', {}, mi, this.node('mo', {}, '\u2061')) : mi;
    }
    if (name in OPERATORS) return this.node('mo', {}, OPERATORS[name]);
    if (name in SPACES) return this.node('mspace', { width: `${SPACES[name]}em` });
    if (name in OVER_ARROWS)
      return this.node(
        'mover',
        { accent: 'true' },
        this.argument(),
        this.node('mo', { stretchy: 'true' }, OVER_ARROWS[name]),
      );
    switch (name) {
      case 'hat':
        return this.node('mover', { accent: 'true' }, this.argument(), this.node('mo', {}, '^'));
      case 'big': {
        const fence = this.next();
        if (fence.kind !== 'symbol') this.fail('\\big without a delimiter');
        return this.node(
          'mo',
          { fence: 'false', stretchy: 'true', symmetric: 'true', minsize: '1.2em', maxsize: '1.2em' },
          fence.text,
        );
      }
      case 'left': {
        const open = this.delimiter();
        const inner = this.list('right');
        this.next();
        const close = this.delimiter();
        return this.node(
          'mrow',
          {},
          this.node('mo', { fence: 'true' }, open),
          this.node('mrow', {}, ...inner),
          this.node('mo', { fence: 'true' }, close),
        );
      }
      case 'begin':
        return this.environment(this.rawGroup());
      default:
        return this.fail(`unknown command \\${name}`);
    }
  }

  delimiter(): string {
    const token = this.next();
    if (token.kind !== 'symbol') this.fail('expected a delimiter');
    return token.text;
  }

  /** `bmatrix` (a bracketed table, centred cells) or `aligned` (right- then left-aligned columns, as display math). */
  environment(name: string): Element {
    if (name !== 'bmatrix' && name !== 'aligned') this.fail(`unknown environment ${name}`);
    const rows: { cells: Element[][]; space: number }[] = [{ cells: [], space: 0 }];
    for (;;) {
      rows[rows.length - 1].cells.push(this.list('table'));
      const token = this.next();
      if (token.kind === 'break') rows.push({ cells: [], space: token.space });
      else if (token.kind === 'command') {
        if (this.rawGroup() !== name) this.fail(`\\end does not close ${name}`);
        break;
      }
    }
    const aligned = name === 'aligned';
    const table = this.node(
      'mtable',
      aligned ? { displaystyle: 'true', class: 'tex-aligned' } : { class: 'tex-matrix' },
    );
    rows.forEach((row, r) => {
      const tr = this.node('mtr');
      row.cells.forEach((cell, c) => {
        // Alignment and spacing as CSS (MathML Core has no columnalign): aligned's columns meet at the `&`.
        const style = [`text-align: ${aligned ? (c % 2 === 0 ? 'right' : 'left') : 'center'}`];
        if (aligned) style.push('padding: 0');
        if (row.space > 0 && r > 0) style.push(`padding-top: ${(row.space + (aligned ? 0.25 : 0.1)).toFixed(2)}em`);
        // A cell that continues a line (`&= …`, `&\quad + …`): its first operator is spaced as between two terms.
        const lead = cell.find((item) => item.localName !== 'mspace');
        if (aligned && c % 2 === 1 && lead?.localName === 'mo' && /^[=+−]$/.test(lead.textContent ?? ''))
          lead.setAttribute('form', 'infix');
        tr.append(
          this.node(
            'mtd',
            { style: style.join('; ') },
            ...(cell.length === 1 ? cell : [this.node('mrow', {}, ...cell)]),
          ),
        );
      });
      table.append(tr);
    });
    if (aligned) return table;
    return this.node(
      'mrow',
      {},
      this.node('mo', { fence: 'true' }, '['),
      table,
      this.node('mo', { fence: 'true' }, ']'),
    );
  }
}

/** The TeX a token was read from (for `\text` and environment names). */
function tokenText(token: Token): string {
  switch (token.kind) {
    case 'command':
      return `\\${token.name}`;
    case 'break':
      return '\\\\';
    case 'number':
    case 'letter':
    case 'symbol':
    case 'text':
      return token.text;
    default:
      return token.kind;
  }
}

/**
 * Display math as a MathML `<math display="block">` element, for this subset of TeX: numbers, letters, operators,
 * `_`/`^` scripts, braces, `\sigma \delta \Delta \tanh \top \infty`, `\odot`, `\hat`, `\overleftarrow`/`\overrightarrow`,
 * `\text`, `\big`, `\left…\right`, spaces (`\quad`, `\,`), and the `bmatrix` and `aligned` environments (rows may end
 * in `\\[4pt]`). The text of `\text` is inserted as text, never parsed as markup.
 * @throws on anything else, so an equation can never silently lose a term
 */
export function texMathml(tex: string, doc: Document = document): MathMLElement {
  const parser = new Parser(tokenize(tex), tex, doc);
  const items = parser.list('end');
  // Classed `tex`: global.css sets its letters in KaTeX's math italic, as the page's typeset math.
  const math = parser.node('math', { display: 'block', class: 'tex' }, parser.node('mrow', {}, ...items));
  return math as MathMLElement;
}
