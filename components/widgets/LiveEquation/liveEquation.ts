// <live-equation>: the RNN's hidden-state and output equations typeset with KaTeX, the current step's numbers
// substituted; pointing at (or focusing) a term lights its part of the cell diagram, and the reverse.
import katex from 'katex';
import { el } from '../../lib/dom';
import { showNotices } from '../../lib/notice';
import { fmtVector } from '../../lib/format';
import { TimeControls } from '../../lib/timeControls';
import type { StateOf } from '../../lib/urlState';
import { cellDiagram } from './diagram';
import { runSequence, type Activation, type EquationStep } from './model';
import { ACTIVATIONS, type liveEquationSpec, liveEquationUrl } from './state';
import {
  hiddenRows,
  outputRows,
  partTerms,
  TERM_PART,
  termInfo,
  termLabel,
  type EquationRow,
  type PartId,
  type TermId,
} from './tex';
import { addShareButton } from '../../lib/shareDialog';
import { answerFromPresets } from '../../lib/predictPresets';
import { liveEquationOutcome } from './predictions';

type State = StateOf<typeof liveEquationSpec>;

/** Every term, in the order the text alternative lists them. */
const TERM_ORDER: TermId[] = [
  'x',
  'hPrev',
  'Wxh',
  'wxhX',
  'Whh',
  'whhH',
  'bh',
  'a',
  'act',
  'h',
  'Why',
  'whyH',
  'by',
  'z',
  'softmax',
  'y',
];

/** A step number as Unicode subscript digits: 12 → ₁₂. */
const subscript = (n: number): string => String(n).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));

/** Typeset TeX that the widget wrote itself (never reader text) into `target`. */
function typeset(tex: string, target: HTMLElement): HTMLElement {
  katex.render(tex, target, { throwOnError: false, displayMode: false, output: 'htmlAndMathml' });
  return target;
}

class LiveEquationElement extends HTMLElement {
  private state!: State;
  private steps!: EquationStep[];
  private controls!: TimeControls;
  /** The term or diagram part the reader is pointing at or has focused, or null. */
  private active: { kind: 'term'; id: TermId } | { kind: 'part'; id: PartId } | null = null;
  private refs!: {
    notice: HTMLElement;
    acts: Record<Activation, HTMLButtonElement>;
    input: HTMLElement;
    diagram: HTMLElement;
    readout: HTMLElement;
    hidden: HTMLElement;
    output: HTMLElement;
    table: HTMLElement;
  };

  connectedCallback(): void {
    if (this.refs) return;
    const { state, notices } = liveEquationUrl.load();
    this.state = state;
    this.steps = runSequence(this.state.seq, this.state.act);
    this.build();
    addShareButton(this, 'live-equation');
    this.showNotices(notices);
    this.render();
    answerFromPresets(this, 'live-equation', liveEquationOutcome);
  }

  private build(): void {
    const base = this.id || 'live-equation';
    const actButton = (act: Activation): HTMLButtonElement =>
      el(
        'button',
        { type: 'button', class: 'button le-act', 'aria-pressed': 'false', onclick: () => this.setActivation(act) },
        act === 'tanh' ? 'tanh' : 'ReLU',
      );
    this.controls = new TimeControls({
      label: 'Step t of the sequence',
      min: 1,
      max: this.state.seq.length,
      value: this.state.t,
      playable: false,
      onChange: (t) => {
        this.state.t = t;
        this.update();
      },
    });
    this.refs = {
      notice: el('p', { class: 'widget-notice', role: 'status', hidden: true }),
      acts: { tanh: actButton('tanh'), relu: actButton('relu') },
      input: el('p', { class: 'le-input', 'aria-live': 'polite' }),
      diagram: el('div', { class: 'le-diagram-wrap' }),
      readout: el('p', { class: 'le-readout' }),
      hidden: el('div', {
        class: 'le-eq scroll-cue',
        role: 'group',
        'aria-label': 'The hidden-state update with the numbers in',
      }),
      output: el('div', { class: 'le-eq scroll-cue', role: 'group', 'aria-label': 'The output with the numbers in' }),
      table: el('div', {
        class: 'le-table-wrap scroll-cue',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Every term as a table',
      }),
    };

    this.setAttribute('role', 'group');
    this.setAttribute('aria-labelledby', `${base}-title`);
    this.setAttribute('aria-describedby', `${base}-help`);
    this.tabIndex = 0;
    this.addEventListener('keydown', (event) => this.controls.handleKey(event));
    // Pointing and focusing, for terms and diagram parts alike: delegated so that re-rendering keeps them working.
    this.addEventListener('pointerover', (event) => this.pointAt(event.target));
    this.addEventListener('pointerleave', () => this.setActive(this.focusedTarget()));
    this.addEventListener('focusin', (event) => this.pointAt(event.target));
    this.addEventListener('focusout', (event) => {
      if (!this.contains(event.relatedTarget as Node | null)) this.setActive(null);
    });
    this.replaceChildren(
      el('p', { class: 'widget-title', id: `${base}-title` }, 'The equations with the numbers in'),
      el(
        'p',
        { class: 'widget-help', id: `${base}-help` },
        'Point at or Tab to a term of the equations to find it in the cell diagram, or a part of the diagram ' +
          'to find its terms. ← and → step through the sequence.',
      ),
      this.refs.notice,
      el(
        'div',
        { class: 'le-controls' },
        el(
          'div',
          { class: 'le-field' },
          el('span', { class: 'le-label', id: `${base}-act-label` }, 'Activation f'),
          el(
            'div',
            { class: 'le-toggle', role: 'group', 'aria-labelledby': `${base}-act-label` },
            this.refs.acts.tanh,
            this.refs.acts.relu,
          ),
        ),
        this.controls.element,
      ),
      this.refs.input,
      el('div', { class: 'le-top' }, this.refs.diagram, this.refs.readout),
      el(
        'p',
        { class: 'le-eq-title' },
        'Hidden state',
        el('span', { class: 'le-scroll-hint' }, ' (the equations scroll sideways)'),
      ),
      this.refs.hidden,
      el('p', { class: 'le-eq-title' }, 'Output'),
      this.refs.output,
      el('details', { class: 'le-details' }, el('summary', {}, 'Every term as a table'), this.refs.table),
    );
  }

  private setActivation(act: Activation): void {
    this.state.act = act;
    this.steps = runSequence(this.state.seq, act);
    this.update();
  }

  private update(): void {
    this.render();
    liveEquationUrl.save(this.state);
  }

  private showNotices(notices: string[]): void {
    showNotices(this.refs.notice, notices);
  }

  private step(): EquationStep {
    return this.steps[this.state.t - 1];
  }

  private render(): void {
    const { t, act, seq } = this.state;
    const step = this.step();
    // Re-rendering replaces the focusable pieces; remember which one had the focus to give it back.
    const focusKey = this.contains(document.activeElement)
      ? (document.activeElement as HTMLElement).dataset?.key
      : undefined;

    for (const a of ACTIVATIONS) this.refs.acts[a].setAttribute('aria-pressed', String(a === act));
    this.controls.setRange(1, seq.length);
    this.controls.setValue(t);
    this.refs.input.textContent =
      `Step ${t} of ${seq.length}: x${subscript(t)} = ${fmtVector(step.x, 2)}, carrying ` +
      `h${subscript(t - 1)} = ${fmtVector(step.hPrev)} from ${t === 1 ? 'the start' : `step ${t - 1}`}.`;

    const describePart = (part: PartId): string =>
      partTerms(part)
        .map((term) => termLabel(term, step, t, act))
        .join('; ');
    this.refs.diagram.replaceChildren(cellDiagram(t, act, describePart, `${this.id || 'live-equation'}-cell`));
    this.typesetRows(this.refs.hidden, hiddenRows(step, t, act), 'h');
    this.typesetRows(this.refs.output, outputRows(step, t), 'y');
    this.refs.table.replaceChildren(this.termTable(step));
    this.refs.diagram.querySelectorAll<SVGGElement>('.le-part').forEach((p) => {
      p.dataset.key = `part-${p.dataset.part}`;
    });

    if (focusKey) this.querySelector<HTMLElement>(`[data-key="${focusKey}"]`)?.focus();
    this.setActive(this.active);
  }

  /**
   * Typeset rows of pieces into `container`; the first piece of each term is a tab stop with the term's name and
   * value. The rows keep their shape from step to step, so only pieces whose TeX changed are typeset again
   * (KaTeX is the costly part of a step) and the focused piece stays in place.
   */
  private typesetRows(container: HTMLElement, rows: EquationRow[], block: string): void {
    const seen = new Set<TermId>(block === 'y' ? ['h'] : []);
    const step = this.step();
    const shape = rows.map((row) => row.pieces.length).join(',');
    if (container.dataset.shape !== shape) {
      container.dataset.shape = shape;
      container.replaceChildren(
        ...rows.map((row) =>
          el(
            'div',
            { class: 'le-row' },
            el('span', { class: 'visually-hidden' }, `${row.caption}:`),
            ...row.pieces.map(() => el('span', {})),
          ),
        ),
      );
    }
    rows.forEach((row, r) => {
      const nodes = [...(container.children[r] as HTMLElement).children].slice(1) as HTMLElement[];
      row.pieces.forEach((piece, i) => {
        const node = nodes[i];
        if (node.dataset.tex !== piece.tex) {
          typeset(piece.tex, node);
          node.dataset.tex = piece.tex;
        }
        node.className = piece.term ? 'le-piece le-term' : 'le-piece';
        if (!piece.term) return;
        node.dataset.term = piece.term;
        node.dataset.key = `${block}-${r}-${i}`;
        if (!seen.has(piece.term)) {
          seen.add(piece.term);
          node.tabIndex = 0;
          node.setAttribute('role', 'img');
          node.setAttribute('aria-label', termLabel(piece.term, step, this.state.t, this.state.act));
        }
      });
    });
  }

  private termTable(step: EquationStep): HTMLElement {
    const { t, act } = this.state;
    return el(
      'table',
      { class: 'le-table' },
      el('caption', {}, `Every term at step ${t}`),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'term'),
          el('th', { scope: 'col' }, 'what it is'),
          el('th', { scope: 'col' }, 'value'),
        ),
      ),
      el(
        'tbody',
        {},
        ...TERM_ORDER.map((term) => {
          const info = termInfo(term, step, t, act);
          return el(
            'tr',
            {},
            el('th', { scope: 'row' }, info.symbol),
            el('td', {}, info.role),
            el('td', {}, info.value),
          );
        }),
      ),
    );
  }

  /** The term or part under the pointer or holding the focus. */
  private targetOf(node: EventTarget | null): LiveEquationElement['active'] {
    if (!(node instanceof Element)) return null;
    const term = node.closest<HTMLElement>('.le-term');
    if (term && this.contains(term)) return { kind: 'term', id: term.dataset.term as TermId };
    const part = node.closest<SVGGElement>('.le-part');
    if (part && this.contains(part)) return { kind: 'part', id: part.dataset.part as PartId };
    return null;
  }

  private focusedTarget(): LiveEquationElement['active'] {
    return this.targetOf(this.contains(document.activeElement) ? document.activeElement : null);
  }

  private pointAt(node: EventTarget | null): void {
    this.setActive(this.targetOf(node) ?? this.focusedTarget());
  }

  /** Light the active term everywhere it appears and its diagram part (or the part and all its terms). */
  private setActive(active: LiveEquationElement['active']): void {
    this.active = active;
    const terms = active === null ? [] : active.kind === 'term' ? [active.id] : partTerms(active.id);
    const part = active === null ? null : active.kind === 'term' ? TERM_PART[active.id] : active.id;
    this.querySelectorAll<HTMLElement>('.le-term').forEach((node) =>
      node.classList.toggle('is-lit', terms.includes(node.dataset.term as TermId)),
    );
    this.querySelectorAll<SVGGElement>('.le-part').forEach((node) =>
      node.classList.toggle('is-lit', node.dataset.part === part),
    );
    const step = this.step();
    const { t, act } = this.state;
    if (active === null) {
      this.refs.readout.replaceChildren(
        el(
          'span',
          { class: 'le-readout-hint' },
          'Point at or Tab to a term or a part of the diagram to see what it is and its numbers.',
        ),
      );
      return;
    }
    this.refs.readout.replaceChildren(
      ...terms.map((term) => {
        const info = termInfo(term, step, t, act);
        return el(
          'span',
          { class: 'le-readout-item' },
          el('strong', {}, info.symbol),
          ` — ${info.role}: `,
          el('span', { class: 'le-readout-value' }, info.value),
        );
      }),
    );
  }
}

if (!customElements.get('live-equation')) customElements.define('live-equation', LiveEquationElement);
